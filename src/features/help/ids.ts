/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  help: {
    block: 'help_commands',
    growthBlock: 'help_commands_growth',
    /** `/learnloop help TOPIC`: every form of one command, then its examples. */
    topicBlock: 'help_topic',
    examplesBlock: 'help_examples',
  },
} as const;
