/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  learning: {
    /** Message shortcut, as in manifest.yml. */
    saveMessageShortcut: 'learning_save_message',
    view: 'learning_modal',
    textBlock: 'learning_text',
    textInput: 'learning_text_input',
    tagsBlock: 'learning_tags',
    tagsInput: 'learning_tags_input',
    linkBlock: 'learning_link',
    linkInput: 'learning_link_input',
    visibilityBlock: 'learning_visibility',
    visibilityInput: 'learning_visibility_input',
    sourceBlock: 'learning_source',
    sourceInput: 'learning_source_input',
    originBlock: 'learning_origin',
    /** Messages: the saved confirmation, its buttons, the shared card. */
    savedBlock: 'learning_saved',
    savedActionsBlock: 'learning_saved_actions',
    edit: 'learning_edit',
    undo: 'learning_undo',
    share: 'learning_share',
    delete: 'learning_delete',
    sharedBlock: 'learning_shared',
    /** Search results: one block per hit is `resultBlockPrefix + position`. */
    searchBlock: 'learning_search',
    resultBlockPrefix: 'learning_search_result_',
    searchMoreBlock: 'learning_search_more_block',
    searchMore: 'learning_search_more',
    /** `/learnloop learnings`: one block per learning is `itemBlockPrefix + id`. */
    listBlock: 'learning_list',
    itemBlockPrefix: 'learning_item_',
  },
} as const;
