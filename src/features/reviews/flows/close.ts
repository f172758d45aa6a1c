import type { WebClient } from '@slack/web-api';
import { postOnce } from '../../../platform/slack/post-once';
import type { Deps } from '../../../deps';
import { insertLearning } from '../../learnings';
import { claimReviewForClose, findReview, listReflections, markReviewClosed, recordReviewSummary, releaseReviewClaim, type Review } from '../queries';
import { listVisibleReplies } from '../../threads';
import { findMinGroupSize } from '../../digest';
import { assembleReviewSummary, isWithheld, learningsFromReflection, mayCloseReview, reviewClosers } from '../rules';
import { reviewMessage, reviewPermalink, reviewReplies, reviewSummaryMessage } from '../blocks';
import { actorFor } from '../../../platform/slack/permissions';
import { CHANNEL_GONE_ERRORS, slackErrorCode } from '../../../platform/slack/slack-error';

export type CloseRequestOutcome =
  | { kind: 'closed'; review: Review }
  | { kind: 'already_closed' }
  | { kind: 'closing' }
  | { kind: 'not_allowed'; closers: string[] }
  | { kind: 'not_found' };

type CloseDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'workspaceUrl' | 'config' | 'users' | 'poster'>;

/** A person asks to close a review (button or `/review close`): the starter, the facilitator and admins may. */
export async function requestCloseReview(deps: CloseDeps, client: WebClient, request: { teamId: string; reviewId: number; userId: string }): Promise<CloseRequestOutcome> {
  const review = await findReview(deps.db, request.teamId, request.reviewId);
  if (!review) return { kind: 'not_found' };
  if (review.status === 'closed') return { kind: 'already_closed' };
  if (!mayCloseReview(await actorFor(deps, request.userId), review)) return { kind: 'not_allowed', closers: reviewClosers(review) };
  const claimed = await claimReviewForClose(deps.db, request.teamId, review.id, deps.clock.now(), request.userId);
  if (!claimed) return (await findReview(deps.db, request.teamId, review.id))?.status === 'closed' ? { kind: 'already_closed' } : { kind: 'closing' };
  return { kind: 'closed', review: await closeReview(deps, client, claimed, request.userId) };
}

/**
 * Closes a review this process has claimed (status 'closing'): posts the summary in its thread, turns
 * every reflection's "why" and "next time" answers into learnings, records the close and marks the
 * review message closed. If the summary cannot be posted the claim is given back, so nothing is lost.
 * `closedBy` is null when the close time closed it.
 */
export async function closeReview(deps: CloseDeps, client: WebClient, review: Review, closedBy: string | null): Promise<Review> {
  const { teamId } = review;
  try {
    const [reflections, replies, minGroupSize] = await Promise.all([
      listReflections(deps.db, teamId, review.id),
      // No viewer: public replies only.
      listVisibleReplies(deps.db, teamId, 'review', review.id, ''),
      findMinGroupSize(deps.db, teamId),
    ]);
    const summary = assembleReviewSummary(reflections, replies.filter((r) => r.visibility === 'public'), minGroupSize);
    const message = reviewSummaryMessage({ review, summary, closedBy });
    // A close taken over from a process that stopped after posting the summary does not post it again.
    let summaryTs: string | null = review.summaryTs;
    if (!summaryTs) {
      try {
        // A close is rare and may be a retry of one whose answer was unclear: look in the thread first.
        const posted = await postOnce(
          deps.poster,
          { channel: review.channelId, thread_ts: review.threadTs ?? review.messageTs ?? undefined, text: message.text, blocks: message.blocks },
          { eventType: 'learnloop_review_summary', payload: { review_id: review.id } },
          deps.logger,
          { lookFirstSince: Math.floor(review.createdAt.getTime() / 1000) },
        );
        // Unknown: the claim is given back below and the next close looks again before posting.
        if (posted.kind === 'unknown') throw new Error(`review summary outcome unknown: ${posted.reason}`);
        summaryTs = posted.ts || null;
        if (summaryTs) await recordReviewSummary(deps.db, teamId, review.id, summaryTs);
      } catch (error) {
        // Without the channel there is nowhere to post; the review still closes and its learnings are kept.
        if (!CHANNEL_GONE_ERRORS[slackErrorCode(error) ?? '']) throw error;
        deps.logger.warn({ teamId, reviewId: review.id, reason: slackErrorCode(error) }, 'review closed without a summary: the channel is gone');
      }
    }
    const sourcePermalink = reviewPermalink(deps.workspaceUrl, review);
    const closed = await deps.db.transaction().execute(async (trx) => {
      for (const reflection of reflections) {
        // An anonymous reflection the summary left out stays its author's alone, as its learnings do.
        const withheld = isWithheld(reflection, summary);
        for (const text of learningsFromReflection(reflection)) {
          await insertLearning(trx, {
            teamId,
            userId: reflection.userId,
            text,
            tags: ['review'],
            link: null,
            visibility: withheld ? 'private' : 'team',
            source: 'review',
            sourceKind: 'review',
            sourceId: review.id,
            sourcePermalink,
            channelId: review.channelId,
            privateChannelId: review.privateChannelId,
            anonymous: reflection.anonymous && !withheld,
          });
        }
      }
      return markReviewClosed(trx, teamId, review.id, { closedAt: deps.clock.now(), closedBy, summaryTs });
    });
    deps.logger.info({ teamId, reviewId: review.id, reflections: reflections.length, nextItems: summary.nextItems.length, auto: closedBy === null }, 'review closed');
    if (closed.messageTs) {
      const card = reviewMessage(closed);
      await client.chat
        .update({ channel: closed.channelId, ts: closed.messageTs, text: card.text, blocks: card.blocks })
        .catch((error) => deps.logger.warn({ err: error, teamId, reviewId: review.id }, 'could not mark the review message closed'));
    }
    return closed;
  } catch (error) {
    await releaseReviewClaim(deps.db, teamId, review.id).catch((releaseError) => deps.logger.error({ err: releaseError, teamId, reviewId: review.id }, 'could not release a review claim'));
    throw error;
  }
}

/** The one sentence for a close that did not happen (null when it did: the summary speaks for itself). */
export function closeOutcomeText(outcome: CloseRequestOutcome): string | null {
  switch (outcome.kind) {
    case 'closed':
      return null;
    case 'already_closed':
      return reviewReplies.alreadyClosed;
    case 'closing':
      return reviewReplies.closing;
    case 'not_allowed':
      return reviewReplies.notAllowed(outcome.closers);
    case 'not_found':
      return reviewReplies.gone;
  }
}
