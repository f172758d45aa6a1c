import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import type { CheckIn, MentoringPair, SharedWithMentor } from './queries';
import { formatDueDate } from '../commitments';
import { CHECK_IN_ANSWER_MAX, describeMentorCadence, formatWhen, isOverdue, type MentorCadence, type PersonRefusal, type ReminderRefusal } from './rules';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import type { Message } from '../../platform/ui/message';
import { parseJson } from '../../platform/slack/safe-json';
import { button, fieldTooLong } from '../../platform/ui/blocks';

const b = ids.mentor;
const EXCERPT = 200;

export type { Message };

const quote = (text: string, max = EXCERPT) => escapeMentions(truncate(text.replace(/\s+/g, ' ').trim(), max));

/** One sentence per expected outcome of the mentor command and buttons. */
export const mentorReplies = {
  refusals: {
    self: 'You cannot pair someone with themselves; mention a teammate instead.',
    bot: 'Bots and apps cannot take part in mentoring; mention a person instead.',
    unknown: 'I cannot find that person in Slack; mention a teammate from this workspace.',
    deactivated: 'That account is deactivated; mention someone who is still on the team.',
    outside_workspace: 'I can only pair people in this workspace; mention a teammate from here.',
  } satisfies Record<PersonRefusal, string>,
  notAdmin: 'Only Learnloop admins can pair people directly; use `/learnloop mentor request @someone` to ask someone to be your mentor.',
  exists: (a: string, b: string) => `<@${a}> and <@${b}> already have a mentoring pair (or a request waiting); see \`/learnloop mentor list\`.`,
  requested: (mentorId: string) => `I asked <@${mentorId}> to be your mentor and will tell you when they answer.`,
  requestNotDelivered: (mentorId: string) => `I could not message <@${mentorId}>, so nothing was requested; please try again later.`,
  paired: (mentorId: string, menteeId: string, cadence: MentorCadence) =>
    `Paired: <@${mentorId}> mentors <@${menteeId}>, checking in ${describeMentorCadence(cadence)}. I told them both.`,
  pairedNotice: (adminId: string, mentorId: string, menteeId: string, cadence: MentorCadence) =>
    `:handshake: <@${adminId}> paired <@${mentorId}> (mentor) with <@${menteeId}> (mentee). I will remind <@${mentorId}> to check in ${describeMentorCadence(cadence)}.`,
  accepted: (menteeId: string, cadence: MentorCadence) =>
    `:handshake: You are now <@${menteeId}>'s mentor. I will remind you to check in ${describeMentorCadence(cadence)}.`,
  acceptedNotice: (mentorId: string) => `:tada: <@${mentorId}> accepted: they are now your mentor.`,
  declined: (menteeId: string) => `You declined <@${menteeId}>'s request. I let them know.`,
  declinedNotice: (mentorId: string) => `<@${mentorId}> cannot be your mentor right now. Maybe ask someone else?`,
  notForYou: 'This request was for someone else.',
  requestGone: 'This request was already answered or withdrawn.',
  noPair: (personId: string) => `You have no mentoring pair with <@${personId}>; see \`/learnloop mentor list\`.`,
  cadenceChanged: (personId: string, cadence: MentorCadence) => `Check-ins with <@${personId}> are now ${describeMentorCadence(cadence)}.`,
  paused: (personId: string) => `Paused: no reminders about <@${personId}> until you \`/learnloop mentor resume\`.`,
  notActive: (personId: string) => `Your pair with <@${personId}> is not active, so there is nothing to pause.`,
  notPaused: (personId: string) => `Your pair with <@${personId}> is not paused.`,
  resumed: (personId: string, when: string) => `Resumed: the next check-in with <@${personId}> is ${when}.`,
  ended: (personId: string) => `Ended your mentoring pair with <@${personId}>. Thanks for learning together.`,
  onlyMentor: (mentorId: string) => `Only <@${mentorId}>, the mentor, can use these buttons.`,
  pairGone: 'This mentoring pair is no longer active.',
  reminderRefusal: (code: ReminderRefusal, mentorId: string): string => (code === 'pair_gone' ? mentorReplies.pairGone : mentorReplies.onlyMentor(mentorId)),
  snoozed: (when: string) => `:zzz: Snoozed: I will remind you again ${when}.`,
  skipped: (when: string) => `:fast_forward: Skipped this time. The next check-in is ${when}.`,
  checkInEmpty: 'Answer at least one of the two questions.',
  tooLong: fieldTooLong,
  formOutdated: 'This form is out of date; copy your text, close it and press the button again.',
  checkInLogged: (menteeId: string, when: string) => `:white_check_mark: Check-in with <@${menteeId}> logged. Next one: ${when}.`,
  reflectionEmpty: 'Write what you learned.',
  reflectionSaved: ':white_check_mark: Thanks, saved as a private learning.',
  alreadyReflected: 'You already answered this one.',
};

