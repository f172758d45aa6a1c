/** Mentoring pairs: the `/learnloop mentor …` text, reminder times and the overdue rule. Pure; `now` is a parameter. */
import { localDateTimeToInstant, localParts, type LocalDate } from '../../platform/time/cadence';
import { formatDueDate } from '../commitments';
import { parseUserMention } from '../../platform/ui/text';
import { addDays, safeTimeZone } from '../../platform/time/calendar';
import { DAY_MS } from '../../platform/time/units';

export type MentorCadence = 'weekly' | 'biweekly' | 'monthly';
export const MENTOR_CADENCES: readonly MentorCadence[] = ['weekly', 'biweekly', 'monthly'];
export const DEFAULT_MENTOR_CADENCE: MentorCadence = 'biweekly';
/** Local hour of the mentor's reminder. */
export const REMINDER_HOUR = 10;
/** Unanswered reminders in a row after which a pair is overdue and the mentee gets a nudge. */
export const OVERDUE_AFTER = 2;
export const NOTE_MAX = 500;
export const CHECK_IN_ANSWER_MAX = 3000;


export type MentorCommand =
  | { kind: 'request'; personId: string; note: string | null }
  | { kind: 'pair'; mentorId: string; menteeId: string; cadence: MentorCadence }
  | { kind: 'list' }
  | { kind: 'cadence'; personId: string; cadence: MentorCadence }
  | { kind: 'pause' | 'resume' | 'end'; personId: string }
  | { kind: 'error'; message: string };

const EXAMPLES =
  '`/learnloop mentor request @alex Help me get better at code review`, `/learnloop mentor list`, `/learnloop mentor cadence @alex weekly`, `/learnloop mentor pause @alex`, `/learnloop mentor resume @alex`, `/learnloop mentor end @alex`';

/** Parses the words after `/learnloop mentor` (`rest` is the same text unsplit, for the request note). */
export function parseMentorCommand(args: readonly string[], rest: string): MentorCommand {
  const sub = (args[0] ?? '').toLowerCase();
  const error = (message: string): MentorCommand => ({ kind: 'error', message });
  const mention = (word: string | undefined, example: string): string | { error: string } =>
    (word !== undefined && parseUserMention(word)) || { error: `Mention the person with @ (pick them from the list as you type), e.g. \`${example}\`.` };

  if (sub === '' ) return error(`Say what to do, e.g. ${EXAMPLES}.`);
  if (sub === 'list') return { kind: 'list' };
  if (sub === 'request') {
    const person = mention(args[1], '/learnloop mentor request @alex Help me get better at code review');
    if (typeof person !== 'string') return error(person.error);
    const note = rest.replace(/^\S+\s+\S+\s*/u, '').trim();
    if (note.length > NOTE_MAX) return error(`Keep the note under ${NOTE_MAX} characters.`);
    return { kind: 'request', personId: person, note: note === '' ? null : note };
  }
  if (sub === 'pair') {
    const example = '/learnloop mentor pair @mentor @mentee biweekly';
    const mentor = mention(args[1], example);
    const mentee = mention(args[2], example);
    if (typeof mentor !== 'string') return error(mentor.error);
    if (typeof mentee !== 'string') return error(mentee.error);
    const cadence = args[3] === undefined ? DEFAULT_MENTOR_CADENCE : parseMentorCadence(args[3]);
    if (!cadence) return error(cadenceError(args[3] ?? '', example));
    if (args.length > 4) return error(`Too many words; try \`${example}\`.`);
    return { kind: 'pair', mentorId: mentor, menteeId: mentee, cadence };
  }
  if (sub === 'cadence') {
    const example = '/learnloop mentor cadence @alex weekly';
    const person = mention(args[1], example);
    if (typeof person !== 'string') return error(person.error);
    const cadence = parseMentorCadence(args[2] ?? '');
    if (!cadence) return error(cadenceError(args[2] ?? '', example));
    return { kind: 'cadence', personId: person, cadence };
  }
  if (sub === 'pause' || sub === 'resume' || sub === 'end') {
    const person = mention(args[1], `/learnloop mentor ${sub} @alex`);
    if (typeof person !== 'string') return error(person.error);
    return { kind: sub, personId: person };
  }
  return error(`I don't know \`mentor ${sub.slice(0, 40)}\`. Try ${EXAMPLES}.`);
}

