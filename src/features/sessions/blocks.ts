import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { Session, SessionWithCounts } from './queries';
import { localParts } from '../../platform/time/cadence';
import { LEARNING_MAX_LENGTH } from '../learnings';
import { SESSION_DESCRIPTION_MAX, SESSION_LENGTH_MAX, SESSION_LENGTH_MIN, SESSION_TOPIC_MAX, type SessionField, type SessionFormInput } from './rules';
import { ids } from './ids';
import type { Message } from '../../platform/ui/message';
import { fieldTooLong, mrkdwn, section } from '../../platform/ui/blocks';

const b = ids.session;

export type { Message };

/** One sentence per outcome of the session command, buttons and forms. */
export const sessionReplies = {
  notInChannel: 'I am not a member of that channel, so I cannot announce the session there. Invite me with `/invite @Learnloop`, or pick another channel.',
  outOfDate: 'This form is out of date; copy your text, close it and start again.',
  leaderNotInChannel: 'That person is not in this private channel, so they cannot lead its session; choose someone in the channel.',
  gone: 'I cannot find that session any more; it may have been removed.',
  joined: (topic: string) => `You're on the list for *${topic}*. I'll DM you 15 minutes before it starts.`,
  alreadyJoined: (topic: string) => `You're already on the list for *${topic}*; I'll DM you 15 minutes before it starts.`,
  notOpen: (topic: string) => `*${topic}* is not taking attendees any more (it was held or postponed).`,
  notYours: (userId: string) => `Only <@${userId}> can answer this.`,
  tooLate: 'This question has already been settled; the session thread says who leads.',
  confirmed: (topic: string) => `Thanks, you're leading *${topic}*; the channel has been told.`,
  declinedLeader: (topic: string) => `Thanks for letting us know; I've asked the backup leader to take over *${topic}*.`,
  declinedBackup: (topic: string) => `Thanks for letting us know; *${topic}* is postponed and the organiser has been told.`,
  learningEmpty: 'Write what you learned, or press Cancel.',
  learningTooLong: (length: number) => fieldTooLong(LEARNING_MAX_LENGTH, length),
  learningSaved: (topic: string) => `Saved as your learning from teaching *${topic}*. Thank you for leading it!`,
} as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Slack shows the time in each reader's own zone; the fallback is the leader's local time. */
export function sessionTime(session: Pick<Session, 'startsAt' | 'timeZone'>): string {
  const local = localParts(session.startsAt, session.timeZone);
  const fallback = `${local.isoDate} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')} (${session.timeZone})`;
  return `<!date^${Math.floor(session.startsAt.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

const leaderOf = (session: Pick<Session, 'leaderId' | 'confirmedLeaderId'>) => session.confirmedLeaderId ?? session.leaderId;

/** What travels with the create form. */
export const createMetadataSchema = z.object({ channelId: z.string().max(40).nullable(), responseUrl: z.string().url().optional() });
export type CreateMetadata = z.infer<typeof createMetadataSchema>;

/** The create form of `/learnloop session`. */
export function createSessionModal(metadata: CreateMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: b.view,
    private_metadata: JSON.stringify(metadata),
    title: plain('Schedule a session'),
    submit: plain('Announce'),
    close: plain('Cancel'),
    blocks: [
      { type: 'input', block_id: b.topicBlock, label: plain('Topic'), element: { type: 'plain_text_input', action_id: b.topicInput, max_length: SESSION_TOPIC_MAX, placeholder: plain('e.g. Reading flame graphs') } },
      { type: 'input', block_id: b.leaderBlock, label: plain('Leader'), element: { type: 'users_select', action_id: b.leaderInput } },
      { type: 'input', block_id: b.backupBlock, label: plain('Backup leader'), hint: plain('Takes over if the leader cannot make it.'), element: { type: 'users_select', action_id: b.backupInput } },
      {
        type: 'input',
        block_id: b.channelBlock,
        label: plain('Channel'),
        element: {
          type: 'conversations_select',
          action_id: b.channelInput,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(metadata.channelId ? { initial_conversation: metadata.channelId } : { default_to_current_conversation: true }),
        },
      },
      { type: 'input', block_id: b.dateBlock, label: plain('Day'), element: { type: 'datepicker', action_id: b.dateInput } },
      { type: 'input', block_id: b.timeBlock, label: plain('Start time'), hint: plain("In the leader's time zone."), element: { type: 'timepicker', action_id: b.timeInput } },
      {
        type: 'input',
        block_id: b.lengthBlock,
        label: plain('Length (minutes)'),
        element: { type: 'number_input', action_id: b.lengthInput, is_decimal_allowed: false, min_value: String(SESSION_LENGTH_MIN), max_value: String(SESSION_LENGTH_MAX), initial_value: '60' },
      },
      {
        type: 'input',
        block_id: b.descriptionBlock,
        optional: true,
        label: plain('Short description'),
        element: { type: 'plain_text_input', action_id: b.descriptionInput, multiline: true, max_length: SESSION_DESCRIPTION_MAX },
      },
    ],
  };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_user?: string | null; selected_conversation?: string | null; selected_date?: string | null; selected_time?: string | null }>>;

/** The create form's values as the domain reads them. */
export function readCreateForm(values: StateValues): SessionFormInput {
  const field = (block: string, action: string) => values[block]?.[action];
  return {
    topic: field(b.topicBlock, b.topicInput)?.value,
    leaderId: field(b.leaderBlock, b.leaderInput)?.selected_user,
    backupLeaderId: field(b.backupBlock, b.backupInput)?.selected_user,
    channelId: field(b.channelBlock, b.channelInput)?.selected_conversation,
    date: field(b.dateBlock, b.dateInput)?.selected_date,
    time: field(b.timeBlock, b.timeInput)?.selected_time,
    length: field(b.lengthBlock, b.lengthInput)?.value,
    description: field(b.descriptionBlock, b.descriptionInput)?.value,
  };
}

const FIELD_BLOCKS: Record<SessionField, string> = {
  topic: b.topicBlock,
  leader: b.leaderBlock,
  backup: b.backupBlock,
  channel: b.channelBlock,
  date: b.dateBlock,
  time: b.timeBlock,
  length: b.lengthBlock,
  description: b.descriptionBlock,
};

/** Domain field errors keyed by the form's block ids. */
export function fieldErrors(errors: Partial<Record<SessionField, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [FIELD_BLOCKS[field as SessionField], message]));
}

/** The announcement card in the channel, with "I'll join". */
export function announcementMessage(session: Session): Message {
  const details = [`Led by <@${session.leaderId}> (backup <@${session.backupLeaderId}>)`, `${sessionTime(session)}`, `${session.lengthMinutes} minutes`];
  const blocks: KnownBlock[] = [section(`:mortar_board: *Learning session: ${session.topic}*\n${details.join(' · ')}${session.description ? `\n${session.description}` : ''}`, b.announcementBlock)];
  blocks.push({
    type: 'actions',
    block_id: b.announcementActionsBlock,
    elements: [{ type: 'button', action_id: b.join, style: 'primary', text: plain("I'll join"), value: String(session.id) }],
  });
  blocks.push({ type: 'context', elements: [mrkdwn(`Organised by <@${session.organiserId}>. Press I'll join for a reminder 15 minutes before; afterwards, share what you'll try in the thread.`)] });
  return { text: `Learning session: ${session.topic}, ${sessionTime(session)}`, blocks };
}

function askMessage(text: string, buttons: { actionId: string; label: string; primary?: boolean }[], sessionId: number): Message {
  return {
    text,
    blocks: [
      section(text, b.askBlock),
      {
        type: 'actions',
        block_id: b.askActionsBlock,
        elements: buttons.map((button) => ({ type: 'button' as const, action_id: button.actionId, text: plain(button.label), value: String(sessionId), ...(button.primary ? { style: 'primary' as const } : {}) })),
      },
    ],
  };
}

/** The leader's DM a day before. */
export function leaderAskMessage(session: Session): Message {
  return askMessage(
    `You're leading *${session.topic}* in <#${session.channelId}> ${sessionTime(session)} (${session.lengthMinutes} minutes). Can you confirm?`,
    [
      { actionId: b.leaderConfirm, label: 'Confirm', primary: true },
      { actionId: b.leaderDecline, label: "I can't make it" },
    ],
    session.id,
  );
}

