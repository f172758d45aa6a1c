import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { countSharedLearningReaction } from '../../learnings';
import { findReviewEmoji } from '../queries';
import { baseReactionName, DEFAULT_REVIEW_EMOJI, titleFromMessage } from '../rules';
import { whatWentWrong } from '../../../platform/slack/replies';
import { startReply } from '../commands/review';
import { startReview } from '../flows/start';

/**
 * A reaction on a learning's shared card counts towards the digest's top learnings. The channel's
 * review emoji (default :rewind:) on a message starts a review in that message's thread, once per
 * thread; a second one tells the person where the review already is.
 */
export function reactionAdded(deps: Deps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = body.team_id;
    const { item, user: userId } = event;
    if (item.type !== 'message' || userId === deps.botUserId || item.channel.startsWith('D')) return;
    const channelId = item.channel;
    await countSharedLearningReaction(deps.db, teamId, channelId, item.ts, 1);
    const emoji = (await findReviewEmoji(deps.db, teamId, channelId)) ?? DEFAULT_REVIEW_EMOJI;
    if (baseReactionName(event.reaction) !== emoji) return;
    let threadTs = item.ts;
    try {
      const message = await fetchReactedMessage(deps, client, channelId, item.ts);
      threadTs = message.parentTs;
      const result = await startReview(deps, client, { teamId, channelId, userId, title: titleFromMessage(message.text), trigger: 'reaction', sourceTs: message.parentTs });
      const reply = startReply(deps, result);
      if (reply) await client.chat.postEphemeral({ channel: channelId, user: userId, thread_ts: threadTs, text: reply.text });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId, channelId }, 'could not start a review from a reaction');
      await client.chat.postEphemeral({ channel: channelId, user: userId, thread_ts: threadTs, text: whatWentWrong(error) }).catch(() => undefined);
    }
  };
}

/**
 * The reacted message's text and its thread parent. conversations.replies finds replies too (Slack
 * answers with the parent first); conversations.history is the fallback for top-level messages.
 */
async function fetchReactedMessage(deps: Pick<Deps, 'logger'>, client: WebClient, channel: string, ts: string): Promise<{ text: string; parentTs: string }> {
  try {
    const messages = (await client.conversations.replies({ channel, ts, limit: 1, inclusive: true })).messages ?? [];
    const exact = messages.find((m) => m.ts === ts);
    if (exact) return { text: exact.text ?? '', parentTs: exact.thread_ts ?? ts };
    const parent = messages[0];
    if (parent?.ts) return { text: parent.text ?? '', parentTs: parent.thread_ts ?? parent.ts };
  } catch (error) {
    deps.logger.debug({ err: error, channelId: channel }, 'conversations.replies failed; trying history');
  }
  try {
    const message = (await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 })).messages?.[0];
    if (message?.ts === ts) return { text: message.text ?? '', parentTs: message.thread_ts ?? ts };
  } catch (error) {
    deps.logger.debug({ err: error, channelId: channel }, 'conversations.history failed; titling the review without the text');
  }
  return { text: '', parentTs: ts };
}
