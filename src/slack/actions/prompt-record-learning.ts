import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ephemeral } from '../replies';

/** "Record a learning" on a prompt: until /learned ships, say so rather than do nothing. */
export function promptRecordLearning() {
  return async ({ ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await respond({ ...ephemeral('Recording learnings is not available yet in this version of Learnloop. Reply in the thread for now; your answer is kept.'), replace_original: false });
  };
}
