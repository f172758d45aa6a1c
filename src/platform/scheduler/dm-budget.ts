/**
 * The DM budget shared by every scheduled Learnloop DM (prompt nudges, review
 * follow-ups, mentor reminders): a daily cap, quiet hours, away statuses and
 * mutes, all judged in the recipient's own time zone.
 */

import { isoDateOf, localDateTimeToInstant, localParts, parseIsoDate, type LocalDate } from '../time/cadence';
import { addDays } from '../time/calendar';
import { DAY_MS, HOUR_MS } from '../time/units';

export interface Recipient {
  timeZone: string;
  statusEmoji?: string | null;
  statusText?: string | null;
  statusExpiration?: Date | null;
  mutedUntil?: Date | null;
  /** Budgeted DMs already sent today, counted in the recipient's local day. */
  sentTodayCount: number;
}

export type HoldReason = 'quiet_hours' | 'daily_limit' | 'away' | 'muted';

export type BudgetDecision =
  | { kind: 'send' }
  | { kind: 'defer'; until: Date; reason: HoldReason }
  | { kind: 'drop'; reason: HoldReason };

export interface DmOptions {
  /** Drop instead of deferring when the DM cannot go out on the same local day. */
  onlyUsefulOnDay?: boolean;
  dailyLimit?: number;
  /** Local hour (0–23) at which quiet hours begin. */
  quietStart?: number;
  /** Local hour (0–23) at which quiet hours end. */
  quietEnd?: number;
}

export const DEFAULT_DAILY_LIMIT = 3;
export const DEFAULT_QUIET_START = 19;
export const DEFAULT_QUIET_END = 8;

const MAX_QUIET_DAYS = 365;

/** Decides whether a scheduled DM may go to `recipient` at `now`; checks muted, away, quiet hours, then the daily limit. */
export function decideDm(recipient: Recipient, now: Date, options: DmOptions = {}): BudgetDecision {
  const dailyLimit = options.dailyLimit ?? DEFAULT_DAILY_LIMIT;
  const quietStart = options.quietStart ?? DEFAULT_QUIET_START;
  const quietEnd = options.quietEnd ?? DEFAULT_QUIET_END;
  if (!Number.isInteger(dailyLimit) || dailyLimit < 0) {
    throw new RangeError(`dailyLimit must be a non-negative integer, got ${dailyLimit}`);
  }
  assertHour('quietStart', quietStart);
  assertHour('quietEnd', quietEnd);
  const tz = recipient.timeZone;
  const quiet = { quietStart, quietEnd };

  const hold = (reason: HoldReason, until: Date): BudgetDecision => {
    // A same-day nudge is pointless tomorrow, so it is dropped rather than queued.
    if (options.onlyUsefulOnDay && localDateKey(until, tz) !== localDateKey(now, tz)) {
      return { kind: 'drop', reason };
    }
    return { kind: 'defer', until, reason };
  };

  const mutedUntil = recipient.mutedUntil;
  if (mutedUntil && mutedUntil.getTime() > now.getTime()) {
    return hold('muted', nextAllowedTime(mutedUntil, tz, quiet));
  }

  if (isAwayStatus(recipient.statusEmoji, recipient.statusText)) {
    const expiration = recipient.statusExpiration;
    // Slack clears a status when it expires, so a past expiration means the
    // status we hold is stale and the person is back.
    const expired = expiration != null && expiration.getTime() <= now.getTime();
    if (!expired) {
      const until = expiration
        ? nextAllowedTime(expiration, tz, quiet)
        : nextLocalHour(now, tz, quietEnd); // no end date: look again next morning
      return hold('away', until);
    }
  }

  if (isQuietHour(localParts(now, tz).hour, quietStart, quietEnd)) {
    return hold('quiet_hours', nextLocalHour(now, tz, quietEnd));
  }

  if (recipient.sentTodayCount >= dailyLimit) {
    const today = localParts(now, tz);
    const tomorrow = addDays(today, 1);
    return hold('daily_limit', localDateTimeToInstant(tomorrow, { hour: quietEnd, minute: 0 }, tz));
  }

  return { kind: 'send' };
}

const AWAY_EMOJI = new Set([
  ':palm_tree:',
  ':airplane:',
  ':airplane_departure:',
  ':desert_island:',
  '🌴',
  '✈️',
  '✈',
  '🛫',
  '🏝️',
  '🏝',
]);

// Word boundaries keep "leaves review" and "sleeve design" from reading as away.
const AWAY_TEXT =
  /\b(?:vacation|vacationing|holidays?|ooo|out[\s-]+of[\s-]+(?:the[\s-]+)?office|on[\s-]+leave|leave|pto)\b/i;

/** True when a Slack status (emoji or text) says the person is away: vacation, holiday, OOO, leave, PTO, travelling. */
export function isAwayStatus(emoji: string | null | undefined, text: string | null | undefined): boolean {
  if (emoji) {
    const trimmed = emoji.trim().toLowerCase();
    const normalized = /^[a-z0-9_+-]+$/.test(trimmed) ? `:${trimmed}:` : trimmed;
    if (AWAY_EMOJI.has(normalized)) return true;
  }
  return text ? AWAY_TEXT.test(text) : false;
}

