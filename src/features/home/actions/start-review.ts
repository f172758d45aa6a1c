import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { reviewChannelModal } from '../blocks';

/** "Start a review" on the App Home: first the channel (the review form itself needs one). */
export function homeStartReview(deps: Pick<Deps, 'logger'>) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: reviewChannelModal() });
    } catch (error) {
      deps.logger.error({ err: error, userId: body.user.id }, 'could not open the review channel picker from the Home');
    }
  };
}
