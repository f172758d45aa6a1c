/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  digest: {
    headerBlock: 'digest_header',
    repliesBlock: 'digest_replies',
    learningsBlock: 'digest_learnings',
    reviewsBlock: 'digest_reviews',
    commitmentsBlock: 'digest_commitments',
    thanksBlock: 'digest_thanks',
    growthBlock: 'digest_growth',
    footerBlock: 'digest_footer',
    /** `/learnloop stats`. */
    statsChannelBlock: 'digest_stats_channel',
    statsWorkspaceBlock: 'digest_stats_workspace',
  },
} as const;
