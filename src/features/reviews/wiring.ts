import type { WebClient } from '@slack/web-api';

/** What the app hands in from other features (so that reviews need not import them). */
export interface ReviewWiring {
  /** After a person closes a review (button or `/review close`): e.g. the AI partner's synthesis offer. */
  afterPersonCloses?(client: WebClient, input: { teamId: string; reviewId: number; channelId: string; userId: string }): Promise<void>;
}
