import type { Deps } from '../../deps';
import type { Job } from '..';
import { deleteOldEventReceipts } from '../../db/queries/event-receipts';
import { listActiveWorkspaceIds } from '../../db/queries/workspaces';

// Slack retries an event for about an hour; a day of receipts is plenty.
const KEEP_RECEIPTS_MS = 24 * 60 * 60 * 1000;

/** Once an hour, forgets event receipts older than a day. */
export function cleanEventReceipts(deps: Pick<Deps, 'db'>): Job {
  return {
    name: 'clean-event-receipts',
    async run(now) {
      if (now.getUTCMinutes() !== 0) return { deleted: 0 };
      let deleted = 0;
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        deleted += await deleteOldEventReceipts(deps.db, teamId, new Date(now.getTime() - KEEP_RECEIPTS_MS));
      }
      return { deleted };
    },
  };
}
