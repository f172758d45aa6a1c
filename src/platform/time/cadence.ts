import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './units';
/** Schedule cadences, their text form, and DST-correct time-zone arithmetic using only Intl and Date. */

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday, like cron

export interface LocalTime {
  hour: number;
  minute: number;
}

export type Cadence =
  | { kind: 'daily'; time: LocalTime }
  | { kind: 'weekdays'; time: LocalTime } // Mon–Fri
  | { kind: 'weekly'; weekday: Weekday; time: LocalTime }
  // anchor = ISO local date 'YYYY-MM-DD' of a week the schedule fires in; fires every other week from it
  | { kind: 'biweekly'; weekday: Weekday; time: LocalTime; anchor: string }
  | { kind: 'monthly'; dayOfMonth: number; time: LocalTime } // 1..31; in shorter months fire on the last day
  | { kind: 'cron'; expression: string }; // standard 5-field cron, evaluated in the schedule's timezone

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalParts extends LocalDate {
  hour: number;
  minute: number;
  weekday: Weekday;
  isoDate: string;
}

/** A validated 5-field cron expression as sorted value sets. */
export interface ParsedCron {
  /** The expression with single spaces between fields. */
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: readonly number[];
  months: readonly number[];
  weekdays: readonly Weekday[];
  /** Vixie cron: a day field starting with `*` is "unrestricted"; if neither is, a day matches either. */
  dayOfMonthStar: boolean;
  weekdayStar: boolean;
}


const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_ABBREVIATIONS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// ---------------------------------------------------------------------------------------------
// Proleptic Gregorian calendar arithmetic on "day numbers" (days since 1970-01-01), no Intl needed.
// ---------------------------------------------------------------------------------------------

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): LocalDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function weekdayOfDayNumber(dayNumber: number): Weekday {
  return ((((dayNumber % 7) + 7) % 7 + 4) % 7) as Weekday; // 1970-01-01 was a Thursday
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isoDateOf(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** A YYYY-MM-DD date that exists, or null. */
export function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date) ? date : null;
}

/**
 * The `nth` (1-4) weekday of a month, or its last one when `nth` is 5: the pulse's "first mon" of a
 * month. Pure calendar maths, no zone.
 */
export function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, nth: number): LocalDate {
  if (!Number.isInteger(nth) || nth < 1 || nth > 5) throw new RangeError(`nth must be 1 to 5, got ${nth}`);
  if (nth === 5) {
    const last = daysFromCivil(year, month, daysInMonth(year, month));
    return civilFromDays(last - ((weekdayOfDayNumber(last) - weekday + 7) % 7));
  }
  const first = daysFromCivil(year, month, 1);
  return civilFromDays(first + ((weekday - weekdayOfDayNumber(first) + 7) % 7) + (nth - 1) * 7);
}

function isValidDate(date: LocalDate): boolean {
  return (
    Number.isInteger(date.year) &&
    Number.isInteger(date.month) &&
    Number.isInteger(date.day) &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= daysInMonth(date.year, date.month)
  );
}

function isValidLocalTime(time: LocalTime): boolean {
  return (
    Number.isInteger(time.hour) && Number.isInteger(time.minute) && time.hour >= 0 && time.hour <= 23 && time.minute >= 0 && time.minute <= 59
  );
}

function formatTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Time zones via Intl
// ---------------------------------------------------------------------------------------------

// Building a DateTimeFormat is far slower than formatting with one, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `tz` is an IANA time zone name that Intl knows, e.g. 'Europe/Berlin'. */
export function isValidTimeZone(tz: string): boolean {
  // Intl also accepts offsets such as '+05:30' in newer engines; those are not IANA names.
  if (typeof tz !== 'string' || tz === '' || tz.trim() !== tz || /^[+-]/.test(tz)) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
}

/** The wall clock of an instant in a zone, encoded as if it were a UTC timestamp (second precision). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const values = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type in values) values[part.type as keyof typeof values] = Number(part.value);
  }
  const hour = values.hour === 24 ? 0 : values.hour; // some ICU versions print midnight as 24
  return (
    daysFromCivil(values.year, values.month, values.day) * DAY_MS + hour * HOUR_MS + values.minute * MINUTE_MS + values.second * SECOND_MS
  );
}

/** UTC offset in ms (local minus UTC) in effect at an instant. */
function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / SECOND_MS) * SECOND_MS;
  return wallClockMs(wholeSecond, timeZone) - wholeSecond;
}

