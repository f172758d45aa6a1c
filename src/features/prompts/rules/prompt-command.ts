/** Parsing of `/learnloop prompts …` and `/learnloop questions …` text, and the helpers their replies share. */
import {
  isValidTimeZone,
  localParts,
  parseCadenceText,
  parseCron,
  parseLocalTime,
  parseWeekday,
  type Cadence,
} from '../../../platform/time/cadence';
import { escapeMentions, parseDateRange, splitCommandWords, suggestClosest, truncate } from '../../../platform/ui/text';

export type PromptCommand =
  | { kind: 'open-modal' }
  /** `anyway`: add it even when another schedule of the channel posts at the same time. */
  | { kind: 'add'; cadence: Cadence; timeZone: string; anyway: boolean }
  | { kind: 'list' }
  | { kind: 'pause'; id: number }
  | { kind: 'resume'; id: number }
  | { kind: 'remove'; id: number }
  | { kind: 'now' }
  | { kind: 'history' }
  | { kind: 'nudge'; id: number; minutes: number | null }
  | { kind: 'skip-add'; fromDate: string; toDate: string }
  | { kind: 'skip-list' }
  | { kind: 'skip-remove'; id: number }
  | { kind: 'invalid'; error: string };

export type QuestionCommand =
  | { kind: 'add'; text: string }
  | { kind: 'list' }
  | { kind: 'remove'; id: number }
  | { kind: 'invalid'; error: string };

export const PROMPT_SUBCOMMANDS = ['add', 'list', 'pause', 'resume', 'remove', 'now', 'history', 'nudge', 'skip'] as const;
export const QUESTION_SUBCOMMANDS = ['add', 'list', 'remove'] as const;

/** Longest channel question, in characters as typed. */
export const QUESTION_MAX = 300;
/** Nudges wait between 1 and 72 hours after a prompt (stored in minutes). */
export const NUDGE_MIN_MINUTES = 60;
export const NUDGE_MAX_MINUTES = 72 * 60;

const P = '/learnloop prompts';
/** The last word of `add … anyway`: add a schedule that posts at the same time as another one. */
export const ANYWAY = 'anyway';
const Q = '/learnloop questions';
const SKIP_EXAMPLE = `\`${P} skip 2026-12-24..2027-01-02\``;
const QUESTION_EXAMPLE = `\`${Q} add What did a customer teach us this week?\``;

