import type { Deps } from '../../../deps';
import { feedbackExists, findFeedback, markFeedbackSharedWithMentor } from '../queries';
import { feedbackReplies } from '../blocks';
import { updateFeedbackCard } from '../flows/deliver-feedback';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Share with my mentor": recorded on the feedback; the mentors feature shows it at the next check-in. */
export function feedbackShareWithMentor(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return buttonAction(deps, 'could not share feedback with a mentor', async ({ action, client }, { teamId, userId: recipientId, tell }) => {
    const id = Number(action.value);
    if (!Number.isSafeInteger(id)) return void (await tell(feedbackReplies.gone));
    const feedback = await markFeedbackSharedWithMentor(deps.db, teamId, id, recipientId, deps.clock.now());
    if (!feedback) {
      if (await findFeedback(deps.db, teamId, id, { recipientId })) return void (await tell(feedbackReplies.alreadyShared));
      return void (await tell((await feedbackExists(deps.db, teamId, id)) ? feedbackReplies.notYours('share') : feedbackReplies.gone));
    }
    deps.logger.info({ teamId, feedbackId: id }, 'feedback shared with mentor');
    await updateFeedbackCard(client, feedback);
    await tell(feedbackReplies.sharedWithMentor);
  });
}
