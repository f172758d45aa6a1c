import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { extendCommitment } from '../../commitments';
import { extendedDueDate } from '../../commitments';
import { localToday } from '../../../platform/time/calendar';
import { parseFollowUpButtonValue } from '../../commitments';
import { publishHome } from '../flows/publish-home';
import { workspaceOf } from '../../../platform/slack/workspace-of';

/**
 * "More time" on the App Home: a week more, exactly as from the follow-up DM, then the Home is
 * published again. The update only matches the owner's open commitment with the shown due date, so a
 * second click, someone else's commitment or a settled one changes nothing (the new Home shows why).
 */
export function homeCommitmentMoreTime(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'teamId' | 'botUserId' | 'audiences'>) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    try {
      const value = parseFollowUpButtonValue(action.value);
      if (value) {
        const today = localToday(deps.clock.now(), await deps.users.timeZoneOf(userId));
        const extended = await extendCommitment(deps.db, teamId, value.commitmentId, userId, value.dueDate, extendedDueDate(value.dueDate, today));
        deps.logger.info({ teamId, userId, commitmentId: value.commitmentId, extended: Boolean(extended) }, 'commitment more time from the Home');
      }
      await publishHome(deps, client, userId, teamId);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not give a commitment more time from the Home');
    }
  };
}
