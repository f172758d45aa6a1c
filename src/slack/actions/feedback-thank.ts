import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findFeedback, markFeedbackThanked } from '../../db/queries/feedback';
import { feedbackReplies } from '../blocks/feedback';
import { updateFeedbackCard } from '../deliver-feedback';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Thank" on a feedback card: tells the sender once, then the card shows it; a second click changes nothing. */
export function feedbackThank(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const recipientId = body.user.id;
    const id = Number(action.value);
    try {
      const changed = Number.isSafeInteger(id) && (await markFeedbackThanked(deps.db, teamId, id, recipientId, deps.clock.now()));
      const feedback = Number.isSafeInteger(id) ? await findFeedback(deps.db, teamId, id, { recipientId }) : undefined;
      if (!feedback) return void (await respond({ ...ephemeral(feedbackReplies.gone), replace_original: false }));
      if (!changed) return;
      // Answers the recipient's own click, so it is not counted in the DM budget.
      await client.chat
        .postMessage({ channel: feedback.senderId, text: feedbackReplies.thankedDm(recipientId) })
        .catch((error) => deps.logger.warn({ err: error, teamId, feedbackId: id }, 'could not tell the sender about a thank-you'));
      await updateFeedbackCard(client, feedback);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: recipientId, feedbackId: id }, 'could not thank for feedback');
      await respond({ ...ephemeral(SOMETHING_WENT_WRONG), replace_original: false }).catch(() => undefined);
    }
  };
}
