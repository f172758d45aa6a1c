import type { ModalView } from '@slack/types';
import { ids } from '../ids';
import { truncate } from '../../../platform/ui/text';

export const PRIVATE_REPLY_MAX = 3000;

/** The "Reply privately" modal: the answer is stored for its author only, never posted. */
export function privateReplyModal(promptId: number, question: string): ModalView {
  return {
    type: 'modal',
    callback_id: ids.prompt.privateReplyView,
    private_metadata: JSON.stringify({ promptId }),
    title: { type: 'plain_text', text: 'Reply privately' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `>${truncate(question, 2900).replace(/\n/g, '\n>')}` } },
      {
        type: 'input',
        block_id: ids.prompt.privateReplyBlock,
        label: { type: 'plain_text', text: 'Your answer' },
        element: { type: 'plain_text_input', action_id: ids.prompt.privateReplyInput, multiline: true, max_length: PRIVATE_REPLY_MAX },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: ':lock: Only you can see this answer. It counts toward the channel’s participation without your name.' }] },
    ],
  };
}
