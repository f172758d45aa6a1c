import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { QuestionSet } from '../../../platform/db/schema';
import { ids } from '../ids';

const b = ids.promptSchedule;

const option = (value: string, text: string): PlainTextOption => ({ value, text: { type: 'plain_text', text } });

const CADENCES: readonly PlainTextOption[] = [
  option('daily', 'Every day'),
  option('weekdays', 'Every weekday (Mon–Fri)'),
  option('weekly', 'Weekly, on a chosen day'),
  option('biweekly', 'Every two weeks, on a chosen day'),
  option('monthly', 'Monthly, on a day of the month'),
  option('cron', 'Custom (cron expression)'),
];

const WEEKDAYS: readonly PlainTextOption[] = [
  option('mon', 'Monday'),
  option('tue', 'Tuesday'),
  option('wed', 'Wednesday'),
  option('thu', 'Thursday'),
  option('fri', 'Friday'),
  option('sat', 'Saturday'),
  option('sun', 'Sunday'),
];

const QUESTION_SETS: readonly { value: QuestionSet; text: string; description: string }[] = [
  { value: 'default', text: 'Learnloop’s questions', description: 'A rotation of short team-learning questions.' },
  { value: 'custom', text: 'This channel’s own questions', description: 'Add them with /learnloop questions add (the default ones are used until you do).' },
  { value: 'mixed', text: 'Both', description: 'Learnloop’s questions and this channel’s own, in turn.' },
];

export interface PromptScheduleModalInput {
  channelId: string;
  /** The time zone filled in for the person, usually their own. */
  timeZone: string;
}

/** The form that creates a prompt schedule for a channel; the channel travels in private_metadata. */
export function promptScheduleModal(input: PromptScheduleModalInput): ModalView {
  const questionSet = QUESTION_SETS[0]!;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `Learnloop will post a reflection question in <#${input.channelId}> on this schedule; the team answers in the thread.` } },
    {
      type: 'input',
      block_id: b.cadenceBlock,
      label: { type: 'plain_text', text: 'How often' },
      element: { type: 'static_select', action_id: b.cadenceInput, options: [...CADENCES], initial_option: CADENCES[2] },
    },
    {
      type: 'input',
      block_id: b.weekdayBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Day of the week' },
      hint: { type: 'plain_text', text: 'For weekly and every two weeks.' },
      element: { type: 'static_select', action_id: b.weekdayInput, options: [...WEEKDAYS], initial_option: WEEKDAYS[4] },
    },
    {
      type: 'input',
      block_id: b.dayOfMonthBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Day of the month' },
      hint: { type: 'plain_text', text: 'For monthly: 1–31. In shorter months it posts on the last day.' },
      element: { type: 'plain_text_input', action_id: b.dayOfMonthInput, placeholder: { type: 'plain_text', text: 'e.g. 15' }, max_length: 2 },
    },
    {
      type: 'input',
      block_id: b.timeBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Time of day' },
      hint: { type: 'plain_text', text: 'In the time zone below. Not needed for a cron expression.' },
      element: { type: 'timepicker', action_id: b.timeInput, initial_time: '15:00' },
    },
    {
      type: 'input',
      block_id: b.cronBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Cron expression' },
      hint: { type: 'plain_text', text: 'Only for Custom: 5 fields (minute hour day month weekday), e.g. 0 9 * * 1-5 is 09:00 on weekdays.' },
      element: { type: 'plain_text_input', action_id: b.cronInput, placeholder: { type: 'plain_text', text: '0 9 * * 1-5' }, max_length: 100 },
    },
    {
      type: 'input',
      block_id: b.timeZoneBlock,
      label: { type: 'plain_text', text: 'Time zone' },
      hint: { type: 'plain_text', text: 'An IANA name, e.g. Europe/Berlin or America/New_York.' },
      element: { type: 'plain_text_input', action_id: b.timeZoneInput, initial_value: input.timeZone, max_length: 64 },
    },
    {
      type: 'input',
      block_id: b.questionSetBlock,
      label: { type: 'plain_text', text: 'Questions' },
      element: {
        type: 'radio_buttons',
        action_id: b.questionSetInput,
        options: QUESTION_SETS.map((set) => ({ value: set.value, text: { type: 'plain_text', text: set.text }, description: { type: 'plain_text', text: set.description } })),
        initial_option: { value: questionSet.value, text: { type: 'plain_text', text: questionSet.text }, description: { type: 'plain_text', text: questionSet.description } },
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: b.view,
    private_metadata: JSON.stringify({ channelId: input.channelId }),
    title: { type: 'plain_text', text: 'Reflection prompts' },
    submit: { type: 'plain_text', text: 'Schedule' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
