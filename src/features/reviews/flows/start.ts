import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { searchKnowledge } from '../../learnings';
import { pulseReviewContext } from '../../pulse';
import { deleteUnpostedReview, findReviewOnMessage, insertReview, listOpenCommitmentsForChannel, markReviewPosted, type Review } from '../queries';
import { channelViewer } from '../../../platform/audience/rules';
import { localParts } from '../../../platform/time/cadence';
import { isAbandonedStart, relatedSearchWords } from '../rules';
import { reviewContextMessage, reviewMessage } from '../blocks';
import { botIsInChannel } from '../../../platform/slack/channels';
import { CHANNEL_GONE_ERRORS, slackErrorCode } from '../../../platform/slack/slack-error';

export interface StartReviewInput {
  teamId: string;
  channelId: string;
  userId: string;
  /** Already safe to post (escapeMentions). */
  title: string;
  link?: string | null;
  facilitatorId?: string | null;
  closeAt?: Date | null;
  trigger: Review['trigger'];
  /** A review started on a message: that message's thread parent; the review is posted in its thread. */
  sourceTs?: string | null;
  /** Set by the API and webhooks: the same id again answers with the review it started. */
  externalId?: string | null;
}

export type StartReviewResult = { kind: 'started'; review: Review } | { kind: 'exists'; review: Review } | { kind: 'not_in_channel' };

type StartDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'workspaceUrl' | 'users' | 'audiences'>;

/**
 * Why a review cannot start now (one is already on the message, or Learnloop is not in the channel), or
 * null when it can; a start on the message that a stopped process left unposted is cleared to make way.
 * The start form runs this before its answer, so a refusal shows on the form, then starts it `prepared`.
 */
export async function prepareReviewStart(
  deps: Pick<Deps, 'db' | 'clock'>,
  client: WebClient,
  input: Pick<StartReviewInput, 'teamId' | 'channelId' | 'sourceTs'>,
): Promise<Exclude<StartReviewResult, { kind: 'started' }> | null> {
  if (input.sourceTs) {
    const existing = await findReviewOnMessage(deps.db, input.teamId, input.channelId, input.sourceTs);
    if (existing && !isAbandonedStart(existing, deps.clock.now())) return { kind: 'exists', review: existing };
    if (existing) await deleteUnpostedReview(deps.db, input.teamId, existing.id);
  }
  return (await botIsInChannel(client, input.channelId)) ? null : { kind: 'not_in_channel' };
}

/**
 * Starts a review, whatever started it (command, form, reaction, shortcut): saves it first, then posts
 * the review message (in the source message's thread, or as a new channel message whose thread the
 * review then lives in), follows the thread, and posts what the team already knows that may matter.
 */
export async function startReview(deps: StartDeps, client: WebClient, input: StartReviewInput, options: { prepared?: boolean } = {}): Promise<StartReviewResult> {
  const sourceTs = input.sourceTs ?? null;
  if (!options.prepared) {
    const refusal = await prepareReviewStart(deps, client, input);
    if (refusal) return refusal;
  }
  const privateChannelId = await deps.audiences.privateChannelOf(client, input.teamId, input.channelId);
  const { review, created } = await insertReview(deps.db, {
    teamId: input.teamId,
    channelId: input.channelId,
    privateChannelId,
    title: input.title,
    link: input.link ?? null,
    startedBy: input.userId,
    facilitatorId: input.facilitatorId ?? null,
    trigger: input.trigger,
    sourceTs,
    closeAt: input.closeAt ?? null,
    externalId: input.externalId ?? null,
  });
  if (!created) return { kind: 'exists', review };

  const message = reviewMessage(review);
  let posted: { ts?: string };
  try {
    posted = await client.chat.postMessage({ channel: input.channelId, text: message.text, blocks: message.blocks, ...(sourceTs ? { thread_ts: sourceTs } : {}) });
  } catch (error) {
    await deleteUnpostedReview(deps.db, input.teamId, review.id);
    if (CHANNEL_GONE_ERRORS[slackErrorCode(error) ?? '']) return { kind: 'not_in_channel' };
    throw error;
  }
  const messageTs = posted.ts ?? '';
  const started = await markReviewPosted(deps.db, input.teamId, review, { messageTs, threadTs: sourceTs ?? messageTs });
  deps.logger.info({ teamId: input.teamId, channelId: input.channelId, userId: input.userId, reviewId: review.id, trigger: input.trigger }, 'review started');
  await postContext(deps, client, started).catch((error) =>
    deps.logger.warn({ err: error, teamId: input.teamId, reviewId: review.id }, 'could not post the review context message'),
  );
  return { kind: 'started', review: started };
}

/**
 * Learning retrieval at the moment it matters: open commitments of the channel and related learnings.
 * The post is read by everyone in the channel, so it searches for the channel's audience, not the
 * starter's: only learnings the whole channel may read, and only those that carry their author's name.
 */
async function postContext(deps: StartDeps, client: WebClient, review: Review): Promise<void> {
  const words = relatedSearchWords(review.title);
  const channel = channelViewer(review.channelId, review.privateChannelId !== null);
  const [commitments, hits, pulse] = await Promise.all([
    listOpenCommitmentsForChannel(deps.db, review.teamId, review.channelId, { excludeReviewId: review.id, limit: 10 }),
    words ? searchKnowledge(deps.db, review.teamId, channel, { words, tags: [], limit: 10, offset: 0 }) : Promise.resolve([]),
    // The team's own pulse: its lowest statement, only when enough answered it (a bonus: never stops the post).
    pulseReviewContext(deps.db, review.teamId, review.channelId).catch((error) => {
      deps.logger.warn({ err: error, teamId: review.teamId, reviewId: review.id }, 'pulse line left out of the review context');
      return null;
    }),
  ]);
  const learnings = hits.filter((hit) => hit.kind === 'learning' && hit.userId !== null).slice(0, 3);
  const today = localParts(deps.clock.now(), await deps.users.timeZoneOf(review.startedBy)).isoDate;
  const message = reviewContextMessage({ commitments, learnings, today, workspaceUrl: deps.workspaceUrl, channelId: review.channelId, pulse });
  if (!message) return;
  await client.chat.postMessage({ channel: review.channelId, thread_ts: review.threadTs ?? undefined, text: message.text, blocks: message.blocks });
}