export function parseMentorCadence(word: string): MentorCadence | null {
  const w = word.trim().toLowerCase();
  if (w === 'fortnightly' || w === 'bi-weekly') return 'biweekly';
  return MENTOR_CADENCES.find((c) => c === w) ?? null;
}

function cadenceError(word: string, example: string): string {
  const what = word === '' ? 'Say how often' : `"${word.slice(0, 40)}" is not a cadence`;
  return `${what}: weekly, biweekly or monthly, e.g. \`${example}\`.`;
}

/** "every week", "every two weeks", "every month". */
export function describeMentorCadence(cadence: MentorCadence): string {
  return cadence === 'weekly' ? 'every week' : cadence === 'biweekly' ? 'every two weeks' : 'every month';
}

/**
 * The next reminder after `from`: one cadence later on the mentor's local calendar, at 10:00 mentor-local;
 * a Saturday or Sunday moves on to Monday.
 */
export function nextReminderAt(cadence: MentorCadence, from: Date, mentorTimeZone: string): Date {
  const tz = safeTimeZone(mentorTimeZone);
  const today = localParts(from, tz);
  const date = cadence === 'monthly' ? addMonth(today) : addDays(today, cadence === 'weekly' ? 7 : 14);
  return reminderInstant(date, tz);
}

/** 10:00 local on `date`, or on the Monday after when it is a weekend day. */
function reminderInstant(date: LocalDate, timeZone: string): Date {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const workday = weekday === 6 ? addDays(date, 2) : weekday === 0 ? addDays(date, 1) : date;
  return localDateTimeToInstant(workday, { hour: REMINDER_HOUR, minute: 0 }, timeZone);
}

export type SnoozeLength = 'day' | 'week';

/** "Snooze": the reminder comes back a day or a week from now (the DM budget keeps it out of quiet hours). */
export function snoozedUntil(now: Date, length: SnoozeLength): Date {
  return new Date(now.getTime() + (length === 'day' ? 1 : 7) * DAY_MS);
}

/** A pair is overdue once two reminders in a row went unanswered. */
export function isOverdue(unansweredReminders: number): boolean {
  return unansweredReminders >= OVERDUE_AFTER;
}

/** "Mon 7 Dec 2026, 10:00" in `timeZone`. */
export function formatWhen(instant: Date, timeZone: string): string {
  const p = localParts(instant, safeTimeZone(timeZone));
  return `${formatDueDate(p.isoDate)}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export type ReminderRefusal = 'pair_gone' | 'not_mentor';

/** Why this person may not use a mentor reminder's buttons or log its check-in, or null: only the mentor of an active pair may. */
export function reminderRefusal(pair: { status: string; mentorId: string } | undefined, userId: string): ReminderRefusal | null {
  if (!pair || pair.status !== 'active') return 'pair_gone';
  return pair.mentorId === userId ? null : 'not_mentor';
}

export type PersonRefusal = 'self' | 'bot' | 'unknown' | 'deactivated' | 'outside_workspace';

/** Why this person cannot be part of a mentoring pair with `actorId`, or null when they can. */
export function personRefusal(
  person: { isBot: boolean; deleted: boolean; teamId: string | undefined } | null,
  context: { personId: string; actorId: string; teamId: string; botUserId: string },
): PersonRefusal | null {
  if (context.personId === context.actorId) return 'self';
  if (context.personId === context.botUserId) return 'bot';
  if (!person) return 'unknown';
  if (person.isBot) return 'bot';
  if (person.teamId && person.teamId !== context.teamId) return 'outside_workspace';
  if (person.deleted) return 'deactivated';
  return null;
}


/** The same day next month, or its last day when the month is shorter (31 Jan → 28/29 Feb). */
function addMonth(date: LocalDate): LocalDate {
  const year = date.month === 12 ? date.year + 1 : date.year;
  const month = date.month === 12 ? 1 : date.month + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, last) };
}