/** The zone's offsets around a stretch of wall-clock time, with the transition instant if they differ. */
interface ZoneWindow {
  before: number;
  after: number;
  transitionAt: number;
}

/**
 * Offsets in effect for wall-clock times in [fromLocalMs, toLocalMs]. Sampling a day either side
 * covers every possible UTC offset (-12h..+14h); assumes at most one transition in that span.
 */
function zoneWindow(fromLocalMs: number, toLocalMs: number, timeZone: string): ZoneWindow {
  let low = Math.floor((fromLocalMs - DAY_MS) / SECOND_MS) * SECOND_MS;
  let high = Math.floor((toLocalMs + DAY_MS) / SECOND_MS) * SECOND_MS;
  const before = offsetAt(low, timeZone);
  const after = offsetAt(high, timeZone);
  if (before === after) return { before, after, transitionAt: Infinity };
  // Transitions happen on whole seconds: about 18 probes find one within a three-day span.
  while (high - low > SECOND_MS) {
    const middle = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
    if (offsetAt(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return { before, after, transitionAt: high };
}

/** Resolves a wall-clock time like Temporal's "compatible": earlier instant in overlaps, shift forward in gaps. */
function resolveWallClock(localMs: number, zone: ZoneWindow): number {
  const withBefore = localMs - zone.before;
  const withAfter = localMs - zone.after;
  const beforeValid = withBefore < zone.transitionAt;
  const afterValid = withAfter >= zone.transitionAt;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter);
  if (afterValid) return withAfter;
  // Either valid with the earlier offset, or in a gap: the earlier offset moves it forward by the gap.
  return withBefore;
}

/** The instant of a local date and wall-clock time in a zone; gap times move forward, repeated times take the earlier. */
export function localDateTimeToInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  assertTimeZone(timeZone);
  if (!isValidDate(date)) throw new RangeError(`Invalid date ${date.year}-${date.month}-${date.day}`);
  if (!isValidLocalTime(time)) throw new RangeError(`Invalid time ${time.hour}:${time.minute}`);
  const localMs = daysFromCivil(date.year, date.month, date.day) * DAY_MS + time.hour * HOUR_MS + time.minute * MINUTE_MS;
  return new Date(resolveWallClock(localMs, zoneWindow(localMs, localMs, timeZone)));
}

/** Wall-clock parts of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  assertTimeZone(timeZone);
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const wall = wallClockMs(ms, timeZone);
  const dayNumber = Math.floor(wall / DAY_MS);
  const date = civilFromDays(dayNumber);
  const msOfDay = wall - dayNumber * DAY_MS;
  return {
    ...date,
    hour: Math.floor(msOfDay / HOUR_MS),
    minute: Math.floor((msOfDay % HOUR_MS) / MINUTE_MS),
    weekday: weekdayOfDayNumber(dayNumber),
    isoDate: isoDateOf(date),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing words
// ---------------------------------------------------------------------------------------------

/** Parses a time of day: '15:00', '9:30', '09:05', '3pm', '3:30pm', '12am'. */
export function parseLocalTime(text: string): LocalTime | null {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?$/i.exec(text.trim());
  if (!match) return null;
  const [, hourText = '', minuteText, meridiem] = match;
  const hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const isPm = meridiem.toLowerCase() === 'p';
    return { hour: (hour % 12) + (isPm ? 12 : 0), minute };
  }
  // A bare '9' is too ambiguous (minutes? 9pm?), so 24-hour times need their minutes.
  if (minuteText === undefined || hour > 23) return null;
  return { hour, minute };
}

/** Why a word is not a time of day, with the forms that work; the word is quoted as typed. */
export function timeOfDayError(word: string): string {
  const typed = word.length > 20 ? `${word.slice(0, 19)}…` : word;
  const hour = /^\d{1,2}$/.test(word.trim()) ? Number(word) : NaN;
  if (hour >= 1 && hour <= 12) {
    return `"${typed}" could be morning or afternoon: write ${hour}am, ${hour}pm or ${String(hour).padStart(2, '0')}:00.`;
  }
  return `"${typed}" is not a time of day. Use a time like 15:00 or 3pm.`;
}

