/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  privacy: {
    forgetMeView: 'privacy_forget_me',
    forgetMeSummaryBlock: 'privacy_forget_me_summary',
  },
} as const;
