import type { Deps } from '../../deps';
import { findFeedback, markFeedbackSharedWithMentor } from '../../db/queries/feedback';
import { feedbackReplies } from '../blocks/feedback';
import { updateFeedbackCard } from '../deliver-feedback';
import { buttonAction } from './button-action';

/** "Share with my mentor": recorded on the feedback; the mentors feature shows it at the next check-in. */
export function feedbackShareWithMentor(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return buttonAction(deps, 'could not share feedback with a mentor', async ({ action, client }, { teamId, userId: recipientId, tell }) => {
    const id = Number(action.value);
    const changed = Number.isSafeInteger(id) && (await markFeedbackSharedWithMentor(deps.db, teamId, id, recipientId, deps.clock.now()));
    const feedback = Number.isSafeInteger(id) ? await findFeedback(deps.db, teamId, id, { recipientId }) : undefined;
    if (!feedback) return void (await tell(feedbackReplies.gone));
    if (!changed) return void (await tell(feedbackReplies.alreadyShared));
    deps.logger.info({ teamId, feedbackId: id }, 'feedback shared with mentor');
    await updateFeedbackCard(client, feedback);
    await tell(feedbackReplies.sharedWithMentor);
  });
}