/** `3 pm` typed as two words: the time word with its am/pm joined on, and how many words it took. */
export function timeWordAt(words: readonly string[], index: number): { word: string | undefined; used: number } {
  const word = words[index];
  const next = words[index + 1];
  if (word !== undefined && next !== undefined && /^\d{1,2}(:\d{2})?$/.test(word) && /^[ap]\.?m\.?$/i.test(next)) return { word: `${word}${next}`, used: 2 };
  return { word, used: word === undefined ? 0 : 1 };
}

const WEEKDAY_WORDS = new Map<string, Weekday>([
  ['sun', 0], ['sunday', 0],
  ['mon', 1], ['monday', 1],
  ['tue', 2], ['tues', 2], ['tuesday', 2],
  ['wed', 3], ['weds', 3], ['wednesday', 3],
  ['thu', 4], ['thur', 4], ['thurs', 4], ['thursday', 4],
  ['fri', 5], ['friday', 5],
  ['sat', 6], ['saturday', 6],
]);

/** Parses a weekday name or abbreviation ('mon', 'Friday', 'thurs', 'mondays'). */
export function parseWeekday(text: string): Weekday | null {
  const word = text.trim().toLowerCase().replace(/\.$/, '');
  const direct = WEEKDAY_WORDS.get(word);
  if (direct !== undefined) return direct;
  // Plural full names read naturally: "weekly mondays 10:00".
  if (word.endsWith('days')) return WEEKDAY_WORDS.get(word.slice(0, -1)) ?? null;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cron
// ---------------------------------------------------------------------------------------------

interface CronField {
  name: string;
  min: number;
  max: number;
  allowed: string;
  names?: readonly string[];
  namesStartAt?: number;
}

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59, allowed: '0-59' },
  { name: 'hour', min: 0, max: 23, allowed: '0-23' },
  { name: 'day-of-month', min: 1, max: 31, allowed: '1-31' },
  { name: 'month', min: 1, max: 12, allowed: '1-12 or jan-dec', names: MONTH_ABBREVIATIONS, namesStartAt: 1 },
  { name: 'weekday', min: 0, max: 7, allowed: '0-7 (0 and 7 are Sunday) or sun-sat', names: WEEKDAY_ABBREVIATIONS, namesStartAt: 0 },
];

const CRON_NEVER_FIRES = 'That cron expression never fires (there is no such date).';

function cronValue(text: string, field: CronField): number | string {
  const lower = text.toLowerCase();
  let value: number;
  if (/^\d+$/.test(lower)) value = Number(lower);
  else if (field.names && field.names.includes(lower)) value = field.names.indexOf(lower) + (field.namesStartAt ?? 0);
  else return `The ${field.name} field has "${text}", which is not a value; it allows ${field.allowed}.`;
  if (value < field.min || value > field.max) {
    return `The ${field.name} field allows ${field.allowed}, but got ${value}.`;
  }
  return value;
}

function parseCronField(text: string, field: CronField): Set<number> | string {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|[a-z0-9]+)(?:-([a-z0-9]+))?(?:\/(\d+))?$/i.exec(item);
    if (!match) {
      return `Could not read "${item}" in the ${field.name} field; use numbers, ranges (1-5), lists (1,3,5) or steps (*/15).`;
    }
    const [, startText = '', endText, stepText] = match;
    let start: number;
    let end: number;
    if (startText === '*') {
      if (endText !== undefined) return `Could not read "${item}" in the ${field.name} field; a range cannot start with *.`;
      start = field.min;
      end = field.name === 'weekday' ? 6 : field.max; // 7 is only an alias for Sunday
    } else {
      const first = cronValue(startText, field);
      if (typeof first === 'string') return first;
      start = first;
      if (endText !== undefined) {
        const last = cronValue(endText, field);
        if (typeof last === 'string') return last;
        end = last;
      } else {
        end = stepText !== undefined ? field.max : start; // '5/15' means 5-max/15
      }
    }
    if (start > end) return `The range ${item} in the ${field.name} field runs backwards; write the smaller value first.`;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return `The step in "${item}" (${field.name} field) must be 1 or more.`;
    for (let value = start; value <= end; value += step) values.add(field.name === 'weekday' && value === 7 ? 0 : value);
  }
  return values;
}

