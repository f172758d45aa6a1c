/** Leader-led learning sessions: the form's rules and the time-based steps each session goes through. */
import { isValidTimeZone, localDateTimeToInstant } from '../../platform/time/cadence';
import { escapeMentions } from '../../platform/ui/text';

export const SESSION_TOPIC_MAX = 150;
export const SESSION_DESCRIPTION_MAX = 1000;
export const SESSION_LENGTH_MIN = 15;
export const SESSION_LENGTH_MAX = 480;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** When the leader is asked to confirm, the backup is asked, and attendees are reminded (before the start). */
export const LEADER_ASK_BEFORE_MS = 24 * HOUR_MS;
export const BACKUP_ASK_BEFORE_MS = 2 * HOUR_MS;
export const ATTENDEE_REMINDER_BEFORE_MS = 15 * MINUTE_MS;

export type SessionField = 'topic' | 'leader' | 'backup' | 'channel' | 'date' | 'time' | 'length' | 'description';

/** The form as Slack hands it over; every value may be missing. */
export interface SessionFormInput {
  topic?: string | null;
  leaderId?: string | null;
  backupLeaderId?: string | null;
  channelId?: string | null;
  /** 'YYYY-MM-DD' from the datepicker. */
  date?: string | null;
  /** 'HH:mm' from the timepicker. */
  time?: string | null;
  length?: string | null;
  description?: string | null;
}

export interface SessionForm {
  topic: string;
  description: string | null;
  leaderId: string;
  backupLeaderId: string;
  channelId: string;
  startsAt: Date;
  lengthMinutes: number;
  timeZone: string;
}

export const sessionFormErrors = {
  topicRequired: 'Give the session a topic, e.g. "Reading flame graphs".',
  topicTooLong: `Keep the topic to ${SESSION_TOPIC_MAX} characters; details go in the description.`,
  leaderRequired: 'Pick who leads the session.',
  backupRequired: 'Pick a backup leader, who takes over if the leader cannot make it.',
  backupSameAsLeader: 'Pick someone other than the leader as backup.',
  channelRequired: 'Pick the channel to announce the session in.',
  dateRequired: 'Pick the day of the session.',
  timeRequired: 'Pick the start time (in the leader\'s time zone).',
  startsInPast: 'Pick a start time in the future.',
  lengthInvalid: `Enter the length in minutes, from ${SESSION_LENGTH_MIN} to ${SESSION_LENGTH_MAX}.`,
  descriptionTooLong: `Keep the description to ${SESSION_DESCRIPTION_MAX} characters.`,
} as const;

const USER_ID = /^[UW][A-Z0-9]+$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;

/** Checks the session form; the date and time are read in the leader's time zone. */
export function parseSessionForm(input: SessionFormInput, leaderTimeZone: string, now: Date): { form: SessionForm } | { errors: Partial<Record<SessionField, string>> } {
  const errors: Partial<Record<SessionField, string>> = {};
  const topic = (input.topic ?? '').replace(/\s+/g, ' ').trim();
  if (topic === '') errors.topic = sessionFormErrors.topicRequired;
  else if ([...topic].length > SESSION_TOPIC_MAX) errors.topic = sessionFormErrors.topicTooLong;

  const leaderId = input.leaderId && USER_ID.test(input.leaderId) ? input.leaderId : null;
  const backupLeaderId = input.backupLeaderId && USER_ID.test(input.backupLeaderId) ? input.backupLeaderId : null;
  if (!leaderId) errors.leader = sessionFormErrors.leaderRequired;
  if (!backupLeaderId) errors.backup = sessionFormErrors.backupRequired;
  else if (backupLeaderId === leaderId) errors.backup = sessionFormErrors.backupSameAsLeader;

  const channelId = input.channelId && CHANNEL_ID.test(input.channelId) ? input.channelId : null;
  if (!channelId) errors.channel = sessionFormErrors.channelRequired;

  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.date ?? '');
  const time = /^(\d{2}):(\d{2})$/.exec(input.time ?? '');
  if (!date) errors.date = sessionFormErrors.dateRequired;
  if (!time) errors.time = sessionFormErrors.timeRequired;
  const timeZone = isValidTimeZone(leaderTimeZone) ? leaderTimeZone : 'UTC';
  let startsAt: Date | null = null;
  if (date && time) {
    try {
      startsAt = localDateTimeToInstant({ year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }, { hour: Number(time[1]), minute: Number(time[2]) }, timeZone);
      if (startsAt.getTime() <= now.getTime()) errors.time = sessionFormErrors.startsInPast;
    } catch {
      errors.date = sessionFormErrors.dateRequired;
    }
  }

  const lengthText = (input.length ?? '').trim();
  const lengthMinutes = /^\d{1,4}$/.test(lengthText) ? Number(lengthText) : NaN;
  if (!(lengthMinutes >= SESSION_LENGTH_MIN && lengthMinutes <= SESSION_LENGTH_MAX)) errors.length = sessionFormErrors.lengthInvalid;

  const description = (input.description ?? '').trim();
  if ([...description].length > SESSION_DESCRIPTION_MAX) errors.description = sessionFormErrors.descriptionTooLong;

  if (Object.keys(errors).length > 0 || !leaderId || !backupLeaderId || !channelId || !startsAt) return { errors };
  return {
    form: {
      topic: escapeMentions(topic),
      description: description === '' ? null : escapeMentions(description),
      leaderId,
      backupLeaderId,
      channelId,
      startsAt,
      lengthMinutes,
      timeZone,
    },
  };
}

