/** Every action_id, block_id and callback_id Learnloop uses, by feature. */
export const ids = {
  help: {
    block: 'help_commands',
  },
  home: {
    view: 'home_view',
  },
  prompt: {
    questionBlock: 'prompt_question',
    actionsBlock: 'prompt_actions',
    replyPrivately: 'prompt_reply_private',
    recordLearning: 'prompt_record_learning',
    privateReplyView: 'prompt_private_reply',
    privateReplyBlock: 'prompt_private_reply_text',
    privateReplyInput: 'prompt_private_reply_input',
  },
  promptSchedule: {
    view: 'prompt_schedule_create',
    cadenceBlock: 'prompt_schedule_cadence',
    cadenceInput: 'prompt_schedule_cadence_input',
    weekdayBlock: 'prompt_schedule_weekday',
    weekdayInput: 'prompt_schedule_weekday_input',
    dayOfMonthBlock: 'prompt_schedule_day_of_month',
    dayOfMonthInput: 'prompt_schedule_day_of_month_input',
    timeBlock: 'prompt_schedule_time',
    timeInput: 'prompt_schedule_time_input',
    cronBlock: 'prompt_schedule_cron',
    cronInput: 'prompt_schedule_cron_input',
    timeZoneBlock: 'prompt_schedule_time_zone',
    timeZoneInput: 'prompt_schedule_time_zone_input',
    questionSetBlock: 'prompt_schedule_question_set',
    questionSetInput: 'prompt_schedule_question_set_input',
    /** Messages: one block per schedule is `itemBlockPrefix + id`. */
    listBlock: 'prompt_schedule_list',
    itemBlockPrefix: 'prompt_schedule_item_',
    skipsBlock: 'prompt_schedule_skips',
    createdBlock: 'prompt_schedule_created',
    historyBlock: 'prompt_schedule_history',
    questionsBlock: 'prompt_schedule_questions',
  },
} as const;
