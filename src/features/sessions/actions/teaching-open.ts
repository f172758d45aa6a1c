import type { Deps } from '../../../deps';
import { findSession } from '../queries';
import { sessionReplies, teachingModal } from '../blocks';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Write it down" on the leader's after-session DM: the form, for the leader who led it only. */
export function sessionTeachingOpen(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not open the teaching learning form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const sessionId = Number(action.value);
    const session = Number.isInteger(sessionId) && sessionId > 0 ? await findSession(deps.db, teamId, sessionId) : undefined;
    if (!session) return void (await tell(sessionReplies.gone));
    const leaderId = session.confirmedLeaderId ?? session.leaderId;
    if (userId !== leaderId) return void (await tell(sessionReplies.notYours(leaderId)));
    await client.views.open({ trigger_id: body.trigger_id, view: teachingModal(session) });
  });
}
