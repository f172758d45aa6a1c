import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { claimMentorReminder, findPair, listDueMentorPairs, listSharedWithMentor, type MentoringPair } from '../queries';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { OVERDUE_AFTER, isOverdue, nextReminderAt } from '../rules';
import { menteeNudgeMessage, reminderMessage } from '../blocks';
import { describeSlackFailure } from '../../../platform/slack/slack-error';
import type { DmRelevance } from '../../../platform/scheduler/send-scheduled-dms';
import { goalLinesFor } from '../../growth';

export const MENTOR_REMINDER = 'mentor_reminder';
export const MENTEE_NUDGE = 'mentee_nudge';

/**
 * Queues the mentors' check-in reminders that are due: each is claimed on the pair row first (its
 * next_reminder_at moves on; only the process whose update wins queues it), in the same transaction
 * as the queueing. The second unanswered reminder in a row also queues one nudge to the mentee.
 * Sending (hours, daily limit, away, mutes; never dropped for lateness) is up to send-scheduled-dms.
 */
export function queueMentorReminders(deps: Deps): Job {
  return {
    name: 'queue-mentor-reminders',
    async run(now) {
      const totals = { reminders: 0, nudges: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'queue-mentor-reminders', async () => {
          try {
            for (const pair of await listDueMentorPairs(deps.db, teamId, now)) {
              const queued = await queueReminder(deps, pair, now);
              if (queued) totals.reminders += 1;
              if (queued === 'with_nudge') totals.nudges += 1;
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId, job: 'queue-mentor-reminders' }, 'mentor reminders stopped for this workspace; the next tick carries on');
          }
        });
      }
      return totals;
    },
  };
}

/** Mentor reminders are pointless once the pair is paused or ended. */
export function mentorReminderRelevance(deps: Pick<Deps, 'db'>): DmRelevance {
  return async (dm) => {
    const { pairId } = dm.payload;
    if (typeof pairId !== 'number') return 'not a mentor reminder';
    const pair = await findPair(deps.db, dm.teamId, pairId);
    if (!pair || pair.status !== 'active') return 'mentoring pair no longer active';
    return null;
  };
}

/** The mentee nudge is pointless once the pair is not active or the mentor checked in (or skipped). */
export function menteeNudgeRelevance(deps: Pick<Deps, 'db'>): DmRelevance {
  return async (dm) => {
    const { pairId } = dm.payload;
    if (typeof pairId !== 'number') return 'not a mentee nudge';
    const pair = await findPair(deps.db, dm.teamId, pairId);
    if (!pair || pair.status !== 'active') return 'mentoring pair no longer active';
    if (!isOverdue(pair.unansweredReminders)) return 'the pair checked in since';
    return null;
  };
}

async function queueReminder(deps: Deps, pair: MentoringPair, now: Date): Promise<false | 'alone' | 'with_nudge'> {
  const scheduled = pair.nextReminderAt;
  if (!scheduled) return false;
  const context = { teamId: pair.teamId, userId: pair.mentorId, pairId: pair.id };
  let timeZone: string;
  try {
    timeZone = await deps.users.timeZoneOf(pair.mentorId);
  } catch (error) {
    deps.logger.warn({ ...context, reason: describeSlackFailure(error) }, 'could not look up a mentor’s time zone; the next tick tries again');
    return false;
  }
  // From now, not from the missed time: after downtime the mentor gets one reminder, not a catch-up burst.
  const next = nextReminderAt(pair.cadence, now, timeZone);
  const since = pair.lastCheckInAt ?? pair.acceptedAt ?? pair.createdAt;
  const mentor = await deps.audiences.person(deps.slack, pair.teamId, pair.mentorId);
  const message = reminderMessage(pair, await listSharedWithMentor(deps.db, pair.teamId, pair.menteeId, since, mentor), await goalLinesFor(deps.db, pair.teamId, pair.menteeId));

  const result = await deps.db.transaction().execute(async (trx) => {
    const claimed = await claimMentorReminder(trx, pair.teamId, pair.id, scheduled, next);
    if (!claimed) return false;
    const iso = scheduled.toISOString();
    await enqueueDm(trx, {
      teamId: pair.teamId,
      userId: pair.mentorId,
      kind: MENTOR_REMINDER,
      dedupeKey: `${MENTOR_REMINDER}:${pair.id}:${iso}`,
      payload: { pairId: pair.id, text: message.text, blocks: message.blocks },
      dueAt: scheduled,
      onlyUsefulOnDay: false,
    });
    // Exactly when the count reaches the threshold: one nudge per stretch of silence.
    if (claimed.unansweredReminders !== OVERDUE_AFTER) return 'alone' as const;
    const nudge = menteeNudgeMessage(pair);
    await enqueueDm(trx, {
      teamId: pair.teamId,
      userId: pair.menteeId,
      kind: MENTEE_NUDGE,
      dedupeKey: `${MENTEE_NUDGE}:${pair.id}:${iso}`,
      payload: { pairId: pair.id, text: nudge.text, blocks: nudge.blocks },
      dueAt: scheduled,
      onlyUsefulOnDay: false,
    });
    return 'with_nudge' as const;
  });
  if (result) deps.logger.info({ ...context, nudge: result === 'with_nudge' }, 'mentor reminder queued');
  return result;
}
