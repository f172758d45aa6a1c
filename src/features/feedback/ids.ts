/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  feedback: {
    /** The message shortcut; matches manifest.yml. */
    shortcut: 'feedback_on_message',
    /** The feedback modal. */
    view: 'feedback_submit',
    contextBlock: 'feedback_context',
    recipientBlock: 'feedback_recipient',
    recipientInput: 'feedback_recipient_input',
    situationBlock: 'feedback_situation',
    situationInput: 'feedback_situation_input',
    behaviourBlock: 'feedback_behaviour',
    behaviourInput: 'feedback_behaviour_input',
    impactBlock: 'feedback_impact',
    impactInput: 'feedback_impact_input',
    textBlock: 'feedback_text',
    textInput: 'feedback_text_input',
    /** The recipient's DM card and its buttons. */
    cardHeaderBlock: 'feedback_card_header',
    cardContextBlock: 'feedback_card_context',
    cardStateBlock: 'feedback_card_state',
    cardActionsBlock: 'feedback_card_actions',
    thank: 'feedback_thank',
    saveLearning: 'feedback_save_learning',
    shareWithMentor: 'feedback_share_mentor',
    withdrawnBlock: 'feedback_withdrawn',
    /** `/feedback list`: one block per feedback is `itemBlockPrefix + id`. */
    listBlock: 'feedback_list',
    itemBlockPrefix: 'feedback_list_item_',
    delete: 'feedback_delete',
  },
} as const;
