import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { claimDueReviews } from '../queries';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { closeReview } from '../flows/close';

/**
 * Closes reviews whose close time has come, and closes a stopped process left half-done; each is claimed
 * in PostgreSQL first, so it closes once.
 */
export function closeDueReviews(deps: Deps): Job {
  return {
    name: 'close-due-reviews',
    async run(now) {
      const totals = { closed: 0, failed: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'close-due-reviews', async () => {
          try {
            // A review whose close fails goes back to open and waits for the next tick.
            for (const review of await claimDueReviews(deps.db, teamId, now)) {
              try {
                // A close someone asked for and a stopped process left half-done is finished in their name.
                await closeReview(deps, deps.slack, review, review.closingBy);
                totals.closed += 1;
              } catch (error) {
                totals.failed += 1;
                deps.logger.error({ err: error, teamId, reviewId: review.id }, 'could not close a due review');
              }
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId }, 'could not claim due reviews');
          }
        });
      }
      return totals;
    },
  };
}