/** Parses a standard 5-field cron expression, or returns a one-sentence error. */
export function parseCron(expression: string): ParsedCron | { error: string } {
  const fields = expression.trim().split(/\s+/).filter((field) => field !== '');
  if (fields.length === 0) return { error: 'The cron expression is empty; it needs 5 fields (minute hour day month weekday).' };
  if (fields[0]?.startsWith('@')) {
    return { error: `Cron shortcuts like ${fields[0]} are not supported; write the 5 fields (minute hour day month weekday).` };
  }
  if (fields.length === 6 || fields.length === 7) {
    return { error: 'Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported.' };
  }
  if (fields.length !== 5) {
    return { error: `Cron expressions here have 5 fields (minute hour day month weekday), but this one has ${fields.length}.` };
  }
  const sets: number[][] = [];
  for (const [index, field] of CRON_FIELDS.entries()) {
    const parsed = parseCronField(fields[index] ?? '', field);
    if (typeof parsed === 'string') return { error: parsed };
    sets.push([...parsed].sort((a, b) => a - b));
  }
  const [minutes = [], hours = [], daysOfMonth = [], months = [], weekdays = []] = sets;
  const dayOfMonthStar = fields[2]?.startsWith('*') ?? false;
  const weekdayStar = fields[4]?.startsWith('*') ?? false;
  // Only a restricted day-of-month alone can rule out every date; with a weekday too, either may match.
  if (!dayOfMonthStar && weekdayStar) {
    const longest = (month: number): number => (month === 2 ? 29 : daysInMonth(2001, month));
    if (!months.some((month) => daysOfMonth.some((day) => day <= longest(month)))) return { error: CRON_NEVER_FIRES };
  }
  return {
    expression: fields.join(' '),
    minutes,
    hours,
    daysOfMonth,
    months,
    weekdays: weekdays as Weekday[],
    dayOfMonthStar,
    weekdayStar,
  };
}

// ---------------------------------------------------------------------------------------------
// Next occurrence
// ---------------------------------------------------------------------------------------------

/** Which wall-clock minutes of a local day (by day number) a cadence fires at, and how far ahead to look. */
interface DayPlan {
  minutesOn(dayNumber: number): readonly number[];
  horizonDays: number;
}

function minuteOfDay(time: LocalTime): number {
  return time.hour * 60 + time.minute;
}

function mondayOf(dayNumber: number): number {
  return dayNumber - ((weekdayOfDayNumber(dayNumber) + 6) % 7);
}

