import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { findCommitment, findCommitmentReview, type Commitment } from '../queries';
import { recordLearningShared } from '../../learnings';
import { completeCommitment } from '../flows/complete';
import { commitmentActionRefusal } from '../rules';
import { LEARNING_MAX_LENGTH } from '../../learnings';
import { commitmentLearningPost, commitmentReplies, committedLine, settledFollowUp } from '../blocks';
import { isOwnBotDm } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { safeJson } from '../../../platform/slack/safe-json';
import { viewSubmission } from '../../../platform/slack/view-submission';

const b = ids.commitment;
/** What the follow-up forms carry: the commitment, and the DM whose buttons opened them. */
export const followUpFormMetadata = z.object({
  commitmentId: z.number().int().positive(),
  channelId: z.string().nullable().optional(),
  messageTs: z.string().nullable().optional(),
});

/** "What did we learn?": stored as the owner's learning, posted in the review thread, and the commitment is done. */
export function commitmentDoneSubmitted(deps: Deps) {
  return viewSubmission(deps, { failure: 'could not record a commitment as done', errorBlock: b.doneBlock }, async ({ ack, body, view, client }, { teamId, userId }) => {
    const text = (view.state.values[b.doneBlock]?.[b.doneInput]?.value ?? '').trim();
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [b.doneBlock]: message } });
    if (text === '') return void (await fieldError(commitmentReplies.learningEmpty));
    if (text.length > LEARNING_MAX_LENGTH) return void (await fieldError(commitmentReplies.tooLong(LEARNING_MAX_LENGTH, text.length)));
    const meta = followUpFormMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) return void (await fieldError(commitmentReplies.formOutdated));

    const commitment = await findCommitment(deps.db, teamId, meta.data.commitmentId);
    const refused = commitmentActionRefusal(commitment, userId);
    if (refused || !commitment) return void (await fieldError(commitmentReplies.refusal(refused ?? 'gone', commitment?.ownerId ?? '')));
    const review = commitment.reviewId === null ? undefined : await findCommitmentReview(deps.db, teamId, commitment.reviewId);
    const learning = await completeCommitment(deps, { teamId, userId, commitment, review, learned: text });
    if (!learning) return void (await fieldError(commitmentReplies.alreadyDone));
    await ack();
    deps.logger.info({ teamId, userId, commitmentId: commitment.id, learningId: learning.id }, 'commitment done');

    let posted = false;
    const threadTs = review?.threadTs ?? review?.messageTs;
    if (review && threadTs) {
      const post = commitmentLearningPost(userId, commitment.text, text);
      const result = await client.chat
        .postMessage({ channel: review.channelId, thread_ts: threadTs, text: post.text, blocks: post.blocks, unfurl_links: false })
        .catch((error) => void deps.logger.warn({ err: error, teamId, reviewId: review.id }, 'could not post a commitment learning in the review thread'));
      if (result?.ts) {
        await recordLearningShared(deps.db, teamId, learning.id, review.channelId, result.ts);
        posted = true;
      }
    }
    await settleFollowUpDm(deps, client, meta.data, commitment, userId, commitmentReplies.done(posted));
    // Done may have been pressed on the App Home: show it without the commitment.
    await deps.refreshHome(client, userId, teamId).catch((error) => deps.logger.warn({ err: error, teamId, userId }, 'could not refresh the App Home'));
  });
}

/**
 * The follow-up DM loses its buttons and says what happened; a new DM when there is none to update. The
 * message named in the form's metadata is updated only in the owner's own DM with Learnloop: anywhere
 * else it is a hint nobody should have edited, and the answer goes as a new DM instead.
 */
export async function settleFollowUpDm(
  deps: Pick<Deps, 'logger'>,
  client: WebClient,
  dm: z.infer<typeof followUpFormMetadata>,
  commitment: Pick<Commitment, 'id' | 'text'>,
  ownerId: string,
  state: string,
): Promise<void> {
  const message = settledFollowUp(committedLine(commitment.text), state);
  try {
    if (dm.channelId && dm.messageTs && (await isOwnBotDm(client, dm.channelId, ownerId))) await client.chat.update({ channel: dm.channelId, ts: dm.messageTs, text: message.text, blocks: message.blocks });
    else await client.chat.postMessage({ channel: ownerId, text: message.text, blocks: message.blocks });
  } catch (error) {
    deps.logger.warn({ err: error, userId: ownerId, commitmentId: commitment.id }, 'could not update a commitment follow-up DM');
  }
}
