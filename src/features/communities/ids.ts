/** The action_ids, block_ids and callback_ids this feature owns. */
export const ids = {
  community: {
    formView: 'community_form',
    nameBlock: 'community_name', nameInput: 'community_name_input',
    purposeBlock: 'community_purpose', purposeInput: 'community_purpose_input',
    tagsBlock: 'community_tags', tagsInput: 'community_tags_input',
    homeBlock: 'community_home', homeInput: 'community_home_input',
    leadsBlock: 'community_leads', leadsInput: 'community_leads_input',
    listBlock: 'community_list',
    showBlock: 'community_show',
    questionBlock: 'community_question',
    digestBlock: 'community_digest',
    whoBlock: 'community_who',
    homeSectionBlock: 'community_home_section',
    /** Message shortcuts. */
    askShortcut: 'community_ask_message',
    helpedShortcut: 'community_this_helped',
    askView: 'community_ask_form',
    askCommunityBlock: 'community_ask_community', askCommunityInput: 'community_ask_community_input',
    askTextBlock: 'community_ask_text', askTextInput: 'community_ask_text_input',
    askAnonymousBlock: 'community_ask_anonymous', askAnonymousInput: 'community_ask_anonymous_input',
  },
} as const;
