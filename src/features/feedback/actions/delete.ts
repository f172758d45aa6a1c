import type { Deps } from '../../../deps';
import { deleteFeedbackBySender, listFeedbackSentBy } from '../queries';
import { feedbackListMessage, feedbackReplies } from '../blocks';
import { withdrawFeedbackCard } from '../flows/deliver-feedback';
import { ephemeral } from '../../../platform/slack/replies';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Delete" in `/feedback list`: only the sender's own feedback; the row goes and the recipient's card says so. */
export function feedbackDelete(deps: Pick<Deps, 'db' | 'logger' | 'users' | 'teamId'>) {
  return buttonAction(deps, 'could not delete feedback', async ({ action, client, respond }, { teamId, userId: senderId, tell }) => {
    const id = Number(action.value);
    const deleted = Number.isSafeInteger(id) ? await deleteFeedbackBySender(deps.db, teamId, id, senderId) : undefined;
    if (!deleted) return void (await tell(feedbackReplies.deleteNotFound));
    deps.logger.info({ teamId, feedbackId: id }, 'feedback deleted by its sender');
    const withdrawn = await withdrawFeedbackCard(deps, client, deleted);
    const list = feedbackListMessage(
      await listFeedbackSentBy(deps.db, teamId, senderId, 10),
      await deps.users.timeZoneOf(senderId),
      feedbackReplies.deleted(deleted.recipientId, withdrawn),
    );
    await respond({ ...ephemeral(list.text, list.blocks), replace_original: true });
  });
}
