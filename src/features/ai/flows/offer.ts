import type { WebClient } from '@slack/web-api';
import { synthesisOffer } from '../blocks';
import { aiAvailability, type AiDeps } from './partner';

/**
 * After a person closes a review: where the AI partner is on for the channel, they alone are offered a
 * synthesis draft. Nothing is sent to the model until they ask.
 */
export async function offerSynthesis(deps: AiDeps, client: WebClient, input: { teamId: string; reviewId: number; channelId: string; userId: string }): Promise<void> {
  try {
    if ((await aiAvailability(deps, input.teamId, input.channelId)).kind !== 'on') return;
    const offer = synthesisOffer(input.reviewId);
    await client.chat.postEphemeral({ channel: input.channelId, user: input.userId, text: offer.text, blocks: offer.blocks });
  } catch (error) {
    // The review is closed either way; the offer is a bonus.
    deps.logger.warn({ err: error, teamId: input.teamId, reviewId: input.reviewId }, 'synthesis offer not shown');
  }
}
