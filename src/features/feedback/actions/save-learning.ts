import type { Deps } from '../../../deps';
import { feedbackExists, findFeedback, setFeedbackSavedLearning } from '../queries';
import { insertLearning } from '../../learnings';
import { feedbackAsText } from '../rules';
import { LEARNING_MAX_LENGTH } from '../../learnings';
import { truncate } from '../../../platform/ui/text';
import { feedbackReplies } from '../blocks';
import { updateFeedbackCard } from '../flows/deliver-feedback';
import { buttonAction } from '../../../platform/slack/button-action';

class AlreadySaved extends Error {}

/** "Save as learning": a learning owned by the recipient, credited to the sender, private (feedback stays between the two). */
export function feedbackSaveLearning(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not save feedback as a learning', async ({ action, client }, { teamId, userId: recipientId, tell }) => {
    const id = Number(action.value);
    const feedback = Number.isSafeInteger(id) ? await findFeedback(deps.db, teamId, id, { recipientId }) : undefined;
    if (!feedback) return void (await tell((await feedbackExists(deps.db, teamId, id)) ? feedbackReplies.notYours('save') : feedbackReplies.gone));
    if (feedback.savedLearningId !== null) return void (await tell(feedbackReplies.alreadySaved));
    const saved = await deps.db
      .transaction()
      .execute(async (trx) => {
        const learning = await insertLearning(trx, {
          teamId,
          userId: recipientId,
          text: truncate(feedbackAsText(feedback), LEARNING_MAX_LENGTH),
          tags: [],
          link: null,
          visibility: 'private',
          source: 'feedback',
          creditedUserId: feedback.senderId,
          sourcePermalink: feedback.contextPermalink,
          sourceKind: 'feedback',
          sourceId: feedback.id,
        });
        // A double click (or a delete) between the read and here rolls the learning back.
        if (!(await setFeedbackSavedLearning(trx, teamId, feedback.id, recipientId, learning.id))) throw new AlreadySaved();
        return learning;
      })
      .catch((error) => (error instanceof AlreadySaved ? undefined : Promise.reject(error)));
    if (!saved) return void (await tell(feedbackReplies.alreadySaved));
    deps.logger.info({ teamId, feedbackId: feedback.id, learningId: saved.id }, 'feedback saved as a learning');
    await updateFeedbackCard(client, { ...feedback, savedLearningId: saved.id });
    await tell(feedbackReplies.savedAsLearning(feedback.senderId));
  });
}