/** A word typed by someone, safe to echo inside backticks. */
const shown = (word: string): string => escapeMentions(truncate(word, 40)).replace(/`/g, "'");

/** `12` or `#12` → 12; anything else → null. */
export function parseShortId(word: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(word.trim());
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The id word of `pause 12`, `skip remove 3`…: exactly one id, or a sentence with an example. */
function idArgument(args: readonly string[], what: { verb: string; noun: string; example: string; listCommand: string }): number | { error: string } {
  const word = args[0];
  if (word === undefined) return { error: `Say which ${what.noun} to ${what.verb}, e.g. \`${what.example}\` (the ids are in \`${what.listCommand}\`).` };
  const id = parseShortId(word);
  if (id === null) return { error: `\`${shown(word)}\` is not a ${what.noun} id. Use the number from \`${what.listCommand}\`, e.g. \`${what.example}\`.` };
  if (args.length > 1) return { error: `\`${what.verb}\` takes just the ${what.noun} id, e.g. \`${what.example}\`.` };
  return id;
}

function noArguments(name: string, args: readonly string[], example: string): { error: string } | null {
  return args.length > 0 ? { error: `\`${name}\` takes nothing after it, e.g. \`${example}\`.` } : null;
}

function unknownSubcommand(word: string, command: string, candidates: readonly string[], example: string): { kind: 'invalid'; error: string } {
  const suggestion = suggestClosest(word, candidates);
  const hint = suggestion ? `Did you mean \`${command} ${suggestion}\`?` : `Use ${candidates.slice(0, -1).join(', ')} or ${candidates.at(-1)}, e.g. \`${example}\`.`;
  return invalid({ error: `\`${shown(word)}\` is not a \`${command}\` command. ${hint}` });
}

/** Errors may quote what was typed (the cadence and date parsers do): never let them ping a channel. */
const invalid = (result: { error: string }): { kind: 'invalid'; error: string } => ({ kind: 'invalid', error: escapeMentions(result.error) });

/**
 * Parses the text after `/learnloop prompts`. `defaults` are the time zone of the person typing
 * (used when `add` names none, and for "today" of skip dates) and the current instant.
 */
export function parsePromptCommand(text: string, defaults: { timeZone: string; now: Date }): PromptCommand {
  const words = splitCommandWords(text.trim());
  const [first, ...args] = words;
  if (first === undefined) return { kind: 'open-modal' };
  const name = first.toLowerCase();
  const scheduleId = (verb: string) => idArgument(args, { verb, noun: 'schedule', example: `${P} ${verb} 12`, listCommand: `${P} list` });

  switch (name) {
    case 'add': {
      const anyway = args.length > 1 && args.at(-1)?.toLowerCase() === ANYWAY;
      const parsed = parseCadenceText(anyway ? args.slice(0, -1) : args, defaults);
      return 'error' in parsed ? invalid(parsed) : { kind: 'add', cadence: parsed.cadence, timeZone: parsed.timeZone, anyway };
    }
    case 'list':
    case 'now':
    case 'history': {
      const extra = noArguments(name, args, `${P} ${name}`);
      return extra ? invalid(extra) : { kind: name };
    }
    case 'pause':
    case 'resume':
    case 'remove': {
      const id = scheduleId(name);
      return typeof id === 'number' ? { kind: name, id } : invalid(id);
    }
    case 'nudge':
      return parseNudge(args);
    case 'skip':
      return parseSkip(args, defaults);
    default:
      return unknownSubcommand(first, P, PROMPT_SUBCOMMANDS, `${P} list`);
  }
}

function parseNudge(args: readonly string[]): PromptCommand {
  const example = `${P} nudge 12 4h`;
  const id = idArgument(args.slice(0, 1), { verb: 'nudge', noun: 'schedule', example, listCommand: `${P} list` });
  if (typeof id !== 'number') return invalid(id);
  // "4 hours" arrives as two words.
  const durationText = args.slice(1).join(' ');
  if (durationText === '') return { kind: 'invalid', error: `Say how long to wait before nudging, e.g. \`${example}\`, or \`${P} nudge ${id} off\` to stop nudges.` };
  const duration = parseDurationHours(durationText);
  return 'error' in duration ? invalid(duration) : { kind: 'nudge', id, minutes: duration.minutes };
}

function parseSkip(args: readonly string[], defaults: { timeZone: string; now: Date }): PromptCommand {
  const sub = args[0]?.toLowerCase();
  if (sub === 'list') {
    const extra = noArguments('skip list', args.slice(1), `${P} skip list`);
    return extra ? invalid(extra) : { kind: 'skip-list' };
  }
  if (sub === 'remove') {
    const id = idArgument(args.slice(1), { verb: 'remove', noun: 'skip', example: `${P} skip remove 3`, listCommand: `${P} skip list` });
    return typeof id === 'number' ? { kind: 'skip-remove', id } : invalid(id);
  }
  if (args.length === 0) return { kind: 'invalid', error: `Say which dates to skip, e.g. ${SKIP_EXAMPLE} or a single date like \`${P} skip 2026-12-24\`.` };
  const range = parseDateRange(args.join(' '));
  if ('error' in range) return invalid(range);
  const today = localParts(defaults.now, defaults.timeZone).isoDate;
  if (range.to < today) return { kind: 'invalid', error: `${range.to} is already past; skip dates must be today (${today}) or later, e.g. ${SKIP_EXAMPLE}` };
  return { kind: 'skip-add', fromDate: range.from, toDate: range.to };
}

/**
 * Parses how long a nudge waits: `4h`, `90m`, `1.5h`, a bare number of hours, or `off`.
 * Returns whole minutes (null for `off`), between 1h and 72h.
 */
export function parseDurationHours(text: string): { minutes: number | null } | { error: string } {
  const example = `e.g. \`${P} nudge 12 4h\` or \`${P} nudge 12 off\``;
  const word = text.trim().toLowerCase();
  if (word === 'off' || word === 'none') return { minutes: null };
  const match = /^(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|mins?|minutes?)?$/.exec(word);
  if (!match) return { error: `\`${shown(text)}\` is not a duration. Use hours or minutes, ${example}.` };
  const amount = Number(match[1]);
  const minutes = (match[2] ?? 'h').startsWith('h') ? amount * 60 : amount;
  if (!Number.isInteger(minutes)) return { error: `Use whole minutes for nudges, not \`${shown(text)}\`, ${example}.` };
  if (minutes < NUDGE_MIN_MINUTES || minutes > NUDGE_MAX_MINUTES) {
    return { error: `Nudges can wait from 1h to 72h, not ${formatDuration(minutes)}; ${example}.` };
  }
  return { minutes };
}

/** 240 → "4h", 90 → "1h 30m", 45 → "45m". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

/** Parses the text after `/learnloop questions`; the question text is kept exactly as typed. */
export function parseQuestionCommand(text: string): QuestionCommand {
  const trimmed = text.trim();
  const first = /^\S+/.exec(trimmed)?.[0];
  if (first === undefined) return { kind: 'list' };
  const rest = trimmed.slice(first.length).trim();
  switch (first.toLowerCase()) {
    case 'list':
      return rest === '' ? { kind: 'list' } : { kind: 'invalid', error: `\`list\` takes nothing after it, e.g. \`${Q} list\`.` };
    case 'add': {
      if (rest === '') return { kind: 'invalid', error: `Write the question after \`add\`, e.g. ${QUESTION_EXAMPLE}` };
      // Slack sends &, < and > as entities; count them as the one character the person typed.
      const length = Array.from(rest.replace(/&(?:amp|lt|gt);/g, '&')).length;
      if (length > QUESTION_MAX) {
        return { kind: 'invalid', error: `Keep questions to ${QUESTION_MAX} characters (this one has ${length}), e.g. ${QUESTION_EXAMPLE}` };
      }
      return { kind: 'add', text: rest };
    }
    case 'remove': {
      const id = idArgument(splitCommandWords(rest), { verb: 'remove', noun: 'question', example: `${Q} remove 3`, listCommand: `${Q} list` });
      return typeof id === 'number' ? { kind: 'remove', id } : invalid(id);
    }
    default:
      return unknownSubcommand(first, Q, QUESTION_SUBCOMMANDS, `${Q} list`);
  }
}

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** An instant as people read it in a zone: "Fri 27 Nov, 15:00 (Europe/Berlin)". */
export function formatInZone(date: Date, timeZone: string): string {
  // Built from parts rather than a locale pattern: ICU versions differ ("Sep" vs "Sept").
  const p = localParts(date, timeZone);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${WEEKDAY_SHORT[p.weekday]} ${p.day} ${MONTH_SHORT[p.month - 1]}, ${time} (${timeZone})`;
}

/** What the schedule form holds, as typed or chosen. */
export interface ScheduleForm {
  cadence: string | undefined;
  weekday: string | undefined;
  dayOfMonth: string | undefined;
  time: string | undefined;
  cron: string | undefined;
  timeZone: string | undefined;
}

export type ScheduleFormField = keyof ScheduleForm;

const FORM_KINDS = new Set(['daily', 'weekdays', 'weekly', 'biweekly', 'monthly', 'cron']);

/**
 * Validates the schedule form field by field (every problem at once, each on its own field), then
 * builds the cadence through the same parser as `/learnloop prompts add`.
 */
export function cadenceFromForm(form: ScheduleForm, now: Date): { cadence: Cadence; timeZone: string } | { errors: Partial<Record<ScheduleFormField, string>> } {
  const errors: Partial<Record<ScheduleFormField, string>> = {};
  const kind = form.cadence?.trim() ?? '';
  if (!FORM_KINDS.has(kind)) errors.cadence = 'Choose how often to post.';

  const timeZone = form.timeZone?.trim() ?? '';
  if (timeZone === '') errors.timeZone = 'Enter a time zone, e.g. Europe/Berlin or America/New_York.';
  else if (!isValidTimeZone(timeZone)) errors.timeZone = `Unknown time zone "${truncate(timeZone, 60)}". Use an IANA name such as Europe/Berlin or America/New_York.`;

  const words: string[] = [];
  if (kind === 'cron') {
    const expression = form.cron?.trim() ?? '';
    const cron = expression === '' ? { error: 'Write a cron expression, e.g. 0 9 * * 1-5 (09:00 on weekdays).' } : parseCron(expression);
    if ('error' in cron) errors.cron = cron.error;
    else words.push(cron.expression); // five fields with spaces: read as one quoted cron word
  } else if (kind !== '') {
    words.push(kind);
    if (kind === 'weekly' || kind === 'biweekly') {
      const weekday = form.weekday === undefined ? null : parseWeekday(form.weekday);
      if (weekday === null) errors.weekday = `${kind === 'weekly' ? 'Weekly prompts' : 'Prompts every two weeks'} need a day of the week.`;
      else words.push(WEEKDAY_SHORT[weekday].toLowerCase());
    }
    if (kind === 'monthly') {
      const day = form.dayOfMonth?.trim() ?? '';
      if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) errors.dayOfMonth = 'Enter a day of the month from 1 to 31, e.g. 15.';
      else words.push(String(Number(day)));
    }
    const timeText = form.time?.trim() ?? '';
    const time = parseLocalTime(timeText);
    if (timeText === '') errors.time = 'Choose a time of day, e.g. 09:30.';
    else if (!time) errors.time = `"${truncate(timeText, 20)}" is not a time of day. Use 24-hour HH:MM, e.g. 09:30.`;
    else words.push(`${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`);
  }
  if (Object.keys(errors).length > 0) return { errors };

  const parsed = parseCadenceText([...words, timeZone], { timeZone, now });
  return 'error' in parsed ? { errors: { cadence: parsed.error } } : parsed;
}
