/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  home: {
    view: 'home_view',
    introBlock: 'home_intro',
    /** Quick actions opening the same forms as the commands. */
    quickActionsBlock: 'home_quick_actions',
    recordLearning: 'home_record_learning',
    giveFeedback: 'home_give_feedback',
    startReview: 'home_start_review',
    streakBlock: 'home_streak',
    learningsBlock: 'home_learnings',
    commitmentsBlock: 'home_commitments',
    /** One section per open commitment is `commitmentBlockPrefix + id`, its buttons `commitmentActionsPrefix + id`. */
    commitmentBlockPrefix: 'home_commitment_',
    commitmentActionsPrefix: 'home_commitment_actions_',
    commitmentDone: 'home_commitment_done',
    commitmentMoreTime: 'home_commitment_more_time',
    mentoringBlock: 'home_mentoring',
    feedbackBlock: 'home_feedback',
    teamBlock: 'home_team',
    /** One section per channel is `channelBlockPrefix + channel id`. */
    channelBlockPrefix: 'home_channel_',
    /** "Start a review" from the Home: pick a channel first, then the usual start form. */
    reviewChannelView: 'home_review_channel',
    reviewChannelBlock: 'home_review_channel_pick',
    reviewChannelInput: 'home_review_channel_input',
    reviewChannelErrorBlock: 'home_review_channel_error',
  },
} as const;
