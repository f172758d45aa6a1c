import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { applyRetentionFor, listRetentionWorkspaceIds, type RetentionCounts } from '../queries';

// Nightly, in the quiet hours of most teams; the claim in applyRetentionFor makes it once a day.
const RUN_FROM_UTC_HOUR = 3;

/** Once a day per workspace with a retention period, at or after 03:00 UTC, deletes content older than it. */
export function applyRetention(deps: Pick<Deps, 'db' | 'logger'>): Job {
  return {
    name: 'apply-retention',
    async run(now) {
      const total: Record<keyof RetentionCounts, number> & { workspaces: number } = {
        workspaces: 0, replies: 0, learnings: 0, reviews: 0, reflections: 0, feedback: 0, checkIns: 0, commitments: 0, prompts: 0, eventReceipts: 0, scheduledDms: 0, pulses: 0, aiDrafts: 0,
      };
      if (now.getUTCHours() < RUN_FROM_UTC_HOUR) return total;
      const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_FROM_UTC_HOUR));
      for (const teamId of await listRetentionWorkspaceIds(deps.db)) {
        try {
          const counts = await applyRetentionFor(deps.db, teamId, now, dayStart);
          if (!counts) continue;
          total.workspaces += 1;
          for (const [kind, n] of Object.entries(counts) as [keyof RetentionCounts, number][]) total[kind] += n;
          deps.logger.info({ teamId, ...counts }, 'retention applied');
        } catch (error) {
          deps.logger.error({ err: error, teamId }, 'retention failed; it is tried again on the next tick');
        }
      }
      return total;
    },
  };
}
