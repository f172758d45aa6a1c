import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findReflection, findReview } from '../../db/queries/reviews';
import { reflectionModal, reviewReplies } from '../blocks/review';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Add my reflection": the four questions, pre-filled with the person's earlier answers. */
export function reviewAddReflection(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const review = await findReview(deps.db, teamId, Number(action.value));
      if (!review) return void (await tell(reviewReplies.gone));
      if (review.status !== 'open') return void (await tell(reviewReplies.closed));
      const previous = await findReflection(deps.db, teamId, review.id, userId);
      await client.views.open({ trigger_id: body.trigger_id, view: reflectionModal({ reviewId: review.id, channelId: review.channelId }, review, previous) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, reviewId: action.value }, 'could not open the reflection form');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
