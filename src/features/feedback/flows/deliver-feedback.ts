import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { markFeedbackDelivered, markFeedbackFailed, type Feedback } from '../queries';
import { feedbackCard, feedbackWithdrawnCard } from '../blocks';
import { describeSlackFailure } from '../../../platform/slack/slack-error';

export type Delivery = { kind: 'delivered'; channelId: string; ts: string } | { kind: 'failed'; reason: string };

/**
 * DMs the stored (pending) feedback to its recipient and records the outcome: delivered with the DM's
 * channel and ts, or failed. It answers the sender's own action, so it is not counted in the DM budget.
 */
export async function deliverFeedback(deps: Pick<Deps, 'db' | 'logger'>, client: WebClient, feedback: Feedback): Promise<Delivery> {
  const card = feedbackCard(feedback);
  let posted: { channel?: string; ts?: string };
  try {
    posted = await client.chat.postMessage({ channel: feedback.recipientId, text: card.text, blocks: card.blocks });
  } catch (error) {
    const reason = describeSlackFailure(error);
    deps.logger.warn({ teamId: feedback.teamId, feedbackId: feedback.id, recipientId: feedback.recipientId, reason }, 'could not deliver feedback');
    await markFeedbackFailed(deps.db, feedback.teamId, feedback.id, reason);
    return { kind: 'failed', reason };
  }
  // Posting to a user id lands in the bot's DM with them; Slack answers with that DM's channel id.
  const channelId = posted.channel ?? feedback.recipientId;
  const ts = posted.ts ?? '';
  await markFeedbackDelivered(deps.db, feedback.teamId, feedback.id, channelId, ts);
  deps.logger.info({ teamId: feedback.teamId, feedbackId: feedback.id }, 'feedback delivered');
  return { kind: 'delivered', channelId, ts };
}

/** Re-renders the recipient's card from the row (after thanks, saving, sharing). */
export async function updateFeedbackCard(client: WebClient, feedback: Feedback): Promise<void> {
  if (!feedback.deliveredChannelId || !feedback.deliveredTs) return;
  await client.chat.update({ channel: feedback.deliveredChannelId, ts: feedback.deliveredTs, ...feedbackCard(feedback) });
}

/** Replaces the recipient's card once the sender deleted the feedback; false when there was none or Slack refused. */
export async function withdrawFeedbackCard(deps: Pick<Deps, 'logger'>, client: WebClient, feedback: Feedback): Promise<boolean> {
  if (!feedback.deliveredChannelId || !feedback.deliveredTs) return false;
  try {
    await client.chat.update({ channel: feedback.deliveredChannelId, ts: feedback.deliveredTs, ...feedbackWithdrawnCard() });
    return true;
  } catch (error) {
    deps.logger.warn({ teamId: feedback.teamId, feedbackId: feedback.id, reason: describeSlackFailure(error) }, 'could not withdraw a feedback card');
    return false;
  }
}
