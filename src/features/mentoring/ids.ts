/** The action_ids, block_ids and callback_ids this feature owns (Slack's names for its buttons, fields and forms). */
export const ids = {
  mentor: {
    /** The request DM to the would-be mentor and its buttons. */
    requestBlock: 'mentor_request',
    requestActionsBlock: 'mentor_request_actions',
    accept: 'mentor_accept',
    decline: 'mentor_decline',
    /** The reminder DM to the mentor and its buttons. */
    reminderBlock: 'mentor_reminder',
    sharedBlockPrefix: 'mentor_reminder_shared_',
    reminderActionsBlock: 'mentor_reminder_actions',
    logCheckIn: 'mentor_log_check_in',
    snoozeDay: 'mentor_snooze_day',
    snoozeWeek: 'mentor_snooze_week',
    skip: 'mentor_skip',
    checkInView: 'mentor_check_in',
    menteeLearnedBlock: 'mentor_check_in_mentee_learned',
    menteeLearnedInput: 'mentor_check_in_mentee_learned_input',
    mentorLearnedBlock: 'mentor_check_in_mentor_learned',
    mentorLearnedInput: 'mentor_check_in_mentor_learned_input',
    checkInGoalsBlock: 'mentor_check_in_goals',
    /** The mirror question to the mentee. */
    reflectBlock: 'mentor_reflect_question',
    reflectActionsBlock: 'mentor_reflect_actions',
    reflect: 'mentor_reflect',
    reflectionView: 'mentor_reflection',
    reflectionBlock: 'mentor_reflection_text',
    reflectionInput: 'mentor_reflection_input',
    nudgeBlock: 'mentor_nudge',
    listBlock: 'mentor_list',
  },
} as const;
