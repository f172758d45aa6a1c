/** The action_ids, block_ids and callback_ids this feature owns. */
export const ids = {
  ai: {
    draftSynthesis: 'ai_draft_synthesis',
    publish: 'ai_draft_publish',
    edit: 'ai_draft_edit',
    discard: 'ai_draft_discard',
    editView: 'ai_draft_edit_form',
    bodyBlock: 'ai_draft_body', bodyInput: 'ai_draft_body_input',
    candidatesBlock: 'ai_draft_candidates', candidatesInput: 'ai_draft_candidates_input',
    labelBlock: 'ai_draft_label',
  },
} as const;
