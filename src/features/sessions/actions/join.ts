import type { Deps } from '../../../deps';
import { findSession, insertAttendee } from '../queries';
import { sessionReplies } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { notChannelMember } from '../../../platform/slack/replies';
import { buttonAction } from '../../../platform/slack/button-action';

/** "I'll join" on an announcement: the person is an attendee (once) and hears so privately. */
export function sessionJoin(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not add a session attendee', async ({ action, client }, { teamId, userId, tell }) => {
    const sessionId = Number(action.value);
    const session = Number.isInteger(sessionId) && sessionId > 0 ? await findSession(deps.db, teamId, sessionId) : undefined;
    if (!session) return void (await tell(sessionReplies.gone));
    // The button's value is a hint: only the session's channel's people join it (the answer names its topic).
    if (!(await isChannelMember(client, teamId, session.channelId, userId))) return void (await tell(notChannelMember('join a session')));
    if (session.status !== 'scheduled' && session.status !== 'confirmed') return void (await tell(sessionReplies.notOpen(session.topic)));
    const added = await insertAttendee(deps.db, teamId, session.id, userId);
    await tell(added ? sessionReplies.joined(session.topic) : sessionReplies.alreadyJoined(session.topic));
  });
}
