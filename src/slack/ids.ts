/** Every action_id, block_id and callback_id Learnloop uses, by feature. */
export const ids = {
  help: {
    block: 'help_commands',
  },
  home: {
    view: 'home_view',
  },
  prompt: {
    questionBlock: 'prompt_question',
    actionsBlock: 'prompt_actions',
    replyPrivately: 'prompt_reply_private',
    recordLearning: 'prompt_record_learning',
    privateReplyView: 'prompt_private_reply',
    privateReplyBlock: 'prompt_private_reply_text',
    privateReplyInput: 'prompt_private_reply_input',
  },
} as const;
