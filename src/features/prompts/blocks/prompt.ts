import type { KnownBlock } from '@slack/types';
import { ids } from '../ids';

/** The reflection prompt posted in a channel. `question` must already be safe to post. */
export function promptMessage(promptId: number, question: string): { text: string; blocks: KnownBlock[] } {
  return {
    text: `Reflection: ${question}`,
    blocks: [
      { type: 'section', block_id: ids.prompt.questionBlock, text: { type: 'mrkdwn', text: `:seedling: *Time to reflect*\n>${question.replace(/\n/g, '\n>')}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Answer in the thread: every reply is kept so the team can learn from it later. Rather keep yours to yourself? Reply privately.' }],
      },
      {
        type: 'actions',
        block_id: ids.prompt.actionsBlock,
        elements: [
          { type: 'button', action_id: ids.prompt.replyPrivately, text: { type: 'plain_text', text: 'Reply privately' }, value: String(promptId) },
          { type: 'button', action_id: ids.prompt.recordLearning, text: { type: 'plain_text', text: 'Record a learning' }, value: String(promptId) },
        ],
      },
    ],
  };
}