function dayPlan(cadence: Cadence): DayPlan {
  const none: readonly number[] = [];
  if (cadence.kind === 'cron') {
    const cron = parseCron(cadence.expression);
    if ('error' in cron) throw new RangeError(`Invalid cron expression "${cadence.expression}": ${cron.error}`);
    const times = cron.hours.flatMap((hour) => cron.minutes.map((minute) => hour * 60 + minute));
    const daysOfMonth = new Set(cron.daysOfMonth);
    const months = new Set(cron.months);
    const weekdays = new Set<number>(cron.weekdays);
    const eitherDayField = !cron.dayOfMonthStar && !cron.weekdayStar;
    return {
      // 29 February can be 8 years away (2096 -> 2104).
      horizonDays: 366 * 9,
      minutesOn(dayNumber) {
        const date = civilFromDays(dayNumber);
        if (!months.has(date.month)) return none;
        const domMatch = daysOfMonth.has(date.day);
        const dowMatch = weekdays.has(weekdayOfDayNumber(dayNumber));
        return (eitherDayField ? domMatch || dowMatch : domMatch && dowMatch) ? times : none;
      },
    };
  }
  if (!isValidLocalTime(cadence.time)) throw new RangeError(`Invalid time ${cadence.time.hour}:${cadence.time.minute}`);
  const times = [minuteOfDay(cadence.time)];
  switch (cadence.kind) {
    case 'daily':
      return { horizonDays: 3, minutesOn: () => times };
    case 'weekdays':
      return { horizonDays: 5, minutesOn: (day) => (weekdayOfDayNumber(day) % 6 !== 0 ? times : none) };
    case 'weekly':
      return { horizonDays: 9, minutesOn: (day) => (weekdayOfDayNumber(day) === cadence.weekday ? times : none) };
    case 'biweekly': {
      const anchor = parseIsoDate(cadence.anchor);
      if (!anchor) throw new RangeError(`Invalid biweekly anchor "${cadence.anchor}"`);
      // Weeks run Monday to Sunday; the schedule fires in weeks an even number of weeks from the anchor's.
      const anchorMonday = mondayOf(daysFromCivil(anchor.year, anchor.month, anchor.day));
      return {
        horizonDays: 16,
        minutesOn: (day) =>
          weekdayOfDayNumber(day) === cadence.weekday && ((mondayOf(day) - anchorMonday) / 7) % 2 === 0 ? times : none,
      };
    }
    case 'monthly': {
      const { dayOfMonth } = cadence;
      if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31) {
        throw new RangeError(`Invalid day of month ${dayOfMonth}`);
      }
      return {
        horizonDays: 63,
        minutesOn(day) {
          const date = civilFromDays(day);
          return date.day === Math.min(dayOfMonth, daysInMonth(date.year, date.month)) ? times : none;
        },
      };
    }
  }
}

/** The first instant strictly after `after` at which the cadence fires in the zone, DST-correct. */
export function nextOccurrence(cadence: Cadence, timeZone: string, after: Date): Date {
  assertTimeZone(timeZone);
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new RangeError('Invalid Date');
  const plan = dayPlan(cadence);

  const earliestOnDay = (dayNumber: number): number | null => {
    const minutes = plan.minutesOn(dayNumber);
    if (minutes.length === 0) return null;
    const dayStart = dayNumber * DAY_MS;
    const zone = zoneWindow(dayStart, dayStart + DAY_MS, timeZone);
    let best: number | null = null;
    for (const minute of minutes) {
      const instant = resolveWallClock(dayStart + minute * MINUTE_MS, zone);
      if (instant > afterMs && (best === null || instant < best)) best = instant;
    }
    return best;
  };

  // Start a day early: a time in a gap near midnight is pushed into the next local day.
  const start = localParts(after, timeZone);
  const firstDay = daysFromCivil(start.year, start.month, start.day) - 1;
  for (let day = firstDay; day <= firstDay + plan.horizonDays; day++) {
    const found = earliestOnDay(day);
    if (found === null) continue;
    // For the same reason a candidate on the following day can still come first.
    const following = earliestOnDay(day + 1);
    return new Date(following === null ? found : Math.min(found, following));
  }
  throw new RangeError(`Cadence never fires: ${describeCadence(cadence)}`);
}

// ---------------------------------------------------------------------------------------------
// Words for people
// ---------------------------------------------------------------------------------------------

/** A short phrase for lists, e.g. "every Friday at 15:00". */
export function describeCadence(cadence: Cadence): string {
  switch (cadence.kind) {
    case 'daily':
      return `every day at ${formatTime(cadence.time)}`;
    case 'weekdays':
      return `every weekday at ${formatTime(cadence.time)}`;
    case 'weekly':
      return `every ${WEEKDAY_NAMES[cadence.weekday]} at ${formatTime(cadence.time)}`;
    case 'biweekly':
      return `every other ${WEEKDAY_NAMES[cadence.weekday]} at ${formatTime(cadence.time)}`;
    case 'monthly': {
      const shorter = cadence.dayOfMonth > 28 ? ' (or the last day of shorter months)' : '';
      return `monthly on day ${cadence.dayOfMonth}${shorter} at ${formatTime(cadence.time)}`;
    }
    case 'cron':
      return `cron \`${cadence.expression.trim().split(/\s+/).join(' ')}\``;
  }
}