/** The backup leader's DM when the leader declined or did not answer. */
export function backupAskMessage(session: Session, reason: 'declined' | 'no_answer'): Message {
  const why = reason === 'declined' ? `<@${session.leaderId}> can't make it` : `<@${session.leaderId}> hasn't confirmed`;
  return askMessage(
    `${why} to lead *${session.topic}* in <#${session.channelId}> ${sessionTime(session)}. You're the backup leader: can you take over?`,
    [
      { actionId: b.backupTakeOver, label: 'Take over', primary: true },
      { actionId: b.backupDecline, label: "Can't either" },
    ],
    session.id,
  );
}

export const leaderAnnouncedText = (session: Session, leaderId: string) => `<@${leaderId}> will lead *${session.topic}* ${sessionTime(session)}.`;
export const postponedText = (session: Session) => `Nobody could lead *${session.topic}*, so it is postponed. <@${session.organiserId}> will pick a new date.`;
export const organiserPostponedText = (session: Session) =>
  `Neither <@${session.leaderId}> nor <@${session.backupLeaderId}> could lead *${session.topic}* in <#${session.channelId}>, so it is postponed; the channel has been told. Run \`/learnloop session\` to schedule it again.`;

export function reminderMessage(reminder: { topic: string; channelId: string; startsAt: Date; leaderId: string }): Message {
  const text = `Starting soon: *${reminder.topic}* with <@${reminder.leaderId}> at <!date^${Math.floor(reminder.startsAt.getTime() / 1000)}^{time}|${reminder.startsAt.toISOString().slice(11, 16)} UTC> in <#${reminder.channelId}>.`;
  return { text, blocks: [section(text, b.reminderBlock)] };
}