const pairValue = z.object({ pairId: z.number().int().positive() });
const checkInValue = z.object({ checkInId: z.number().int().positive() });


export const parsePairValue = (value: string | undefined) => parseJson(pairValue, value);
export const parseCheckInValue = (value: string | undefined) => parseJson(checkInValue, value);

/** The modals' private metadata: the pair or check-in, and the DM whose button opened them. */
export const checkInFormMetadata = z.object({ pairId: z.number().int().positive(), channelId: z.string().nullable(), messageTs: z.string().nullable() });
export const reflectionFormMetadata = z.object({ checkInId: z.number().int().positive(), channelId: z.string().nullable(), messageTs: z.string().nullable() });


/** The DM asking someone to be a mentor, with Accept / Decline. */
export function requestMessage(pair: Pick<MentoringPair, 'id' | 'menteeId' | 'requestNote'>): Message {
  const note = pair.requestNote ? `\n>${quote(pair.requestNote, 500)}` : '';
  const text = `:seedling: <@${pair.menteeId}> asks you to be their mentor.${note}`;
  const value = JSON.stringify({ pairId: pair.id });
  return {
    text: `<@${pair.menteeId}> asks you to be their mentor.`,
    blocks: [
      { type: 'section', block_id: b.requestBlock, text: { type: 'mrkdwn', text } },
      { type: 'actions', block_id: b.requestActionsBlock, elements: [button(b.accept, 'Accept', value, 'primary'), button(b.decline, 'Decline', value)] },
    ],
  };
}

