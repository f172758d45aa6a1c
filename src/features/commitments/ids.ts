/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  commitment: {
    view: 'commitment_own',
    textBlock: 'commitment_text',
    textInput: 'commitment_text_input',
    ownerBlock: 'commitment_owner',
    ownerInput: 'commitment_owner_input',
    dueBlock: 'commitment_due',
    dueInput: 'commitment_due_input',
    /** The follow-up DM and its buttons. */
    followUpBlock: 'commitment_follow_up',
    followUpActionsBlock: 'commitment_follow_up_actions',
    done: 'commitment_done',
    moreTime: 'commitment_more_time',
    drop: 'commitment_drop',
    doneView: 'commitment_done_learning',
    doneBlock: 'commitment_done_learning_text',
    doneInput: 'commitment_done_learning_input',
    dropView: 'commitment_drop_reason',
    dropBlock: 'commitment_drop_reason_text',
    dropInput: 'commitment_drop_reason_input',
  },
} as const;
