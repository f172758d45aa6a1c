import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { deleteFeedbackBySender, listFeedbackSentBy } from '../../db/queries/feedback';
import { feedbackListMessage, feedbackReplies } from '../blocks/feedback';
import { withdrawFeedbackCard } from '../deliver-feedback';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Delete" in `/feedback list`: only the sender's own feedback; the row goes and the recipient's card says so. */
export function feedbackDelete(deps: Pick<Deps, 'db' | 'logger' | 'users' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const senderId = body.user.id;
    const id = Number(action.value);
    try {
      const deleted = Number.isSafeInteger(id) ? await deleteFeedbackBySender(deps.db, teamId, id, senderId) : undefined;
      if (!deleted) return void (await respond({ ...ephemeral(feedbackReplies.deleteNotFound), replace_original: false }));
      deps.logger.info({ teamId, feedbackId: id }, 'feedback deleted by its sender');
      const withdrawn = await withdrawFeedbackCard(deps, client, deleted);
      const list = feedbackListMessage(
        await listFeedbackSentBy(deps.db, teamId, senderId, 10),
        await deps.users.timeZoneOf(senderId),
        feedbackReplies.deleted(deleted.recipientId, withdrawn),
      );
      await respond({ ...ephemeral(list.text, list.blocks), replace_original: true });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: senderId, feedbackId: id }, 'could not delete feedback');
      await respond({ ...ephemeral(SOMETHING_WENT_WRONG), replace_original: false }).catch(() => undefined);
    }
  };
}
