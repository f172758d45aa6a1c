import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findSession, insertAttendee } from '../../db/queries/sessions';
import { sessionReplies } from '../blocks/session';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "I'll join" on an announcement: the person is an attendee (once) and hears so privately. */
export function sessionJoin(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const sessionId = Number(action.value);
      const session = Number.isInteger(sessionId) && sessionId > 0 ? await findSession(deps.db, teamId, sessionId) : undefined;
      if (!session) return void (await tell(sessionReplies.gone));
      if (session.status !== 'scheduled' && session.status !== 'confirmed') return void (await tell(sessionReplies.notOpen(session.topic)));
      const added = await insertAttendee(deps.db, teamId, session.id, userId);
      await tell(added ? sessionReplies.joined(session.topic) : sessionReplies.alreadyJoined(session.topic));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not add a session attendee');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
