import type { Deps } from '../../../deps';
import { findCheckIn } from '../queries';
import { mentorReplies, parseCheckInValue, reflectionModal } from '../blocks';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Answer" on the mirror question: the mentee gets the one-question form. */
export function mentorReflect(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'users'>) {
  return buttonAction(deps, 'could not open the check-in reflection form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const value = parseCheckInValue(action.value);
    const checkIn = value ? await findCheckIn(deps.db, teamId, value.checkInId) : undefined;
    if (!checkIn || checkIn.menteeId !== userId) return void (await tell(mentorReplies.notForYou));
    if (checkIn.menteeAnsweredAt) return void (await tell(mentorReplies.alreadyReflected));
    const mentorName = (await deps.users.find(checkIn.mentorId))?.name ?? 'your mentor';
    const dm = { channelId: body.channel?.id ?? null, messageTs: body.message?.ts ?? null };
    await client.views.open({ trigger_id: body.trigger_id, view: reflectionModal(checkIn, mentorName, dm) });
  });
}
