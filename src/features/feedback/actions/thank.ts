import type { Deps } from '../../../deps';
import { feedbackExists, findFeedback, markFeedbackThanked } from '../queries';
import { feedbackReplies } from '../blocks';
import { updateFeedbackCard } from '../flows/deliver-feedback';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Thank" on a feedback card: tells the sender once, then the card shows it; a second click changes nothing. */
export function feedbackThank(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return buttonAction(deps, 'could not thank for feedback', async ({ action, client, respond }, { teamId, userId: recipientId, tell }) => {
    const id = Number(action.value);
    if (!Number.isSafeInteger(id)) return void (await tell(feedbackReplies.gone));
    const feedback = await markFeedbackThanked(deps.db, teamId, id, recipientId, deps.clock.now());
    if (!feedback) {
      // Nothing changed: thanked already (a second click does nothing), not the clicker's, or no longer there.
      if (!(await findFeedback(deps.db, teamId, id, { recipientId }))) {
        await tell((await feedbackExists(deps.db, teamId, id)) ? feedbackReplies.notYours('thank') : feedbackReplies.gone);
      }
      return;
    }
    // Answers the recipient's own click, so it is not counted in the DM budget.
    await client.chat
      .postMessage({ channel: feedback.senderId, text: feedbackReplies.thankedDm(recipientId) })
      .catch((error) => deps.logger.warn({ err: error, teamId, feedbackId: id }, 'could not tell the sender about a thank-you'));
    await updateFeedbackCard(client, feedback);
  });
}