/** The words `/learnloop prompts add` takes for a cadence: "weekly fri 15:00 Europe/Berlin". */
export function cadenceCommandWords(cadence: Cadence, timeZone: string): string {
  const weekday = (day: Weekday): string => WEEKDAY_ABBREVIATIONS[day] ?? 'mon';
  switch (cadence.kind) {
    case 'daily':
    case 'weekdays':
      return `${cadence.kind} ${formatTime(cadence.time)} ${timeZone}`;
    case 'weekly':
    case 'biweekly':
      return `${cadence.kind} ${weekday(cadence.weekday)} ${formatTime(cadence.time)} ${timeZone}`;
    case 'monthly':
      return `monthly ${cadence.dayOfMonth} ${formatTime(cadence.time)} ${timeZone}`;
    case 'cron':
      return `"${cadence.expression}" ${timeZone}`;
  }
}

const COMMAND = '/learnloop prompts add';
const EXAMPLES = {
  general: `${COMMAND} weekly fri 15:00 Europe/Berlin`,
  daily: `${COMMAND} daily 09:00 Europe/Berlin`,
  weekdays: `${COMMAND} weekdays 09:00 Europe/Berlin`,
  weekly: `${COMMAND} weekly fri 15:00 Europe/Berlin`,
  biweekly: `${COMMAND} biweekly mon 10:00 Europe/Berlin`,
  monthly: `${COMMAND} monthly 15 09:00 Europe/Berlin`,
  cron: `${COMMAND} "0 9 * * 1-5" Europe/Berlin`,
} as const;

const CADENCE_WORDS = new Map<string, 'daily' | 'weekdays' | 'weekly' | 'biweekly' | 'monthly'>([
  ['daily', 'daily'],
  ['weekdays', 'weekdays'],
  ['weekday', 'weekdays'],
  ['weekly', 'weekly'],
  ['biweekly', 'biweekly'],
  ['bi-weekly', 'biweekly'],
  ['every-two-weeks', 'biweekly'],
  ['fortnightly', 'biweekly'],
  ['monthly', 'monthly'],
]);

type Parsed<T> = T | { error: string };

/** A time zone word (case-insensitive IANA name) in its usual spelling, or `fallback` without one; an error names it. */
export function timeZoneFrom(word: string | undefined, fallback: string): { timeZone: string } | { error: string } {
  const timeZone = word ?? fallback;
  if (!isValidTimeZone(timeZone)) {
    return { error: `Unknown time zone "${timeZone}". Use an IANA name such as Europe/Berlin or America/New_York.` };
  }
  return { timeZone: properCase(timeZone) };
}

let zoneNamesByLowerCase: Map<string, string> | undefined;

/**
 * Intl matches zone names case-insensitively; store the usual spelling ('europe/berlin' ->
 * 'Europe/Berlin') but never swap in ICU's older alias (Node resolves 'Asia/Kolkata' to 'Asia/Calcutta').
 */
function properCase(timeZone: string): string {
  const resolved = formatterFor(timeZone).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === timeZone.toLowerCase()) return resolved;
  zoneNamesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]));
  return zoneNamesByLowerCase.get(timeZone.toLowerCase()) ?? timeZone;
}

/** The time word, then at most one time zone word; errors name what was wrong and show an example. */
function timeAndZone(
  words: readonly string[],
  index: number,
  what: string,
  example: string,
  fallbackZone: string,
): Parsed<{ time: LocalTime; timeZone: string }> {
  const { word: timeWord, used } = timeWordAt(words, index);
  if (timeWord === undefined) return { error: `"${what}" needs a time of day. Try: ${example}` };
  const time = parseLocalTime(timeWord);
  if (!time) return { error: timeOfDayError(timeWord) };
  const rest = words.slice(index + used);
  if (rest.length > 1) return { error: `Too many words: "${rest.slice(1).join(' ')}" after the time zone. Try: ${example}` };
  const zone = timeZoneFrom(rest[0], fallbackZone);
  if ('error' in zone) return zone;
  return { time, timeZone: zone.timeZone };
}

