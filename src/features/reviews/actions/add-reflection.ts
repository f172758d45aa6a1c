import type { Deps } from '../../../deps';
import { findReflection, findReview } from '../queries';
import { reflectionModal, reviewReplies } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { notChannelMember } from '../../../platform/slack/replies';
import { buttonAction } from '../../../platform/slack/button-action';
import { withCompetencyPicker } from '../../growth';

/** "Add my reflection": the four questions, pre-filled with the person's earlier answers. */
export function reviewAddReflection(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not open the reflection form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const review = await findReview(deps.db, teamId, Number(action.value));
    if (!review) return void (await tell(reviewReplies.gone));
    // The button's value is a hint: the form shows the review's title, so only its channel's people get it.
    if (!(await isChannelMember(client, teamId, review.channelId, userId))) return void (await tell(notChannelMember('add a reflection to a review')));
    if (review.status !== 'open') return void (await tell(reviewReplies.closed));
    const previous = await findReflection(deps.db, teamId, review.id, userId);
    await client.views.open({ trigger_id: body.trigger_id, view: await withCompetencyPicker(deps.db, review.teamId, reflectionModal({ reviewId: review.id, channelId: review.channelId }, review, previous)) });
  });
}
