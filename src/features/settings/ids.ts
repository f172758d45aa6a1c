/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  settings: {
    /** `/learnloop settings`: one section per setting, with its value and how to change it. */
    reviewEmojiBlock: 'settings_review_emoji',
    retentionBlock: 'settings_retention',
    minGroupBlock: 'settings_min_group',
    aiBlock: 'settings_ai',
  },
} as const;