/** Parses the words after `/learnloop prompts add` into a cadence and time zone, or a one-sentence error. */
export function parseCadenceText(
  words: string[],
  defaults: { timeZone: string; now: Date },
): { cadence: Cadence; timeZone: string } | { error: string } {
  const first = words[0];
  if (first === undefined || first.trim() === '') return { error: `Say when to post. Try: ${EXAMPLES.general}` };

  if (parseLocalTime(first)) return { error: `Start with how often to post, before the time. Try: ${EXAMPLES.daily}` };

  if (/\s/.test(first.trim()) || /^[\d*@]/.test(first)) return parseCronWords(words, defaults.timeZone);

  const kind = CADENCE_WORDS.get(first.toLowerCase());
  if (!kind) return { error: `Unknown cadence "${first}". Try: ${EXAMPLES.general}` };

  switch (kind) {
    case 'daily':
    case 'weekdays': {
      const parsed = timeAndZone(words, 1, first, EXAMPLES[kind], defaults.timeZone);
      if ('error' in parsed) return parsed;
      return { cadence: { kind, time: parsed.time }, timeZone: parsed.timeZone };
    }
    case 'weekly':
    case 'biweekly': {
      const weekdayWord = words[1];
      if (weekdayWord === undefined || parseLocalTime(weekdayWord)) {
        return { error: `"${first}" needs a weekday before the time. Try: ${EXAMPLES[kind]}` };
      }
      const weekday = parseWeekday(weekdayWord);
      if (weekday === null) {
        return { error: `"${weekdayWord}" is not a weekday. Use mon, tue, wed, thu, fri, sat or sun, e.g. ${EXAMPLES[kind]}` };
      }
      const parsed = timeAndZone(words, 2, `${first} ${weekdayWord}`, EXAMPLES[kind], defaults.timeZone);
      if ('error' in parsed) return parsed;
      if (kind === 'weekly') return { cadence: { kind, weekday, time: parsed.time }, timeZone: parsed.timeZone };
      const today = localParts(defaults.now, parsed.timeZone);
      const todayNumber = daysFromCivil(today.year, today.month, today.day);
      const anchor = isoDateOf(civilFromDays(todayNumber + ((weekday - today.weekday + 7) % 7)));
      return { cadence: { kind, weekday, time: parsed.time, anchor }, timeZone: parsed.timeZone };
    }
    case 'monthly': {
      const dayWord = words[1];
      if (dayWord === undefined || parseLocalTime(dayWord)) {
        return { error: `"${first}" needs a day of the month (1-31) before the time. Try: ${EXAMPLES.monthly}` };
      }
      const match = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(dayWord);
      const dayOfMonth = match ? Number(match[1]) : NaN;
      if (!(dayOfMonth >= 1 && dayOfMonth <= 31)) {
        return { error: `Day of month must be a number from 1 to 31, not "${dayWord}". Try: ${EXAMPLES.monthly}` };
      }
      const parsed = timeAndZone(words, 2, `${first} ${dayWord}`, EXAMPLES.monthly, defaults.timeZone);
      if ('error' in parsed) return parsed;
      return { cadence: { kind, dayOfMonth, time: parsed.time }, timeZone: parsed.timeZone };
    }
  }
}

/** A quoted cron word plus optional zone, or (leniently) an unquoted expression whose last word may be a zone. */
function parseCronWords(words: readonly string[], fallbackZone: string): { cadence: Cadence; timeZone: string } | { error: string } {
  let cronWords: readonly string[];
  let zoneWord: string | undefined;
  if (/\s/.test((words[0] ?? '').trim())) {
    if (words.length > 2) return { error: `Too many words: "${words.slice(2).join(' ')}" after the time zone. Try: ${EXAMPLES.cron}` };
    cronWords = words.slice(0, 1);
    zoneWord = words[1];
  } else {
    const last = words[words.length - 1];
    const lastIsZone = words.length > 1 && last !== undefined && isValidTimeZone(last);
    cronWords = lastIsZone ? words.slice(0, -1) : words;
    zoneWord = lastIsZone ? last : undefined;
  }
  const cron = parseCron(cronWords.join(' '));
  if ('error' in cron) return { error: `${cron.error} Example: ${EXAMPLES.cron}` };
  const zone = timeZoneFrom(zoneWord, fallbackZone);
  if ('error' in zone) return zone;
  return { cadence: { kind: 'cron', expression: cron.expression }, timeZone: zone.timeZone };
}
