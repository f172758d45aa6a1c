import type { Deps } from '../../../deps';
import { findPair } from '../queries';
import { reminderRefusal } from '../rules';
import { checkInModal, mentorReplies, parsePairValue } from '../blocks';
import { buttonAction } from '../../../platform/slack/button-action';
import { goalLinesFor, withCompetencyPicker } from '../../growth';

/** "Log check-in" on a reminder: the mentor gets the two-question form. */
export function mentorLogCheckIn(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'users'>) {
  return buttonAction(deps, 'could not open the check-in form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const value = parsePairValue(action.value);
    const pair = value ? await findPair(deps.db, teamId, value.pairId) : undefined;
    const refused = reminderRefusal(pair, userId);
    if (refused || !pair) return void (await tell(mentorReplies.reminderRefusal(refused ?? 'pair_gone', pair?.mentorId ?? '')));
    const menteeName = (await deps.users.find(pair.menteeId))?.name ?? 'your mentee';
    const dm = { channelId: body.channel?.id ?? null, messageTs: body.message?.ts ?? null };
    await client.views.open({ trigger_id: body.trigger_id, view: await withCompetencyPicker(deps.db, pair.teamId, checkInModal(pair, menteeName, dm, await goalLinesFor(deps.db, pair.teamId, pair.menteeId)), 'Which competency did you work on? (optional)') });
  });
}