export const REFLECTION_QUESTION = "What will you try from today's session?";
export const TEACHING_QUESTION = 'What did you learn from teaching this — which question surprised you?';

export function reflectionPromptMessage(session: Session): Message {
  const text = `:seedling: *${session.topic}* is over; thank you <@${leaderOf(session)}>! ${REFLECTION_QUESTION} Reply in this thread.`;
  return { text, blocks: [section(text, b.reflectionBlock)] };
}

export function teachingAskMessage(session: Session): Message {
  const text = `Thanks for leading *${session.topic}*. ${TEACHING_QUESTION}`;
  return {
    text,
    blocks: [
      section(text, b.teachingBlock),
      { type: 'actions', block_id: b.teachingActionsBlock, elements: [{ type: 'button', action_id: b.teachingOpen, style: 'primary', text: plain('Write it down'), value: String(session.id) }] },
    ],
  };
}

export const teachingMetadataSchema = z.object({ sessionId: z.number().int().positive() });

export function teachingModal(session: Session): ModalView {
  return {
    type: 'modal',
    callback_id: b.teachingView,
    private_metadata: JSON.stringify({ sessionId: session.id }),
    title: plain('What teaching taught you'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      { type: 'context', elements: [mrkdwn(`*${session.topic}*`)] },
      { type: 'input', block_id: b.teachingTextBlock, label: plain(TEACHING_QUESTION), element: { type: 'plain_text_input', action_id: b.teachingTextInput, multiline: true, max_length: LEARNING_MAX_LENGTH } },
    ],
  };
}

const STATUS_WORDS: Record<string, string> = { scheduled: 'not yet confirmed', confirmed: 'confirmed', postponed: 'postponed', held: 'held', cancelled: 'cancelled' };

function listLine(session: SessionWithCounts): SectionBlock {
  const attendees = `${session.attendeeCount} joining`;
  const reflections = `${session.reflectionCount} reflection${session.reflectionCount === 1 ? '' : 's'}`;
  return section(`*${session.topic}* · ${sessionTime(session)} · led by <@${leaderOf(session)}> · ${STATUS_WORDS[session.status] ?? session.status}\n${attendees} · ${reflections}`, `${b.itemBlockPrefix}${session.id}`);
}

/** `/learnloop session list`: the channel's upcoming and past sessions. */
export function sessionListMessage(channelId: string, upcoming: SessionWithCounts[], past: SessionWithCounts[]): Message {
  if (upcoming.length === 0 && past.length === 0) {
    const text = `No sessions in <#${channelId}> yet. Schedule one with \`/learnloop session\`.`;
    return { text, blocks: [section(text, b.listBlock)] };
  }
  const blocks: KnownBlock[] = [section(`*Learning sessions in <#${channelId}>*`, b.listBlock)];
  blocks.push(section(upcoming.length ? '*Upcoming*' : '*Upcoming*: none'));
  blocks.push(...upcoming.map(listLine));
  if (past.length) blocks.push(section('*Past*'), ...past.map(listLine));
  return { text: `Learning sessions in <#${channelId}>`, blocks };
}