export type SessionStage = 'announced' | 'leader_asked' | 'backup_asked' | 'resolved' | 'reflected';

/** A step the session job takes; `from` are the stages it may be claimed from, `to` the stage it moves to. */
export type SessionStep =
  | { kind: 'ask_leader'; from: SessionStage[]; to: 'leader_asked' }
  | { kind: 'ask_backup'; from: SessionStage[]; to: 'backup_asked' }
  | { kind: 'postpone'; from: SessionStage[]; to: 'resolved' }
  | { kind: 'reflect'; from: SessionStage[]; to: 'reflected' };

export interface SessionTiming {
  startsAt: Date;
  lengthMinutes: number;
  status: string;
  stage: string;
}

export const sessionEndsAt = (session: Pick<SessionTiming, 'startsAt' | 'lengthMinutes'>): Date => new Date(session.startsAt.getTime() + session.lengthMinutes * MINUTE_MS);

/** The one step due for a session at `now`, or null when nothing is due. */
export function dueSessionStep(session: SessionTiming, now: Date): SessionStep | null {
  const t = now.getTime();
  const start = session.startsAt.getTime();
  if (session.status === 'confirmed') {
    return t >= sessionEndsAt(session).getTime() && session.stage !== 'reflected'
      ? { kind: 'reflect', from: ['announced', 'leader_asked', 'backup_asked', 'resolved'], to: 'reflected' }
      : null;
  }
  if (session.status !== 'scheduled') return null;
  // Nobody confirmed by the start: the channel hears it is postponed rather than waiting for nobody.
  if (t >= start) return session.stage === 'resolved' || session.stage === 'reflected' ? null : { kind: 'postpone', from: ['announced', 'leader_asked', 'backup_asked'], to: 'resolved' };
  if (session.stage === 'leader_asked' && t >= start - BACKUP_ASK_BEFORE_MS) return { kind: 'ask_backup', from: ['leader_asked'], to: 'backup_asked' };
  if (session.stage === 'announced' && t >= start - LEADER_ASK_BEFORE_MS) return { kind: 'ask_leader', from: ['announced'], to: 'leader_asked' };
  return null;
}

/** Whether an attendee reminder is due now: the session is confirmed and starts within 15 minutes. */
export function attendeeReminderDue(session: Pick<SessionTiming, 'startsAt' | 'status'>, now: Date): boolean {
  const start = session.startsAt.getTime();
  return session.status === 'confirmed' && now.getTime() >= start - ATTENDEE_REMINDER_BEFORE_MS && now.getTime() < start;
}

export type SessionCommand = { kind: 'open-modal' } | { kind: 'list' } | { kind: 'invalid'; error: string };

/** `/learnloop session` alone opens the form; `list` lists the channel's sessions. */
export function parseSessionCommand(rest: string): SessionCommand {
  const word = rest.trim().toLowerCase();
  if (word === '') return { kind: 'open-modal' };
  if (word === 'list') return { kind: 'list' };
  return { kind: 'invalid', error: 'Use `/learnloop session` to schedule a session, or `/learnloop session list` to see this channel\'s sessions.' };
}
