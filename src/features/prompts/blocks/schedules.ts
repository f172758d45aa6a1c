import type { KnownBlock, SectionBlock } from '@slack/types';
import type { ChannelQuestion } from '../queries/channel-questions';
import type { PromptSchedule } from '../queries/schedules';
import type { PromptSkip } from '../queries/skips';
import type { Prompt } from '../queries/prompts';
import type { QuestionSet } from '../../../platform/db/schema';
import { describeCadence } from '../../../platform/time/cadence';
import { messagePermalink } from '../../../platform/slack/permalink';
import { ANYWAY, formatDuration, formatInZone } from '../rules/prompt-command';
import { DEFAULT_QUESTIONS } from '../rules/questions';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { ids } from '../ids';
import { CHANNEL_GONE_ERRORS } from '../../../platform/slack/slack-error';
import type { Message } from '../../../platform/ui/message';
import { context, section } from '../../../platform/ui/blocks';

const b = ids.promptSchedule;
// Slack allows 50 blocks per message and 3000 characters per section.
const MAX_LISTED = 40;
const SECTION_MAX = 2900;

export type { Message };

/** The one sentence each expected outcome of the prompts and questions commands gets. */
export const promptReplies = {
  needsChannel: (what: 'Prompts' | 'Questions') =>
    `${what} belong to a channel, not a direct message. Run \`/learnloop ${what.toLowerCase()}\` in the channel where the team should reflect.`,
  notInChannel: "I'm not in this channel yet. Invite me with `/invite @Learnloop`, then try again.",
  noSchedule: (id: number) => `There is no schedule #${id} in this channel. See \`/learnloop prompts list\`.`,
  noSkip: (id: number) => `There is no skip #${id} in this channel. See \`/learnloop prompts skip list\`.`,
  noQuestion: (id: number) => `There is no question #${id} in this channel. See \`/learnloop questions list\`.`,
  notAllowed: (createdBy: string, thing: string, verb: string) =>
    `Only <@${createdBy}>, who added ${thing}, or a Learnloop or workspace admin can ${verb} it.`,
  skipNotAllowed: (creators: readonly string[]) =>
    `Only the people who scheduled prompts here (${creators.map((id) => `<@${id}>`).join(', ')}) or a Learnloop or workspace admin can add skip dates in this channel.`,
  paused: (id: number) => `Paused schedule #${id}. Nothing is posted until you run \`/learnloop prompts resume ${id}\`.`,
  alreadyPaused: (id: number) => `Schedule #${id} is already paused. Run \`/learnloop prompts resume ${id}\` to restart it.`,
  resumed: (id: number, next: string) => `Resumed schedule #${id}. Next prompt: ${next}. Prompts missed while it was paused are not posted.`,
  /** `typed` is what followed `/learnloop prompts` (`add weekly friday 3pm`). */
  clash: (existing: PromptSchedule, when: string, typed: string) => {
    const paused = existing.status === 'paused' ? ', though paused now,' : '';
    const again = `/learnloop prompts ${escapeMentions(truncate(typed.replace(/\s+/g, ' '), 200)).replace(/`/g, "'")} ${ANYWAY}`;
    return (
      `Nothing was added: schedule #${existing.id}${paused} already posts here ${describeCadence(existing.cadence)} (${existing.timeZone}), so both would post a prompt on ${when}. ` +
      `To change #${existing.id}, remove it first with \`/learnloop prompts remove ${existing.id}\`; to add this one as well, run \`${again}\`.`
    );
  },
  /** The schedule form's field error: a form cannot say "anyway", the text command can. */
  clashInForm: (existing: PromptSchedule, when: string, cadenceWords: string) =>
    `Schedule #${existing.id} already posts here ${describeCadence(existing.cadence)} (${existing.timeZone}): both would post on ${when}. ` +
    `Pick another time, or add it anyway with /learnloop prompts add ${cadenceWords} ${ANYWAY}`,
  removed: (id: number, cadence: string) => `Removed schedule #${id} (${cadence}). Past prompts and their replies are kept.`,
  nudgeSet: (id: number, minutes: number | null) =>
    minutes === null
      ? `Schedule #${id} no longer nudges anyone.`
      : `Schedule #${id} will nudge people ${formatDuration(minutes)} after each prompt if the thread is still quiet.`,
  skipAdded: (skip: PromptSkip) =>
    `No prompts will be posted in this channel on ${dateRange(skip)} (skip #${skip.id}). Undo with \`/learnloop prompts skip remove ${skip.id}\`.`,
  skipRemoved: (skip: PromptSkip) => `Removed skip #${skip.id} (${dateRange(skip)}); prompts will be posted on those dates again.`,
  posted: 'Posted a reflection prompt in this channel. Replies in its thread are kept for the team.',
  notPosted: (reason: string) =>
    CHANNEL_GONE_ERRORS[reason]
      ? `I could not post the prompt: ${CHANNEL_GONE_ERRORS[reason]}. Nothing was posted.`
      : 'Slack did not accept the prompt, so nothing was posted; please try again in a minute.',
  questionAdded: (question: ChannelQuestion) =>
    `Added question #${question.id}: “${escapeMentions(question.text)}”. Schedules set to this channel’s own questions (or both) will ask it.`,
  questionRemoved: (question: ChannelQuestion) => `Removed question #${question.id}: “${escapeMentions(truncate(question.text, 100))}”.`,
} as const;

