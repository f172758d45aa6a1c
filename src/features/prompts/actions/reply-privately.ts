import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { findPrompt } from '../queries/prompts';
import { privateReplyModal } from '../blocks/private-reply';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { ephemeral, notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { workspaceOf } from '../../../platform/slack/workspace-of';

/** "Reply privately" on a prompt opens the private reply modal. */
export function promptReplyPrivately(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    try {
      const prompt = await findPrompt(deps.db, teamId, Number(action.value));
      if (!prompt || prompt.status !== 'posted') {
        await respond({ ...ephemeral('That prompt is no longer in Learnloop, so there is nothing to reply to.'), replace_original: false });
        return;
      }
      // The button's value is a hint: the form shows the prompt's question, so only its channel's people get it.
      if (!(await isChannelMember(client, teamId, prompt.channelId, body.user.id))) {
        await respond({ ...ephemeral(notChannelMember('reply to a prompt')), replace_original: false });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: privateReplyModal(prompt.id, prompt.questionText ?? '') });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: body.user.id }, 'could not open the private reply modal');
      await respond({ ...ephemeral(whatWentWrong(error)), replace_original: false }).catch(() => undefined);
    }
  };
}
