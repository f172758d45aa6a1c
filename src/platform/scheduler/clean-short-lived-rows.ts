import type { Deps } from '../../deps';
import type { Job } from '.';
import { deleteOldEventReceipts } from '../db/event-receipts';
import { deleteOldRequestReceipts } from '../db/request-receipts';
import { listActiveWorkspaceIds } from '../db/workspaces';
import type { ShortLivedRows } from '../feature';

// Slack retries an event for about an hour; a day of receipts is plenty.
const KEEP_RECEIPTS_MS = 24 * 60 * 60 * 1000;
// A signed request is accepted up to 5 minutes either side of its timestamp, so a replay can come at most
// 10 minutes after the first copy; an hour of request receipts leaves room for clocks that disagree.
const KEEP_REQUEST_RECEIPTS_MS = 60 * 60 * 1000;

/**
 * Once an hour, forgets rows that only matter for a short while: event receipts older than a day, receipts
 * of signed commands and interactions older than an hour, and what each feature keeps briefly (e.g. the
 * feedback send log beyond what the daily limit looks at).
 */
export function cleanShortLivedRows(deps: Pick<Deps, 'db'>, featureRows: readonly ShortLivedRows[] = []): Job {
  const empty = () => Object.fromEntries([['receipts', 0], ['requestReceipts', 0], ...featureRows.map((rows) => [rows.name, 0] as const)]) as Record<string, number>;
  return {
    name: 'clean-short-lived-rows',
    async run(now) {
      const totals = empty();
      if (now.getUTCMinutes() !== 0) return totals;
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        totals.receipts = (totals.receipts ?? 0) + (await deleteOldEventReceipts(deps.db, teamId, new Date(now.getTime() - KEEP_RECEIPTS_MS)));
        totals.requestReceipts = (totals.requestReceipts ?? 0) + (await deleteOldRequestReceipts(deps.db, teamId, new Date(now.getTime() - KEEP_REQUEST_RECEIPTS_MS)));
        for (const rows of featureRows) totals[rows.name] = (totals[rows.name] ?? 0) + (await rows.deleteOld(deps.db, teamId, now));
      }
      return totals;
    },
  };
}