const QUESTION_SET_NAMES: Record<QuestionSet, string> = {
  default: 'Learnloop’s',
  custom: 'this channel’s own',
  mixed: 'Learnloop’s and this channel’s own',
};

function dateRange(skip: { fromDate: string; toDate: string }): string {
  return skip.fromDate === skip.toDate ? skip.fromDate : `${skip.fromDate} to ${skip.toDate}`;
}

/** "Fri 27 Nov, 15:00 (Europe/Berlin)", plus the viewer's own clock when their zone differs. */
export function inBothZones(date: Date, scheduleZone: string, viewerZone: string): string {
  const there = formatInZone(date, scheduleZone);
  return scheduleZone === viewerZone ? `${there}, your time too` : `${there} · for you ${formatInZone(date, viewerZone)}`;
}

function lastResult(schedule: PromptSchedule): string {
  if (schedule.lastResult === null || schedule.lastRunAt === null) return 'not run yet';
  const when = formatInZone(schedule.lastRunAt, schedule.timeZone);
  const reason = schedule.lastResultReason ? `: ${escapeMentions(CHANNEL_GONE_ERRORS[schedule.lastResultReason] ?? schedule.lastResultReason)}` : '';
  return `${schedule.lastResult} ${when}${schedule.lastResult === 'posted' ? '' : reason}`;
}

function scheduleLines(schedule: PromptSchedule, viewerZone: string): string {
  const paused = schedule.status === 'paused';
  const reason = schedule.pausedReason ? ` (${escapeMentions(CHANNEL_GONE_ERRORS[schedule.pausedReason] ?? schedule.pausedReason)})` : '';
  const status = paused ? `:double_vertical_bar: Paused${reason}` : ':large_green_circle: Active';
  const next = paused ? `none while paused; \`/learnloop prompts resume ${schedule.id}\` restarts it` : inBothZones(schedule.nextRunAt, schedule.timeZone, viewerZone);
  const nudge = schedule.nudgeAfterMinutes === null ? 'off' : `after ${formatDuration(schedule.nudgeAfterMinutes)}`;
  return [
    `*#${schedule.id}* ${describeCadence(schedule.cadence)} · ${schedule.timeZone} · ${status}`,
    `Next: ${next}`,
    `Questions: ${QUESTION_SET_NAMES[schedule.questionSet]} · Nudge: ${nudge} · Last: ${lastResult(schedule)}`,
    `Added by <@${schedule.createdBy}>`,
  ].join('\n');
}

function skipLines(skips: readonly PromptSkip[]): string {
  if (skips.length === 0) return 'No upcoming skip dates. Add one with `/learnloop prompts skip 2026-12-24..2027-01-02`.';
  return ['*Upcoming skip dates*', ...skips.map((skip) => `#${skip.id} ${dateRange(skip)} (added by <@${skip.createdBy}>)`)].join('\n');
}


/** How to change a schedule, with the id of one in the list (a paused one is resumed rather than paused). */
function changeHint(schedules: readonly PromptSchedule[]): KnownBlock {
  const example = schedules.find((s) => s.status === 'active') ?? schedules[0];
  const id = example?.id ?? 1;
  const stop = example?.status === 'paused' ? `resume ${id}` : `pause ${id}`;
  return context(`Change one by its number, e.g. \`/learnloop prompts ${stop}\`, \`remove ${id}\` or \`nudge ${id} 4h\`.`);
}

/** `/learnloop prompts list`: each schedule with its next run in both zones, status and last result, then the skips. */
export function scheduleListMessage(input: { channelId: string; schedules: readonly PromptSchedule[]; skips: readonly PromptSkip[]; viewerTimeZone: string }): Message {
  const { schedules, skips } = input;
  if (schedules.length === 0) {
    const text = `No prompt schedules in <#${input.channelId}> yet. Create one with \`/learnloop prompts\` (a form) or \`/learnloop prompts add weekly fri 15:00 Europe/Berlin\`.`;
    return { text, blocks: [section(text, b.listBlock), section(skipLines(skips), b.skipsBlock)] };
  }
  const shown = schedules.slice(0, MAX_LISTED);
  const more = schedules.length - shown.length;
  const blocks: KnownBlock[] = [
    section(b.listBlock, `*Prompt schedules in <#${input.channelId}>* (${schedules.length})${more > 0 ? `, the first ${MAX_LISTED} shown` : ''}`),
    ...shown.map((schedule) => section(scheduleLines(schedule, input.viewerTimeZone), `${b.itemBlockPrefix}${schedule.id}`)),
    section(truncate(skipLines(skips), SECTION_MAX), b.skipsBlock),
    changeHint(shown),
  ];
  return { text: `${schedules.length} prompt schedule${schedules.length === 1 ? '' : 's'} in this channel`, blocks };
}

