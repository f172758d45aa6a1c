import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findPair } from '../../db/queries/mentoring';
import { checkInModal, mentorReplies, parsePairValue } from '../blocks/mentoring';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';
import { mentorReminderRefusal } from './mentor-snooze';

/** "Log check-in" on a reminder: the mentor gets the two-question form. */
export function mentorLogCheckIn(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'users'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const value = parsePairValue(action.value);
      const pair = value ? await findPair(deps.db, teamId, value.pairId) : undefined;
      const refused = mentorReminderRefusal(pair, userId);
      if (refused || !pair) return void (await tell(refused ?? mentorReplies.pairGone));
      const menteeName = (await deps.users.find(pair.menteeId))?.name ?? 'your mentee';
      const dm = { channelId: body.channel?.id ?? null, messageTs: body.message?.ts ?? null };
      await client.views.open({ trigger_id: body.trigger_id, view: checkInModal(pair, menteeName, dm) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not open the check-in form');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
