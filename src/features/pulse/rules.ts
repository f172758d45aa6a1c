import {
  describeCadence,
  localDateTimeToInstant,
  localParts,
  nextOccurrence,
  nthWeekdayOfMonth,
  parseLocalTime,
  parseWeekday,
  timeOfDayError,
  timeWordAt,
  timeZoneFrom,
  type LocalTime,
  type Weekday,
} from '../../platform/time/cadence';
import { commandWords } from '../../platform/ui/text';
import { DAY_MS } from '../../platform/time/units';

/** Learnloop's own statements about team learning, answered from 1 (strongly disagree) to 5 (strongly agree). */
export const DEFAULT_STATEMENTS: readonly string[] = [
  'If I make a mistake on this team, it is not held against me.',
  'It is safe to take a risk on this team.',
  'People on this team ask for help when they need it.',
  'I can bring up problems and tough issues here.',
  'We regularly take time to reflect on how we work.',
  "We try the things we said we'd try.",
];

export const STATEMENTS_MIN = 5;
export const STATEMENTS_MAX = 7;
export const STATEMENT_MIN_LENGTH = 10;
export const STATEMENT_MAX_LENGTH = 150;
export const FREE_TEXT_MAX = 1000;
/** A pulse stays open this long unless everyone invited answered first. */
export const OPEN_MS = 3 * DAY_MS;
/** The one reminder goes this long before the pulse closes. */
export const REMIND_BEFORE_CLOSE_MS = DAY_MS;
/** The trend covers this many pulses, this one included. */
export const TREND_PULSES = 6;

export const SCALE_LABELS = ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'] as const;

export interface PulseSchedule {
  every: 'monthly' | 'biweekly';
  /** Monthly: 1-4, or 5 for the last; null for biweekly. */
  nth: number | null;
  weekday: Weekday;
  time: LocalTime;
  /** Biweekly: an ISO local date of a week it runs in. */
  anchor: string | null;
  timeZone: string;
}

export const EXAMPLE = '/learnloop pulse on monthly first mon 10:00 Europe/Paris';
const BIWEEKLY_EXAMPLE = '/learnloop pulse on biweekly tue 14:00 Europe/Paris';

export type PulseCommand =
  | { kind: 'status' }
  | { kind: 'on'; schedule: PulseSchedule }
  | { kind: 'off' }
  | { kind: 'now' }
  | { kind: 'questions' }
  | { kind: 'invalid'; error: string };

const NTH_WORDS = new Map<string, number>([
  ['first', 1], ['1st', 1], ['second', 2], ['2nd', 2], ['third', 3], ['3rd', 3], ['fourth', 4], ['4th', 4], ['last', 5],
]);
const EVERY_WORDS = new Map<string, PulseSchedule['every']>([
  ['monthly', 'monthly'], ['biweekly', 'biweekly'], ['bi-weekly', 'biweekly'], ['fortnightly', 'biweekly'], ['every-two-weeks', 'biweekly'],
]);

/** `/learnloop pulse on monthly|biweekly [first mon 10:00] [TZ] | off | now | questions`, or its status alone. */
export function parsePulseCommand(rest: string, defaults: { timeZone: string; now: Date }): PulseCommand {
  const words = commandWords(rest);
  const first = words[0]?.toLowerCase();
  if (first === undefined || first === 'status') return words.length <= 1 ? { kind: 'status' } : tooMany(words.slice(1));
  if (first === 'off' || first === 'now' || first === 'questions') return words.length === 1 ? { kind: first } : tooMany(words.slice(1));
  if (first !== 'on') return { kind: 'invalid', error: `Unknown pulse command "${words[0]}". Try: ${EXAMPLE}, \`/learnloop pulse now\`, \`/learnloop pulse off\` or \`/learnloop pulse questions\`.` };
  const parsed = parseSchedule(words.slice(1), defaults);
  return 'error' in parsed ? { kind: 'invalid', error: parsed.error } : { kind: 'on', schedule: parsed };
}

