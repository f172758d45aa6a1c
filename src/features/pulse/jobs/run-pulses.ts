import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import type { DmRelevance } from '../../../platform/scheduler/send-scheduled-dms';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { advanceSchedule, claimClose, claimDueReminders, claimResultsRetries, findRun, hasAnswered, listDueSchedules, listNonAnswerers, listOpenRuns, scheduleOf, type PulseRun } from '../queries';
import { nextPulseAt, shouldClose } from '../rules';
import { inviteMessage } from '../blocks';
import { openPulse, PULSE_REMINDER } from '../flows/open';
import { postPulseResults } from '../flows/close';

/** Each due schedule opens its pulse: the occurrence is claimed once, the schedule moves on. */
export function openDuePulses(deps: Deps): Job {
  return {
    name: 'pulse-open',
    async run(now) {
      const totals = { opened: 0, skipped: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'pulse-open', async () => {
          for (const schedule of await listDueSchedules(deps.db, teamId, now)) {
            try {
              const result = await openPulse(deps, deps.slack, { teamId, channelId: schedule.channelId, scheduledFor: schedule.nextRunAt, now, retryable: true });
              // Slack could not list the channel's people: the same occurrence is tried on the next tick.
              if (result.kind === 'retry') {
                totals.skipped += 1;
                continue;
              }
              // A pulse missed while Learnloop was down is not made up: the next one is after now.
              const after = schedule.nextRunAt.getTime() > now.getTime() ? schedule.nextRunAt : now;
              await advanceSchedule(deps.db, teamId, schedule.channelId, schedule.nextRunAt, nextPulseAt(scheduleOf(schedule), after));
              totals[result.kind === 'started' ? 'opened' : 'skipped'] += 1;
            } catch (error) {
              deps.logger.warn({ err: error, teamId, channelId: schedule.channelId }, 'pulse not opened; tried again on the next tick');
            }
          }
        });
      }
      return totals;
    },
  };
}

/** A day before a pulse closes, one reminder to each invited person who has not answered (claimed once). */
export function queuePulseReminders(deps: Deps): Job {
  return {
    name: 'pulse-reminders',
    async run(now) {
      const totals = { reminders: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        for (const run of await claimDueReminders(deps.db, teamId, now)) {
          const message = inviteMessage(run, true);
          for (const userId of await listNonAnswerers(deps.db, teamId, run.id)) {
            const queued = await enqueueDm(deps.db, { teamId, userId, kind: PULSE_REMINDER, dedupeKey: `${PULSE_REMINDER}:${run.id}:${userId}`, payload: { pulseRunId: run.id, text: message.text, blocks: message.blocks }, dueAt: now, onlyUsefulOnDay: false });
            if (queued) totals.reminders += 1;
          }
        }
      }
      return totals;
    },
  };
}

// Results that did not get through are tried again after this, for up to a day.
const RESULTS_RETRY_MS = 5 * 60 * 1000;
const RESULTS_GIVE_UP_MS = 24 * 3_600_000;

/**
 * Open pulses close after three days or once everyone invited answered: closed once, results posted once.
 * Results that did not get through (Slack refused, or its answer was unclear) are claimed again later
 * and posted after looking for them in the channel.
 */
export function closePulses(deps: Deps): Job {
  return {
    name: 'pulse-close',
    async run(now) {
      const totals = { closed: 0, failed: 0, retried: 0 };
      const post = async (teamId: string, run: PulseRun, retry: boolean) => {
        try {
          const outcome = await postPulseResults(deps, run, { retry });
          if (outcome === 'failed') totals.failed += 1;
          else totals[retry ? 'retried' : 'closed'] += 1;
        } catch (error) {
          totals.failed += 1;
          deps.logger.warn({ err: error, teamId, pulseRunId: run.id }, 'pulse results not posted; tried again later');
        }
      };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'pulse-close', async () => {
          for (const open of await listOpenRuns(deps.db, teamId)) {
            if (!shouldClose(open, open.answered, now)) continue;
            const run = await claimClose(deps.db, teamId, open.id, now);
            if (run) await post(teamId, run, false);
          }
          for (const run of await claimResultsRetries(deps.db, teamId, now, RESULTS_RETRY_MS, RESULTS_GIVE_UP_MS)) await post(teamId, run, true);
        });
      }
      return totals;
    },
  };
}

/** A pulse DM is worth sending while its pulse is open and the person has not answered. */
export function pulseDmRelevance(deps: Pick<Deps, 'db'>): DmRelevance {
  return async (dm) => {
    const runId = Number((dm.payload as { pulseRunId?: unknown }).pulseRunId);
    const run = Number.isInteger(runId) ? await findRun(deps.db, dm.teamId, runId) : undefined;
    if (!run || run.status !== 'open') return 'pulse closed';
    if (await hasAnswered(deps.db, dm.teamId, run.id, dm.userId)) return 'already answered';
    return null;
  };
}
