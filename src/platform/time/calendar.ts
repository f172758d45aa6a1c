import { isValidTimeZone, localParts, type LocalDate } from './cadence';
import { DAY_MS } from './units';

/** Calendar days: local dates moved and compared, and the date of an instant in a zone. */

/** A local date moved by whole calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Slack's zone when it is a real IANA name, else UTC (a follow-up must still have a time). */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** The local date (YYYY-MM-DD) of `now` in `timeZone`. */
export function localToday(now: Date, timeZone: string): string {
  return localParts(now, safeTimeZone(timeZone)).isoDate;
}

/** Days since the epoch of a real YYYY-MM-DD date, or null (2026-02-30 is none). */
export function isoDayNumber(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return Math.round(utc.getTime() / DAY_MS);
}

function fromDayNumber(days: number): string {
  const d = new Date(days * DAY_MS);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** A YYYY-MM-DD date moved by whole calendar days. */
export function addDaysToDate(isoDate: string, days: number): string {
  const n = isoDayNumber(isoDate);
  if (n === null) throw new RangeError(`Invalid date "${isoDate}"`);
  return fromDayNumber(n + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = isoDayNumber(from);
  const b = isoDayNumber(to);
  if (a === null || b === null) throw new RangeError(`Invalid date "${a === null ? from : to}"`);
  return b - a;
}