function tooMany(extra: string[]): PulseCommand {
  return { kind: 'invalid', error: `Too many words: "${extra.join(' ')}". Try: ${EXAMPLE}` };
}

/** The words after `pulse on`: how often, then (each optional) which week, the weekday, the time and the zone. */
export function parseSchedule(words: readonly string[], defaults: { timeZone: string; now: Date }): PulseSchedule | { error: string } {
  const everyWord = words[0];
  if (everyWord === undefined) return { error: `Say how often: monthly or biweekly. Try: ${EXAMPLE}` };
  const every = EVERY_WORDS.get(everyWord.toLowerCase());
  if (!every) return { error: `"${everyWord}" is not monthly or biweekly. Try: ${EXAMPLE}` };
  const example = every === 'monthly' ? EXAMPLE : BIWEEKLY_EXAMPLE;
  let index = 1;
  let nth: number | null = every === 'monthly' ? 1 : null;
  const nthWord = words[index]?.toLowerCase();
  if (nthWord !== undefined && NTH_WORDS.has(nthWord)) {
    if (every === 'biweekly') return { error: `"${words[index]}" only goes with monthly. Try: ${BIWEEKLY_EXAMPLE}` };
    nth = NTH_WORDS.get(nthWord) ?? 1;
    index += 1;
  }
  let weekday: Weekday = 1;
  const dayWord = words[index];
  const looksLikeZone = dayWord !== undefined && !('error' in timeZoneFrom(dayWord, 'UTC'));
  if (dayWord !== undefined && !/^\d/.test(dayWord) && !looksLikeZone) {
    const parsed = parseWeekday(dayWord);
    if (parsed === null) return { error: `"${dayWord}" is not a weekday. Use mon, tue, wed, thu, fri, sat or sun, e.g. ${example}` };
    weekday = parsed;
    index += 1;
  } else if (nthWord !== undefined && NTH_WORDS.has(nthWord)) {
    return { error: `"${words[index - 1]}" needs a weekday after it. Try: ${example}` };
  }
  let time: LocalTime = { hour: 10, minute: 0 };
  const { word: timeWord, used } = timeWordAt(words, index);
  if (timeWord !== undefined && /^\d/.test(timeWord)) {
    const parsed = parseLocalTime(timeWord);
    if (!parsed) return { error: `${timeOfDayError(timeWord)} e.g. ${example}` };
    time = parsed;
    index += used;
  }
  const rest = words.slice(index);
  if (rest.length > 1) return { error: `Too many words: "${rest.slice(1).join(' ')}" after the time zone. Try: ${example}` };
  const zone = timeZoneFrom(rest[0], defaults.timeZone);
  if ('error' in zone) return { error: `${zone.error} e.g. ${example}` };
  let anchor: string | null = null;
  if (every === 'biweekly') {
    const today = localParts(defaults.now, zone.timeZone);
    anchor = addIsoDays(today.isoDate, (weekday - today.weekday + 7) % 7);
  }
  return { every, nth, weekday, time, anchor, timeZone: zone.timeZone };
}

function addIsoDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first time strictly after `after` at which the pulse runs, DST-correct in its zone. */
export function nextPulseAt(schedule: PulseSchedule, after: Date): Date {
  if (schedule.every === 'biweekly') {
    return nextOccurrence({ kind: 'biweekly', weekday: schedule.weekday, time: schedule.time, anchor: schedule.anchor ?? localParts(after, schedule.timeZone).isoDate }, schedule.timeZone, after);
  }
  const local = localParts(after, schedule.timeZone);
  for (let step = 0; step < 3; step++) {
    const month = ((local.month - 1 + step) % 12) + 1;
    const year = local.year + Math.floor((local.month - 1 + step) / 12);
    const day = nthWeekdayOfMonth(year, month, schedule.weekday, schedule.nth ?? 1);
    const at = localDateTimeToInstant(day, schedule.time, schedule.timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new RangeError('a monthly pulse always runs within three months');
}

const NTH_NAMES = ['', 'first', 'second', 'third', 'fourth', 'last'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "the first Monday of each month at 10:00 (Europe/Paris)". */
export function describeSchedule(schedule: PulseSchedule): string {
  const zone = ` (${schedule.timeZone})`;
  if (schedule.every === 'biweekly') return `${describeCadence({ kind: 'biweekly', weekday: schedule.weekday, time: schedule.time, anchor: schedule.anchor ?? '' })}${zone}`;
  const time = `${String(schedule.time.hour).padStart(2, '0')}:${String(schedule.time.minute).padStart(2, '0')}`;
  return `the ${NTH_NAMES[schedule.nth ?? 1]} ${WEEKDAY_NAMES[schedule.weekday]} of each month at ${time}${zone}`;
}

/** The statements form: one per line, 5 to 7 of them, each 10 to 150 characters. */
export function parseStatements(text: string): string[] | { error: string } {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim()).filter((line) => line.length > 0);
  if (lines.length < STATEMENTS_MIN || lines.length > STATEMENTS_MAX) return { error: `Write ${STATEMENTS_MIN} to ${STATEMENTS_MAX} statements, one per line (this has ${lines.length}).` };
  const bad = lines.findIndex((line) => line.length < STATEMENT_MIN_LENGTH || line.length > STATEMENT_MAX_LENGTH);
  if (bad >= 0) return { error: `Statement ${bad + 1} has ${lines[bad]!.length} characters: keep each to ${STATEMENT_MIN_LENGTH}–${STATEMENT_MAX_LENGTH}.` };
  if (new Set(lines.map((line) => line.toLowerCase())).size !== lines.length) return { error: 'Two statements are the same: make each one different.' };
  return lines;
}

/** A statement's figures, or null when fewer than the minimum group size answered. */
export interface StatementFigure {
  statement: string;
  /** Mean score, 1–5. */
  average: number;
  /** Standard deviation of the scores (how far apart the team is). */
  spread: number;
}

/** Per statement the average and spread, each only when at least `minGroupSize` sheets came in. */
export function statementFigures(statements: readonly string[], sheets: readonly (readonly number[])[], minGroupSize: number): (StatementFigure | null)[] {
  return statements.map((statement, index) => {
    const scores = sheets.map((sheet) => sheet[index]).filter((score): score is number => typeof score === 'number' && score >= 1 && score <= 5);
    if (scores.length < Math.max(1, minGroupSize)) return null;
    const average = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    const spread = Math.sqrt(scores.reduce((sum, score) => sum + (score - average) ** 2, 0) / scores.length);
    return { statement, average, spread };
  });
}

/** The statement the team scored lowest (the first of a tie), or null when none may be shown. */
export function lowestStatement(figures: readonly (StatementFigure | null)[]): StatementFigure | null {
  let lowest: StatementFigure | null = null;
  for (const figure of figures) if (figure && (!lowest || figure.average < lowest.average)) lowest = figure;
  return lowest;
}

/** Whether an open pulse closes now: its three days are over, or everyone invited answered. */
export function shouldClose(run: { closesAt: Date; invitedCount: number }, answered: number, now: Date): boolean {
  return now.getTime() >= run.closesAt.getTime() || (run.invitedCount > 0 && answered >= run.invitedCount);
}

/** A Fisher–Yates shuffle with the random source given (free text is shown in no particular order). */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** "3.8": one decimal, as people read a 1–5 scale. */
export const score = (value: number): string => value.toFixed(1);

/** "3.1 → 3.4 → 3.8", oldest first; a pulse too few answered is a dash. */
export function trendText(values: readonly (number | null)[]): string {
  return values.map((value) => (value === null ? '–' : score(value))).join(' → ');
}

/** "up", "down" or "steady" between the last two shown values (a change under 0.2 is steady). */
export function trendWord(values: readonly (number | null)[]): 'up' | 'down' | 'steady' | null {
  const shown = values.filter((value): value is number => value !== null);
  if (shown.length < 2) return null;
  const change = shown[shown.length - 1]! - shown[shown.length - 2]!;
  return change >= 0.2 ? 'up' : change <= -0.2 ? 'down' : 'steady';
}
