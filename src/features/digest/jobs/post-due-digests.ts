import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { claimDueDigests, reclaimStaleDigests } from '../queries/digests';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { DIGEST_LATE_LIMIT_MS } from '../rules';
import { postDigest } from '../flows/post-digest';

/** Claims due weekly digests in PostgreSQL (once across processes), then posts what this process claimed. */
export function postDueDigests(deps: Deps): Job {
  return {
    name: 'post-due-digests',
    async run(now) {
      const totals = { posted: 0, failed: 0, skipped: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'post-due-digests', async () => {
          try {
            // A stale claim may be in the channel already (an unclear answer, a stopped process): look first.
            for (const digest of await reclaimStaleDigests(deps.db, teamId, now, DIGEST_LATE_LIMIT_MS)) {
              totals[(await postDigest(deps, digest, { keepClaimOnUnknown: true, lookFirstSince: Math.floor(digest.scheduledFor.getTime() / 1000) - 60 })).kind] += 1;
            }
            for (;;) {
              const { claimed, skipped } = await claimDueDigests(deps.db, teamId, now, DIGEST_LATE_LIMIT_MS);
              totals.skipped += skipped;
              if (claimed.length === 0 && skipped === 0) break;
              for (const digest of claimed) totals[(await postDigest(deps, digest, { keepClaimOnUnknown: true })).kind] += 1;
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId, job: 'post-due-digests' }, 'digest job failed for a workspace');
          }
        });
      }
      return totals;
    },
  };
}
