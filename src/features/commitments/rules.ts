/** Commitments from after-action reviews: due dates, follow-up times and their wording. Pure; `now` is a parameter. */
import { isValidTimeZone, localDateTimeToInstant, localParts } from '../../platform/time/cadence';
import { addDaysToDate, isoDayNumber, daysBetween, localToday, safeTimeZone } from '../../platform/time/calendar';
import { DAY_MS } from '../../platform/time/units';

export const COMMITMENT_TEXT_MAX = 500;
export const DROP_REASON_MAX = 500;
/** Days from "Own this" to the default due date. */
export const DEFAULT_DUE_DAYS = 14;
/** Days "Need more time" adds. */
export const MORE_TIME_DAYS = 7;
/** Days from the first follow-up to the one reminder. */
export const REMINDER_AFTER_DAYS = 3;
/** How far ahead a due date may be. */
export const MAX_DUE_DAYS = 365;
/** Local hour of the follow-up DMs. */
export const FOLLOW_UP_HOUR = 9;


/** 1 = the first follow-up on the due date, 2 = the reminder three days later. */
export type FollowUpNumber = 1 | 2;

export type CommitmentFieldError =
  | { field: 'text'; code: 'empty' | 'too_long' }
  | { field: 'dueDate'; code: 'missing' | 'invalid' | 'past' | 'too_far' };

/** The due date "Own this" suggests: two weeks from today in the clicker's time zone. */
export function defaultDueDate(now: Date, timeZone: string): string {
  return addDaysToDate(localToday(now, timeZone), DEFAULT_DUE_DAYS);
}

/**
 * "Need more time": the due date plus a week. A week from today when that is already past (the
 * person answers long after the reminder), so the next follow-up is never due at once.
 */
export function extendedDueDate(dueDate: string, today: string): string {
  const extended = addDaysToDate(dueDate, MORE_TIME_DAYS);
  return daysBetween(today, extended) > 0 ? extended : addDaysToDate(today, MORE_TIME_DAYS);
}

/** When follow-up `n` of a commitment due on `dueDate` goes out: 09:00 owner-local on the due date, the reminder 3 days later. */
export function followUpAt(dueDate: string, timeZone: string, n: FollowUpNumber): Date {
  const date = n === 1 ? dueDate : addDaysToDate(dueDate, REMINDER_AFTER_DAYS);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return localDateTimeToInstant({ year, month, day }, { hour: FOLLOW_UP_HOUR, minute: 0 }, safeTimeZone(timeZone));
}

export interface DueFollowUp {
  n: FollowUpNumber;
  dueAt: Date;
  /** follow_ups_sent after this one: 2 when a late first follow-up makes the reminder pointless. */
  sentAfter: number;
}

/**
 * The follow-up of an open commitment that is due at `now`, or null (not yet, or both were sent).
 * A first follow-up found after its reminder's time (Learnloop was down) goes out alone: a reminder
 * right behind it would only nag.
 */
export function dueFollowUp(dueDate: string, timeZone: string, followUpsSent: number, now: Date): DueFollowUp | null {
  if (followUpsSent >= 2) return null;
  const n: FollowUpNumber = followUpsSent === 0 ? 1 : 2;
  const dueAt = followUpAt(dueDate, timeZone, n);
  if (dueAt.getTime() > now.getTime()) return null;
  const lateFirst = n === 1 && followUpAt(dueDate, timeZone, 2).getTime() <= now.getTime();
  return { n, dueAt, sentAfter: lateFirst ? 2 : followUpsSent + 1 };
}

const WEEKS = ['', 'A week ago', 'Two weeks ago', 'Three weeks ago', 'Four weeks ago'];

/** "Two weeks ago", "10 days ago", "Yesterday"…: how long ago `createdAt` was, in the owner's local days. */
export function agoWording(createdAt: Date, now: Date, timeZone: string): string {
  const days = Math.max(0, daysBetween(localToday(createdAt, timeZone), localToday(now, timeZone)));
  if (days === 0) return 'Earlier today';
  if (days === 1) return 'Yesterday';
  if (days % 7 === 0 && days / 7 < WEEKS.length) return WEEKS[days / 7] as string;
  return `${days} days ago`;
}

/** Checks the "Own this" form; the owner is checked against Slack by the caller (see `ownerRefusal`). */
export function checkCommitmentInput(input: { text: string | null | undefined; dueDate: string | null | undefined }, today: string): CommitmentFieldError[] {
  const errors: CommitmentFieldError[] = [];
  const text = (input.text ?? '').trim();
  if (text === '') errors.push({ field: 'text', code: 'empty' });
  else if (text.length > COMMITMENT_TEXT_MAX) errors.push({ field: 'text', code: 'too_long' });
  const due = input.dueDate ?? '';
  if (due === '') errors.push({ field: 'dueDate', code: 'missing' });
  else if (isoDayNumber(due) === null) errors.push({ field: 'dueDate', code: 'invalid' });
  else if (daysBetween(today, due) < 0) errors.push({ field: 'dueDate', code: 'past' });
  else if (daysBetween(today, due) > MAX_DUE_DAYS) errors.push({ field: 'dueDate', code: 'too_far' });
  return errors;
}

export type OwnerRefusal = 'unknown' | 'bot' | 'deactivated' | 'outside_workspace';

/** Why this person cannot own a commitment, or null when they can. */
export function ownerRefusal(
  user: { isBot: boolean; deleted: boolean; teamId: string | undefined } | null,
  context: { teamId: string; isBotUser: boolean },
): OwnerRefusal | null {
  if (context.isBotUser) return 'bot';
  if (!user) return 'unknown';
  if (user.isBot) return 'bot';
  if (user.deleted) return 'deactivated';
  if (user.teamId && user.teamId !== context.teamId) return 'outside_workspace';
  return null;
}

/** "Fri 4 Dec 2026" for a YYYY-MM-DD date. */
export function formatDueDate(isoDate: string): string {
  const n = isoDayNumber(isoDate);
  if (n === null) return isoDate;
  const d = new Date(n * DAY_MS);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${weekday} ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

/** The "next time" item text of a summary section: its mrkdwn without the leading bullet, entities decoded for a text input. */
export function itemTextFromSummary(mrkdwn: string): string {
  return mrkdwn
    .replace(/^\s*[•\-*]\s*/, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

export type CommitmentActionRefusal = 'gone' | 'not_owner' | 'already_done' | 'already_dropped';

/** Why this person may not answer a follow-up of this commitment, or null: only its owner may, and only while it is open. */
export function commitmentActionRefusal(commitment: { ownerId: string; status: string } | undefined, userId: string): CommitmentActionRefusal | null {
  if (!commitment) return 'gone';
  if (commitment.ownerId !== userId) return 'not_owner';
  if (commitment.status === 'done') return 'already_done';
  if (commitment.status === 'dropped') return 'already_dropped';
  return null;
}
