import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { closeOutcomeText, requestCloseReview } from '../close-review';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Close review": the starter, the facilitator or an admin closes it; anyone else is told who can. */
export function reviewClose(deps: Deps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const outcome = await requestCloseReview(deps, client, { teamId, reviewId: Number(action.value), userId });
      const text = closeOutcomeText(outcome);
      if (text) await tell(text);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, reviewId: action.value }, 'could not close a review');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
