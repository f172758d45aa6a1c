/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  review: {
    /** Message shortcut, as in manifest.yml. */
    startShortcut: 'review_start_message',
    startView: 'review_start',
    titleBlock: 'review_title',
    titleInput: 'review_title_input',
    linkBlock: 'review_link',
    linkInput: 'review_link_input',
    closeAtBlock: 'review_close_at',
    closeAtInput: 'review_close_at_input',
    facilitatorBlock: 'review_facilitator',
    facilitatorInput: 'review_facilitator_input',
    /** The review message and its buttons. */
    headerBlock: 'review_header',
    questionsBlock: 'review_questions',
    actionsBlock: 'review_actions',
    addReflection: 'review_add_reflection',
    close: 'review_close',
    /** The first thread message: open commitments and related learnings. */
    contextBlock: 'review_context',
    reflectionView: 'review_reflection',
    expectedBlock: 'review_expected',
    expectedInput: 'review_expected_input',
    actualBlock: 'review_actual',
    actualInput: 'review_actual_input',
    whyBlock: 'review_why',
    whyInput: 'review_why_input',
    nextTimeBlock: 'review_next_time',
    nextTimeInput: 'review_next_time_input',
    anonymousBlock: 'review_anonymous',
    anonymousInput: 'review_anonymous_input',
    /** The summary: one block per "next time" item is `nextItemBlockPrefix + index`, with an Own this button. */
    summaryBlock: 'review_summary',
    nextItemBlockPrefix: 'review_next_item_',
    ownItem: 'review_own_item',
    listBlock: 'review_list',
  },
} as const;
