import type { Deps } from '../../deps';
import { findReflection, findReview } from '../../db/queries/reviews';
import { reflectionModal, reviewReplies } from '../blocks/review';
import { buttonAction } from './button-action';

/** "Add my reflection": the four questions, pre-filled with the person's earlier answers. */
export function reviewAddReflection(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not open the reflection form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const review = await findReview(deps.db, teamId, Number(action.value));
    if (!review) return void (await tell(reviewReplies.gone));
    if (review.status !== 'open') return void (await tell(reviewReplies.closed));
    const previous = await findReflection(deps.db, teamId, review.id, userId);
    await client.views.open({ trigger_id: body.trigger_id, view: reflectionModal({ reviewId: review.id, channelId: review.channelId }, review, previous) });
  });
}
