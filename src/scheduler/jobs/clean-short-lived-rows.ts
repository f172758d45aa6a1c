import type { Deps } from '../../deps';
import type { Job } from '..';
import { deleteOldEventReceipts } from '../../db/queries/event-receipts';
import { deleteOldFeedbackSends, FEEDBACK_SEND_KEPT_MS } from '../../db/queries/feedback';
import { listActiveWorkspaceIds } from '../../db/queries/workspaces';

// Slack retries an event for about an hour; a day of receipts is plenty.
const KEEP_RECEIPTS_MS = 24 * 60 * 60 * 1000;

/**
 * Once an hour, forgets rows that only matter for a short while: event receipts older than a day, and
 * the feedback send log beyond what the daily feedback limit looks at.
 */
export function cleanShortLivedRows(deps: Pick<Deps, 'db'>): Job {
  return {
    name: 'clean-short-lived-rows',
    async run(now) {
      if (now.getUTCMinutes() !== 0) return { receipts: 0, feedbackSends: 0 };
      const totals = { receipts: 0, feedbackSends: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        totals.receipts += await deleteOldEventReceipts(deps.db, teamId, new Date(now.getTime() - KEEP_RECEIPTS_MS));
        totals.feedbackSends += await deleteOldFeedbackSends(deps.db, teamId, new Date(now.getTime() - FEEDBACK_SEND_KEPT_MS));
      }
      return totals;
    },
  };
}
