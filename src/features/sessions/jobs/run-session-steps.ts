import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { claimAttendeeReminders, claimSessionStage, listActiveSessions, type Session } from '../queries';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { postOnce } from '../../../platform/slack/post-once';
import { dueSessionStep, type SessionStep } from '../rules';
import {
  backupAskMessage,
  leaderAnnouncedText,
  leaderAskMessage,
  organiserPostponedText,
  postponedText,
  reflectionPromptMessage,
  reminderMessage,
  teachingAskMessage,
} from '../blocks';

type SlackDeps = Pick<Deps, 'logger'>;

/**
 * Advances sessions through their time-based steps (leader asked, backup asked, postponed, reflection)
 * and sends attendee reminders. Every step is claimed in PostgreSQL (compare-and-set on `stage`, or
 * `reminded_at` per attendee) before Slack is called, so racing processes send each message once.
 */
export function runSessionSteps(deps: Deps): Job {
  return {
    name: 'run-session-steps',
    async run(now) {
      const totals = { leaderAsked: 0, backupAsked: 0, postponed: 0, reflected: 0, reminded: 0, failed: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'run-session-steps', async () => {
          try {
            for (const session of await listActiveSessions(deps.db, teamId, now)) {
              const step = dueSessionStep(session, now);
              if (!step) continue;
              const claimed = await claimStep(deps, session, step);
              if (!claimed) continue;
              try {
                await takeStep(deps, deps.slack, claimed, step);
                totals[STEP_TOTALS[step.kind]] += 1;
              } catch (error) {
                // Claimed but not sent: logged, never retried, so nobody is messaged twice.
                totals.failed += 1;
                deps.logger.error({ err: error, teamId, sessionId: session.id, step: step.kind }, 'session step failed');
              }
            }
            for (const reminder of await claimAttendeeReminders(deps.db, teamId, now)) {
              const message = reminderMessage(reminder);
              // Asked for by pressing I'll join, so outside the DM budget: sent directly, and after an unclear
              // answer looked for (by session, in the attendee's DMs) rather than sent again. Never retried.
              await postOnce(deps.poster, { channel: reminder.userId, text: message.text, blocks: message.blocks }, { eventType: 'learnloop_session_reminder', payload: { session_id: reminder.sessionId } }, deps.logger)
                .then((posted) => {
                  if (posted.kind === 'unknown') throw new Error(`outcome unknown: ${posted.reason}`);
                  totals.reminded += 1;
                })
                .catch((error) => {
                  totals.failed += 1;
                  deps.logger.warn({ err: error, teamId, sessionId: reminder.sessionId, userId: reminder.userId }, 'could not send a session reminder');
                });
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId }, 'could not run session steps');
          }
        });
      }
      return totals;
    },
  };
}

const STEP_TOTALS = { ask_leader: 'leaderAsked', ask_backup: 'backupAsked', postpone: 'postponed', reflect: 'reflected' } as const;

function claimStep(deps: Deps, session: Session, step: SessionStep): Promise<Session | undefined> {
  switch (step.kind) {
    case 'ask_leader':
    case 'ask_backup':
      return claimSessionStage(deps.db, session.teamId, session.id, { from: step.from, to: step.to, whenStatus: 'scheduled' });
    case 'postpone':
      return claimSessionStage(deps.db, session.teamId, session.id, { from: step.from, to: step.to, whenStatus: 'scheduled', setStatus: 'postponed' });
    case 'reflect':
      return claimSessionStage(deps.db, session.teamId, session.id, { from: step.from, to: step.to, whenStatus: 'confirmed', setStatus: 'held' });
  }
}

async function takeStep(deps: SlackDeps, client: WebClient, session: Session, step: SessionStep): Promise<void> {
  switch (step.kind) {
    case 'ask_leader': {
      const message = leaderAskMessage(session);
      await client.chat.postMessage({ channel: session.leaderId, text: message.text, blocks: message.blocks });
      return;
    }
    case 'ask_backup':
      return askBackupLeader(client, session, 'no_answer');
    case 'postpone':
      return announcePostponed(deps, client, session);
    case 'reflect':
      return askForReflections(deps, client, session);
  }
}

/** DMs the backup leader; called once its step (stage → backup_asked) is claimed. */
export async function askBackupLeader(client: WebClient, session: Session, reason: 'declined' | 'no_answer'): Promise<void> {
  const message = backupAskMessage(session, reason);
  await client.chat.postMessage({ channel: session.backupLeaderId, text: message.text, blocks: message.blocks });
}

/** Tells the session thread who leads; called once the confirmation is recorded. */
export async function announceLeader(client: WebClient, session: Session, leaderId: string): Promise<void> {
  await client.chat.postMessage({ channel: session.channelId, thread_ts: session.announcementTs ?? undefined, text: leaderAnnouncedText(session, leaderId) });
}

/** The thread hears the session is postponed and the organiser gets a DM: no silent no-show. */
export async function announcePostponed(deps: SlackDeps, client: WebClient, session: Session): Promise<void> {
  await client.chat.postMessage({ channel: session.channelId, thread_ts: session.announcementTs ?? undefined, text: postponedText(session) });
  await client.chat
    .postMessage({ channel: session.organiserId, text: organiserPostponedText(session) })
    .catch((error) => void deps.logger.warn({ err: error, teamId: session.teamId, sessionId: session.id }, 'could not tell the organiser a session is postponed'));
}

async function askForReflections(deps: SlackDeps, client: WebClient, session: Session): Promise<void> {
  const prompt = reflectionPromptMessage(session);
  await client.chat.postMessage({ channel: session.channelId, thread_ts: session.announcementTs ?? undefined, text: prompt.text, blocks: prompt.blocks });
  if (!session.confirmedLeaderId) return;
  const ask = teachingAskMessage(session);
  await client.chat
    .postMessage({ channel: session.confirmedLeaderId, text: ask.text, blocks: ask.blocks })
    .catch((error) => void deps.logger.warn({ err: error, teamId: session.teamId, sessionId: session.id }, 'could not ask the leader what teaching taught them'));
}
