import type { KnownBlock } from '@slack/types';

/** A Slack message Learnloop builds: the notification text and its Block Kit blocks. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}