/** Returns `from` unless it falls in quiet hours, else the next end of quiet hours (local, DST-correct). */
export function nextAllowedTime(
  from: Date,
  timeZone: string,
  quiet: { quietStart?: number; quietEnd?: number } = {},
): Date {
  const quietStart = quiet.quietStart ?? DEFAULT_QUIET_START;
  const quietEnd = quiet.quietEnd ?? DEFAULT_QUIET_END;
  if (!isQuietHour(localParts(from, timeZone).hour, quietStart, quietEnd)) return from;
  return nextLocalHour(from, timeZone, quietEnd);
}

/** True when a local hour (0–23) is inside quiet hours [start, end), which may wrap past midnight. */
export function isQuietHour(hour: number, quietStart: number, quietEnd: number): boolean {
  if (quietStart === quietEnd) return false;
  return quietStart > quietEnd ? hour >= quietStart || hour < quietEnd : hour >= quietStart && hour < quietEnd;
}

export type QuietCommand = { kind: 'mute'; until: Date } | { kind: 'off' } | { error: string };

/**
 * Parses the text of `/learnloop quiet …`: `3d`, `12h`, `1w`, `2 days`, `until 2026-12-01`
 * (the whole given local day stays quiet) or `off`. A leading `quiet` word is tolerated.
 */
export function parseQuietCommand(text: string, now: Date, timeZone: string): QuietCommand {
  const today = localParts(now, timeZone);
  const example = isoDateOf(addDays(today, 14));
  const fail = (problem: string): QuietCommand => ({
    error: `${problem}. Try /learnloop quiet 3d, /learnloop quiet until ${example} or /learnloop quiet off.`,
  });

  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  if (words[0]?.toLowerCase() === '/learnloop') words.shift();
  if (words[0]?.toLowerCase() === 'quiet') words.shift();
  const arg = words.join(' ');
  if (arg === '') return fail('Say how long Learnloop should stay quiet');
  if (arg.toLowerCase() === 'off') return { kind: 'off' };

  if (words[0]?.toLowerCase() === 'until') {
    const dateText = words.slice(1).join(' ');
    if (dateText === '') return fail('"until" needs a date');
    const date = parseIsoDate(dateText);
    if (!date) return fail(`"${dateText}" is not a date in the form YYYY-MM-DD`);
    const daysAhead = dayNumber(date) - dayNumber(today);
    if (daysAhead < 0) return fail(`${dateText} is in the past`);
    if (daysAhead > MAX_QUIET_DAYS) return fail(`${dateText} is more than ${MAX_QUIET_DAYS} days away`);
    // Quiet through the end of the given day: unmute at the next local midnight.
    return { kind: 'mute', until: localDateTimeToInstant(addDays(date, 1), { hour: 0, minute: 0 }, timeZone) };
  }

  const match = /^(\d{1,6})\s*(h|hrs?|hours?|d|days?|w|wks?|weeks?)$/i.exec(arg);
  if (!match) return fail(`"${arg}" is not a duration`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase()[0];
  if (amount === 0) return fail(`"${arg}" is too short; quiet lasts at least 1 hour`);
  const days = unit === 'h' ? amount / 24 : unit === 'w' ? amount * 7 : amount;
  if (days > MAX_QUIET_DAYS) return fail(`"${arg}" is longer than ${MAX_QUIET_DAYS} days`);
  if (unit === 'h') return { kind: 'mute', until: new Date(now.getTime() + amount * HOUR_MS) };
  // Days count on the local calendar so "3d" ends at the same wall-clock time across DST.
  const local = localParts(now, timeZone);
  const target = localDateTimeToInstant(addDays(local, days), { hour: local.hour, minute: local.minute }, timeZone);
  // The same second and millisecond within the minute, too.
  return { kind: 'mute', until: new Date(target.getTime() + ((now.getTime() % 60_000) + 60_000) % 60_000) };
}

// ---------------------------------------------------------------------------
// Local calendar helpers (the zone maths itself is cadence.ts's).

function localDateKey(instant: Date, timeZone: string): string {
  return localParts(instant, timeZone).isoDate;
}

/** The next instant strictly after `from` at which the local clock reads `hour`:00. */
function nextLocalHour(from: Date, timeZone: string, hour: number): Date {
  const local = localParts(from, timeZone);
  let date: LocalDate = local.hour < hour ? local : addDays(local, 1);
  for (;;) {
    const candidate = localDateTimeToInstant(date, { hour, minute: 0 }, timeZone);
    if (candidate.getTime() > from.getTime()) return candidate;
    date = addDays(date, 1);
  }
}


function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

function assertHour(name: string, hour: number): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`${name} must be an integer hour 0–23, got ${hour}`);
  }
}

/** The local calendar day containing `now` in `timeZone`, as instants: [start, end); 23 or 25 hours long on DST days. */
export function localDayBounds(now: Date, timeZone: string): { start: Date; end: Date } {
  const today = localParts(now, timeZone);
  const midnight = { hour: 0, minute: 0 };
  return { start: localDateTimeToInstant(today, midnight, timeZone), end: localDateTimeToInstant(addDays(today, 1), midnight, timeZone) };
}
