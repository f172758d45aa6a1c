import type { Deps } from '../../../deps';
import { closeOutcomeText, requestCloseReview } from '../flows/close';
import { buttonAction } from '../../../platform/slack/button-action';
import type { ReviewWiring } from '../wiring';

/** "Close review": the starter, the facilitator or an admin closes it; anyone else is told who can. */
export function reviewClose(deps: Deps, wiring: ReviewWiring = {}) {
  return buttonAction(deps, 'could not close a review', async ({ action, client }, { teamId, userId, tell }) => {
    const outcome = await requestCloseReview(deps, client, { teamId, reviewId: Number(action.value), userId });
    const text = closeOutcomeText(outcome);
    if (text) await tell(text);
    if (outcome.kind === 'closed') await wiring.afterPersonCloses?.(client, { teamId, reviewId: outcome.review.id, channelId: outcome.review.channelId, userId });
  });
}