/** A DM whose buttons are done: one line saying what happened. */
export function settledMessage(text: string): Message {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The reminder to the mentor, with what the mentee shared since the last check-in and the buttons. */
export function reminderMessage(pair: Pick<MentoringPair, 'id' | 'menteeId'>, shared: SharedWithMentor, goals: readonly string[] = []): Message {
  const text = `Time to check in with <@${pair.menteeId}>.`;
  const blocks: KnownBlock[] = [{ type: 'section', block_id: b.reminderBlock, text: { type: 'mrkdwn', text: `:wave: ${text}` } }];
  const section = (id: string, title: string, lines: string[]) => {
    if (lines.length > 0) blocks.push({ type: 'section', block_id: b.sharedBlockPrefix + id, text: { type: 'mrkdwn', text: truncate(`*${title}*\n${lines.join('\n')}`, 2900) } });
  };
  section('learnings', 'Learnings they shared', shared.learnings.map((l) => `• ${quote(l.text)}`));
  section(
    'feedback',
    'Feedback they shared with you',
    shared.feedback.map((f) => {
      const parts = [
        f.situation ? `Situation: ${quote(f.situation, 120)}` : null,
        f.behaviour ? `Behaviour: ${quote(f.behaviour, 120)}` : null,
        f.impact ? `Impact: ${quote(f.impact, 120)}` : null,
        f.text ? quote(f.text) : null,
      ].filter((part): part is string => part !== null);
      return `• From <@${f.senderId}>: ${parts.join(' · ')}`;
    }),
  );
  section('commitments', 'Their open commitments', shared.commitments.map((c) => `• ${quote(c.text)} (due ${formatDueDate(c.dueDate)})`));
  section('goals', 'Their growth goals', goals.map((goal) => `• ${quote(goal, 150)}`));
  if (blocks.length === 1) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Nothing new shared since your last check-in; ask them what they are working on.' }] });
  const value = JSON.stringify({ pairId: pair.id });
  blocks.push({
    type: 'actions',
    block_id: b.reminderActionsBlock,
    elements: [
      button(b.logCheckIn, 'Log check-in', value, 'primary'),
      button(b.snoozeDay, 'Snooze 1 day', value),
      button(b.snoozeWeek, 'Snooze 1 week', value),
      button(b.skip, 'Skip this time', value),
    ],
  });
  return { text, blocks };
}

/** The gentle DM to a mentee after two unanswered reminders. */
export function menteeNudgeMessage(pair: Pick<MentoringPair, 'mentorId'>): Message {
  const text = `It has been a while since you and <@${pair.mentorId}> checked in. Why not reach out and suggest a time? A short chat is enough.`;
  return { text, blocks: [{ type: 'section', block_id: b.nudgeBlock, text: { type: 'mrkdwn', text: `:seedling: ${text}` } }] };
}

const textInput = (blockId: string, actionId: string, label: string, optional: boolean) => ({
  type: 'input' as const,
  block_id: blockId,
  optional,
  label: { type: 'plain_text' as const, text: label },
  element: { type: 'plain_text_input' as const, action_id: actionId, multiline: true, max_length: CHECK_IN_ANSWER_MAX },
});

/** "Log check-in": what the mentee learned, and what the mentor learned from them. */
export function checkInModal(pair: Pick<MentoringPair, 'id' | 'menteeId'>, menteeName: string, dm: { channelId: string | null; messageTs: string | null }, goals: readonly string[] = []): ModalView {
  return {
    type: 'modal',
    callback_id: b.checkInView,
    private_metadata: JSON.stringify({ pairId: pair.id, ...dm }),
    title: { type: 'plain_text', text: 'Log check-in' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      textInput(b.menteeLearnedBlock, b.menteeLearnedInput, truncate(`What did ${menteeName} learn?`, 150), true),
      textInput(b.mentorLearnedBlock, b.mentorLearnedInput, truncate(`What did you learn from ${menteeName}?`, 150), true),
      ...(goals.length > 0
        ? [{ type: 'context' as const, block_id: b.checkInGoalsBlock, elements: [{ type: 'mrkdwn' as const, text: truncate(`*Their growth goals:* ${goals.map((goal) => quote(goal, 150)).join(' · ')}`, 2900) }] }]
        : []),
    ],
  };
}

/** The mirror question to the mentee after a check-in. */
export function reflectMessage(checkIn: Pick<CheckIn, 'id' | 'mentorId'>): Message {
  const text = `What did you learn from <@${checkIn.mentorId}> this time?`;
  return {
    text,
    blocks: [
      { type: 'section', block_id: b.reflectBlock, text: { type: 'mrkdwn', text: `:speech_balloon: <@${checkIn.mentorId}> logged your check-in. ${text}` } },
      { type: 'actions', block_id: b.reflectActionsBlock, elements: [button(b.reflect, 'Answer', JSON.stringify({ checkInId: checkIn.id }), 'primary')] },
    ],
  };
}

export function reflectionModal(checkIn: Pick<CheckIn, 'id'>, mentorName: string, dm: { channelId: string | null; messageTs: string | null }): ModalView {
  return {
    type: 'modal',
    callback_id: b.reflectionView,
    private_metadata: JSON.stringify({ checkInId: checkIn.id, ...dm }),
    title: { type: 'plain_text', text: 'Check-in' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [textInput(b.reflectionBlock, b.reflectionInput, truncate(`What did you learn from ${mentorName} this time?`, 150), false)],
  };
}

/** `/learnloop mentor list`: my mentors and my mentees, with cadence, next check-in and overdue. */
export function pairListMessage(pairs: MentoringPair[], viewerId: string, timeZone: string): Message {
  const line = (pair: MentoringPair, otherId: string) => {
    const state =
      pair.status === 'requested'
        ? 'waiting for an answer'
        : pair.status === 'paused'
          ? 'paused'
          : `${describeMentorCadence(pair.cadence)}${pair.nextReminderAt ? `, next check-in ${formatWhen(pair.nextReminderAt, timeZone)}` : ''}`;
    const overdue = pair.status === 'active' && isOverdue(pair.unansweredReminders) ? ' — *overdue*' : '';
    return `• <@${otherId}>: ${state}${overdue}`;
  };
  const mentors = pairs.filter((p) => p.menteeId === viewerId).map((p) => line(p, p.mentorId));
  const mentees = pairs.filter((p) => p.mentorId === viewerId).map((p) => line(p, p.menteeId));
  if (mentors.length === 0 && mentees.length === 0) {
    const text = 'You have no mentors or mentees yet. Ask someone with `/learnloop mentor request @someone`.';
    return { text, blocks: [{ type: 'section', block_id: b.listBlock, text: { type: 'mrkdwn', text } }] };
  }
  const text = [
    `*Your mentors*\n${mentors.length > 0 ? mentors.join('\n') : 'None yet.'}`,
    `*Your mentees*\n${mentees.length > 0 ? mentees.join('\n') : 'None yet.'}`,
  ].join('\n\n');
  return { text: 'Your mentoring pairs', blocks: [{ type: 'section', block_id: b.listBlock, text: { type: 'mrkdwn', text: truncate(text, 2900) } }] };
}
