import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ephemeral, whatWentWrong } from './replies';
import { workspaceOf } from './workspace-of';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export interface ButtonClick {
  teamId: string;
  userId: string;
  /** One line only the clicker sees, below the message (the message itself stays). */
  tell(text: string): Promise<void>;
}

/**
 * A button with Learnloop's rules: acknowledged at once (Slack waits 3 s), then `work`; a failure is
 * logged as `failure` and the clicker is told that something went wrong, never left without an answer.
 */
export function buttonAction(deps: Pick<Deps, 'logger' | 'teamId'>, failure: string, work: (args: ButtonArgs, click: ButtonClick) => Promise<void>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const { body, respond } = args;
    const click: ButtonClick = {
      teamId: workspaceOf(body, deps),
      userId: body.user.id,
      tell: async (text) => {
        await respond({ ...ephemeral(text), replace_original: false });
      },
    };
    try {
      await work(args, click);
    } catch (error) {
      deps.logger.error({ err: error, teamId: click.teamId, userId: click.userId, actionId: args.action.action_id, value: args.action.value }, failure);
      await click.tell(whatWentWrong(error)).catch(() => undefined);
    }
  };
}
