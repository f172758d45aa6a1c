import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findCheckIn } from '../../db/queries/mentoring';
import { mentorReplies, parseCheckInValue, reflectionModal } from '../blocks/mentoring';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Answer" on the mirror question: the mentee gets the one-question form. */
export function mentorReflect(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'users'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const value = parseCheckInValue(action.value);
      const checkIn = value ? await findCheckIn(deps.db, teamId, value.checkInId) : undefined;
      if (!checkIn || checkIn.menteeId !== userId) return void (await tell(mentorReplies.notForYou));
      if (checkIn.menteeAnsweredAt) return void (await tell(mentorReplies.alreadyReflected));
      const mentorName = (await deps.users.find(checkIn.mentorId))?.name ?? 'your mentor';
      const dm = { channelId: body.channel?.id ?? null, messageTs: body.message?.ts ?? null };
      await client.views.open({ trigger_id: body.trigger_id, view: reflectionModal(checkIn, mentorName, dm) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not open the check-in reflection form');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