/** `/learnloop prompts skip list`. */
export function skipListMessage(skips: readonly PromptSkip[]): Message {
  const text = truncate(skipLines(skips), SECTION_MAX);
  return { text: skips.length === 0 ? text : `${skips.length} upcoming skip date${skips.length === 1 ? '' : 's'}`, blocks: [section(text, b.skipsBlock)] };
}

/** The confirmation of a new schedule (text command and form). */
export function scheduleCreatedMessage(schedule: PromptSchedule, viewerTimeZone: string): Message {
  const text = `Scheduled prompt #${schedule.id} in <#${schedule.channelId}>: ${describeCadence(schedule.cadence)} (${schedule.timeZone}).`;
  return {
    text,
    blocks: [
      section([
          `:white_check_mark: ${text}`,
          `First prompt: ${inBothZones(schedule.nextRunAt, schedule.timeZone, viewerTimeZone)}`,
          `Questions: ${QUESTION_SET_NAMES[schedule.questionSet]}.`,
        ].join('\n'), b.createdBlock),
      context(`See all with \`/learnloop prompts list\`; pause it with \`/learnloop prompts pause ${schedule.id}\`.`),
    ],
  };
}

/** `/learnloop prompts history`: the last prompts, when they were posted, a link and how many replied. */
export function promptHistoryMessage(input: { channelId: string; prompts: readonly (Prompt & { replyCount: number })[]; viewerTimeZone: string; workspaceUrl: string }): Message {
  if (input.prompts.length === 0) {
    const text = 'No prompts have been posted in this channel yet. Post one now with `/learnloop prompts now`.';
    return { text, blocks: [section(text, b.historyBlock)] };
  }
  const blocks: KnownBlock[] = [section(`*The last ${input.prompts.length} prompt${input.prompts.length === 1 ? '' : 's'} in <#${input.channelId}>*`, b.historyBlock)];
  for (const prompt of input.prompts) {
    const question = escapeMentions(truncate(prompt.questionText ?? 'A reflection prompt', 500)).replace(/\n/g, ' ');
    const when = prompt.postedAt ? formatInZone(prompt.postedAt, input.viewerTimeZone) : 'not posted';
    const link = prompt.messageTs ? ` · <${messagePermalink(input.workspaceUrl, prompt.channelId, prompt.messageTs)}|Open thread>` : '';
    const replies = `${prompt.replyCount} repl${Number(prompt.replyCount) === 1 ? 'y' : 'ies'}`;
    blocks.push(section(`>${question}\n${when}${link} · ${replies}`, `${b.historyBlock}_${prompt.id}`));
  }
  return { text: `The last ${input.prompts.length} prompts in this channel`, blocks };
}

/** `/learnloop questions list`: the channel's own questions, and how they mix with the default bank. */
export function channelQuestionsMessage(channelId: string, questions: readonly ChannelQuestion[]): Message {
  const note = context(
    `Schedules ask Learnloop’s ${DEFAULT_QUESTIONS.length} questions unless set to this channel’s own or both (pick that in \`/learnloop prompts\`). ` +
      'Add one with `/learnloop questions add What did a customer teach us this week?`; remove one with `/learnloop questions remove 3`.',
  );
  if (questions.length === 0) {
    const text = `<#${channelId}> has no questions of its own yet.`;
    return { text, blocks: [section(text, b.questionsBlock), note] };
  }
  const lines = questions.map((q) => `#${q.id} ${escapeMentions(q.text).replace(/\n/g, ' ')} (added by <@${q.createdBy}>)`);
  const chunks: string[] = [`*<#${channelId}>’s own questions* (${questions.length})`];
  for (const line of lines) {
    const last = chunks[chunks.length - 1] ?? '';
    if (last.length + line.length + 1 > SECTION_MAX) chunks.push(line);
    else chunks[chunks.length - 1] = `${last}\n${line}`;
  }
  const blocks: KnownBlock[] = chunks.slice(0, 45).map((text, index) => section(text, index === 0 ? b.questionsBlock : `${b.questionsBlock}_${index + 1}`));
  return { text: `${questions.length} question${questions.length === 1 ? '' : 's'} of this channel`, blocks: [...blocks, note] };
}
