import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { claimSessionStage, confirmSessionLeader, findSession, type Session } from '../queries';
import { announceLeader, announcePostponed, askBackupLeader } from '../jobs/run-session-steps';
import { sessionReplies } from '../blocks';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';
import { workspaceOf } from '../../../platform/slack/workspace-of';

export type SessionAnswer = 'leader_confirm' | 'leader_decline' | 'backup_take_over' | 'backup_decline';

/**
 * The buttons of the leader's and the backup leader's DMs. Only the person asked may answer, and
 * only while the session waits for them: the answer is a compare-and-set on the session, so a late
 * press (or one racing the job) changes nothing.
 */
export function sessionAnswer(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>, answer: SessionAnswer) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    const tell = (text: string, replace = false) => respond({ ...ephemeral(text), replace_original: replace });
    try {
      const sessionId = Number(action.value);
      const session = Number.isInteger(sessionId) && sessionId > 0 ? await findSession(deps.db, teamId, sessionId) : undefined;
      if (!session) return void (await tell(sessionReplies.gone));
      const asked = answer.startsWith('leader') ? session.leaderId : session.backupLeaderId;
      if (userId !== asked) return void (await tell(sessionReplies.notYours(asked)));
      const settled = await settle(deps, session, userId, answer);
      if (!settled) return void (await tell(sessionReplies.tooLate, true));
      // The DM loses its buttons and says what happened.
      await tell(settledText(session, answer), true);
      if (answer === 'leader_confirm' || answer === 'backup_take_over') await announceLeader(client, settled, userId);
      else if (answer === 'leader_decline') await askBackupLeader(client, settled, 'declined');
      else await announcePostponed(deps, client, settled);
      deps.logger.info({ teamId, userId, sessionId: session.id, answer }, 'session leader answered');
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, answer }, 'could not record a session leader answer');
      await tell(whatWentWrong(error)).catch(() => undefined);
    }
  };
}

function settle(deps: Pick<Deps, 'db'>, session: Session, userId: string, answer: SessionAnswer): Promise<Session | undefined> {
  switch (answer) {
    case 'leader_confirm':
      return confirmSessionLeader(deps.db, session.teamId, session.id, userId, 'leader_asked');
    case 'backup_take_over':
      return confirmSessionLeader(deps.db, session.teamId, session.id, userId, 'backup_asked');
    case 'leader_decline':
      return claimSessionStage(deps.db, session.teamId, session.id, { from: ['leader_asked'], to: 'backup_asked', whenStatus: 'scheduled' });
    case 'backup_decline':
      return claimSessionStage(deps.db, session.teamId, session.id, { from: ['backup_asked'], to: 'resolved', whenStatus: 'scheduled', setStatus: 'postponed' });
  }
}

function settledText(session: Session, answer: SessionAnswer): string {
  if (answer === 'leader_decline') return sessionReplies.declinedLeader(session.topic);
  if (answer === 'backup_decline') return sessionReplies.declinedBackup(session.topic);
  return sessionReplies.confirmed(session.topic);
}
