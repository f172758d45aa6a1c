import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { feedbackModal } from '../../feedback';

/** "Give feedback" on the App Home: the `/feedback` form; who may receive it is checked on submit, as always. */
export function homeGiveFeedback(deps: Pick<Deps, 'logger'>) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: feedbackModal({ recipientId: null, contextPermalink: null, responseUrl: null }) });
    } catch (error) {
      deps.logger.error({ err: error, userId: body.user.id }, 'could not open the feedback form from the Home');
    }
  };
}
