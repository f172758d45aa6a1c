import { buttonAction } from '../../../platform/slack/button-action';
import { draftReviewSynthesis } from '../flows/drafts';
import { draftOutcomeText } from '../flows/outcome-text';
import type { AiDeps } from '../flows/partner';
import { aiReplies } from '../rules';

/** "Draft a synthesis" under a closed review: the draft goes to the presser's DMs. */
export function aiDraftSynthesis(deps: AiDeps) {
  return buttonAction(deps, 'could not draft a review synthesis', async ({ action, client, respond }, { teamId, userId, tell }) => {
    const reviewId = Number(action.value);
    if (!Number.isInteger(reviewId) || reviewId <= 0) return void (await tell(aiReplies.draftGone));
    await respond({ replace_original: true, text: aiReplies.drafting('a synthesis') });
    const outcome = await draftReviewSynthesis(deps, client, { teamId, reviewId, userId });
    const text = draftOutcomeText(outcome, 'review_synthesis');
    if (text) await tell(text);
  });
}
