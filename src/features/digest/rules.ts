/** The weekly digest and stats figures: assembly from raw counts, and the small-group safety rule. */
import { isValidTimeZone, parseLocalTime, parseWeekday, timeOfDayError, timeWordAt, type LocalTime, type Weekday } from '../../platform/time/cadence';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { WEEK_MS } from '../../platform/time/units';

export { WEEK_MS };
/** Figures from fewer people than this are shown as "fewer than N" (a workspace setting may raise it). */
export const DEFAULT_MIN_GROUP_SIZE = 3;
/** A digest this late (ms) is skipped rather than posted. */
export const DIGEST_LATE_LIMIT_MS = 2 * 60 * 60 * 1000;

/** A figure safe to show: a number, or "fewer than N" when too few people are behind it. */
export type SafeFigure = { kind: 'value'; value: number } | { kind: 'suppressed'; minGroupSize: number };

/** Shows `value` only when at least `minGroupSize` people are behind it (psychological safety). */
export function safeFigure(value: number, people: number, minGroupSize: number): SafeFigure {
  return people > 0 && people < minGroupSize ? { kind: 'suppressed', minGroupSize } : { kind: 'value', value };
}

/** A rate (0..1) is shown only when both the people counted and the group it is a share of are large enough. */
export function safeRate(people: number, groupSize: number, minGroupSize: number): SafeFigure {
  if (groupSize === 0 || people === 0) return { kind: 'value', value: 0 };
  if (people < minGroupSize || groupSize < minGroupSize) return { kind: 'suppressed', minGroupSize };
  return { kind: 'value', value: Math.min(1, people / groupSize) };
}

/** A people count: zero is fine, 1..min-1 is suppressed. */
export function safePeople(people: number, minGroupSize: number): SafeFigure {
  return safeFigure(people, people, minGroupSize);
}

export function formatFigure(figure: SafeFigure, format: (value: number) => string = String): string {
  return figure.kind === 'value' ? format(figure.value) : `fewer than ${figure.minGroupSize}`;
}

export const formatPercent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/** The raw, unsafe counts the queries return for one period. */
export interface PeriodCounts {
  replies: number;
  responders: number;
  learnings: number;
  learningAuthors: number;
}

export interface DigestInput {
  channelId: string;
  periodEnd: Date;
  minGroupSize: number;
  humanMembers: number;
  thisWeek: PeriodCounts;
  lastWeek: PeriodCounts;
  /** Most reacted to, then newest. */
  topLearnings: { userId: string; text: string; reactionCount: number }[];
  reviews: { opened: number; closed: number };
  commitments: { done: number; open: number; overdue: number; owners: number };
  helpers: { userId: string; helped: number }[];
  /** Oldest first; usually 8. */
  weeks: { weekStart: Date; replies: number; responders: number }[];
  /** Member counts earlier digests recorded; a past week divides by the count of its time. */
  memberHistory?: readonly MemberSnapshot[];
}

export interface MemberSnapshot {
  at: Date;
  humanMembers: number;
}

/**
 * The channel's human members for the week ending at `weekEnd`: today's count for the week being
 * reported, else the latest count a digest recorded by the week's end, else today's (no history yet).
 */
export function membersForWeek(weekEnd: Date, periodEnd: Date, current: number, history: readonly MemberSnapshot[]): number {
  if (weekEnd.getTime() >= periodEnd.getTime()) return current;
  let best: MemberSnapshot | undefined;
  for (const snapshot of history) {
    if (snapshot.at.getTime() <= weekEnd.getTime() && (!best || snapshot.at.getTime() > best.at.getTime())) best = snapshot;
  }
  return best?.humanMembers ?? current;
}

export interface PeriodFigures {
  replies: SafeFigure;
  responders: SafeFigure;
  participation: SafeFigure;
  learnings: SafeFigure;
}

export interface WeekPoint {
  weekStart: Date;
  replies: SafeFigure;
  participation: SafeFigure;
}

export interface Digest {
  channelId: string;
  periodEnd: Date;
  minGroupSize: number;
  thisWeek: PeriodFigures;
  lastWeek: PeriodFigures;
  /** Most reacted to, then newest. */
  topLearnings: { userId: string; text: string; reactionCount: number }[];
  reviews: { opened: number; closed: number };
  commitments: { done: SafeFigure; open: SafeFigure; overdue: SafeFigure };
  /** People to thank, by id; empty means no thank-you line. */
  helpers: string[];
  weeks: WeekPoint[];
}

/** Safe figures for one period: replies count as computed from their responders. */
export function periodFigures(counts: PeriodCounts, humanMembers: number, minGroupSize: number): PeriodFigures {
  return {
    replies: safeFigure(counts.replies, counts.responders, minGroupSize),
    responders: safePeople(counts.responders, minGroupSize),
    participation: safeRate(counts.responders, humanMembers, minGroupSize),
    learnings: safeFigure(counts.learnings, counts.learningAuthors, minGroupSize),
  };
}

/** Builds the digest from raw counts; every figure about people passes the min-group-size rule. */
export function assembleDigest(input: DigestInput): Digest {
  const min = input.minGroupSize;
  const commitment = (value: number): SafeFigure => safeFigure(value, input.commitments.owners, min);
  const members = (weekEnd: Date): number => membersForWeek(weekEnd, input.periodEnd, input.humanMembers, input.memberHistory ?? []);
  return {
    channelId: input.channelId,
    periodEnd: input.periodEnd,
    minGroupSize: min,
    thisWeek: periodFigures(input.thisWeek, input.humanMembers, min),
    lastWeek: periodFigures(input.lastWeek, members(new Date(input.periodEnd.getTime() - WEEK_MS)), min),
    topLearnings: input.topLearnings.slice(0, 3),
    reviews: input.reviews,
    commitments: { done: commitment(input.commitments.done), open: commitment(input.commitments.open), overdue: commitment(input.commitments.overdue) },
    helpers: input.helpers.filter((h) => h.helped > 0).map((h) => h.userId),
    weeks: input.weeks.map((w) => ({
      weekStart: w.weekStart,
      replies: safeFigure(w.replies, w.responders, min),
      participation: safeRate(w.responders, members(new Date(w.weekStart.getTime() + WEEK_MS)), min),
    })),
  };
}

/** "up from 2", "down from 5", "same as last week", or "" when either side is suppressed. */
export function weekOverWeek(current: SafeFigure, previous: SafeFigure, format: (value: number) => string = String): string {
  if (current.kind !== 'value' || previous.kind !== 'value') return previous.kind === 'value' ? '' : `last week ${formatFigure(previous, format)}`;
  if (current.value === previous.value) return 'same as last week';
  return `${current.value > previous.value ? 'up' : 'down'} from ${format(previous.value)}`;
}

export type StatsPeriod = '7d' | '30d' | '90d';

/** Parses `/learnloop stats [7d|30d|90d]`; default 30d. */
export function parseStatsPeriod(text: string): { days: number; label: StatsPeriod } | { error: string } {
  const word = text.trim().toLowerCase();
  if (word === '') return { days: 30, label: '30d' };
  const match = /^(7|30|90)\s*d(ays?)?$/.exec(word);
  if (!match) return { error: `I can show the last 7, 30 or 90 days; "${escapeMentions(truncate(text.trim(), 20))}" is not one of them. Try \`/learnloop stats 7d\` or \`/learnloop stats 90d\`.` };
  return { days: Number(match[1]), label: `${match[1]}d` as StatsPeriod };
}

export interface ChannelStatsInput {
  minGroupSize: number;
  humanMembers: number;
  counts: PeriodCounts;
  reviews: { opened: number; closed: number };
  commitments: { done: number; open: number; overdue: number; owners: number };
}

export interface ChannelStats {
  period: PeriodFigures;
  reviews: { opened: number; closed: number };
  commitments: { done: SafeFigure; open: SafeFigure; overdue: SafeFigure };
}

export function assembleChannelStats(input: ChannelStatsInput): ChannelStats {
  const min = input.minGroupSize;
  const commitment = (value: number): SafeFigure => safeFigure(value, input.commitments.owners, min);
  return {
    period: periodFigures(input.counts, input.humanMembers, min),
    reviews: input.reviews,
    commitments: { done: commitment(input.commitments.done), open: commitment(input.commitments.open), overdue: commitment(input.commitments.overdue) },
  };
}

export interface WorkspaceStatsInput {
  minGroupSize: number;
  activeLearners: number;
  replies: { replies: number; responders: number };
  tags: { tag: string; learnings: number; authors: number }[];
  reviews: { opened: number; closed: number };
  completion: { done: number; total: number; owners: number };
  medianDays: { days: number | null; owners: number };
  checkIns: { held: number; due: number; pairs: number };
}

export interface WorkspaceStats {
  activeLearners: SafeFigure;
  replies: SafeFigure;
  tags: { tag: string; learnings: SafeFigure }[];
  reviews: { opened: number; closed: number };
  /** Share of commitments due in the period that were done; null when none were due. */
  completionRate: SafeFigure | null;
  medianDaysToDone: SafeFigure | null;
  checkIns: { held: SafeFigure; due: number };
}

export function assembleWorkspaceStats(input: WorkspaceStatsInput): WorkspaceStats {
  const min = input.minGroupSize;
  return {
    activeLearners: safePeople(input.activeLearners, min),
    replies: safeFigure(input.replies.replies, input.replies.responders, min),
    tags: input.tags.map((t) => ({ tag: t.tag, learnings: safeFigure(t.learnings, t.authors, min) })),
    reviews: input.reviews,
    completionRate: input.completion.total === 0 ? null : safeFigure(input.completion.done / input.completion.total, input.completion.owners, min),
    medianDaysToDone: input.medianDays.days === null ? null : safeFigure(input.medianDays.days, input.medianDays.owners, min),
    // A pair is two people: held check-ins are shown once enough pairs stand behind them.
    checkIns: { held: safeFigure(input.checkIns.held, input.checkIns.pairs * 2, min), due: input.checkIns.due },
  };
}

export type DigestCommand =
  | { kind: 'on'; weekday: Weekday; time: LocalTime; timeZone: string }
  | { kind: 'off' }
  | { kind: 'now' }
  | { kind: 'invalid'; error: string };

const DIGEST_EXAMPLE = '`/learnloop digest on fri 16:00`';
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const DIGEST_USAGE = 'Try `/learnloop digest on fri 16:00` (optionally with a time zone like Europe/Berlin), `/learnloop digest off` or `/learnloop digest now`.';

/** Errors quote what was typed: never let them ping a channel. */
const invalid = (error: string): DigestCommand => ({ kind: 'invalid', error: escapeMentions(error) });

/** Parses `/learnloop digest on fri 16:00 [TZ] | off | now`; the time zone defaults to the user's. */
export function parseDigestCommand(text: string, defaultTimeZone: string): DigestCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [verb = '', ...rest] = words;
  switch (verb.toLowerCase()) {
    case 'off':
      return rest.length === 0 ? { kind: 'off' } : { kind: 'invalid', error: DIGEST_USAGE };
    case 'now':
      return rest.length === 0 ? { kind: 'now' } : { kind: 'invalid', error: DIGEST_USAGE };
    case 'on': {
      // "on friday at 4pm", "on 4pm friday" and "on fri 4 pm" read as "on fri 16:00".
      const onWords = rest.filter((word) => word.toLowerCase() !== 'at');
      if (onWords.length >= 2 && parseWeekday(onWords[0] ?? '') === null && parseLocalTime(onWords[0] ?? '') && parseWeekday(onWords[1] ?? '') !== null) {
        onWords.splice(0, 2, onWords[1] ?? '', onWords[0] ?? '');
      }
      const dayWord = onWords[0];
      if (dayWord === undefined) return invalid(`Say which day and time the digest should come, e.g. ${DIGEST_EXAMPLE}.`);
      const weekday = parseWeekday(dayWord);
      if (weekday === null && parseLocalTime(dayWord)) return invalid(`Say which day the digest should come, e.g. \`/learnloop digest on fri ${truncate(dayWord, 20)}\`.`);
      if (weekday === null) return invalid(`"${truncate(dayWord, 20)}" is not a weekday. ${DIGEST_USAGE}`);
      const { word: timeWord, used } = timeWordAt(onWords, 1);
      const day = WEEKDAY_NAMES[weekday];
      if (timeWord === undefined) {
        return invalid(`Say what time on ${day} the digest should come, e.g. \`/learnloop digest on ${dayWord.toLowerCase()} 16:00\` or \`/learnloop digest on ${dayWord.toLowerCase()} 4pm\`.`);
      }
      const time = parseLocalTime(timeWord);
      if (time === null) return invalid(`${timeOfDayError(timeWord)} E.g. \`/learnloop digest on ${dayWord.toLowerCase()} 4pm\`.`);
      const [zone, ...extra] = onWords.slice(1 + used);
      const timeZone = zone ?? defaultTimeZone;
      if (extra.length > 0) return invalid(`Too many words: "${truncate(extra.join(' '), 40)}" after the time zone. E.g. \`/learnloop digest on ${dayWord.toLowerCase()} 4pm Europe/Berlin\`.`);
      if (!isValidTimeZone(timeZone)) return invalid(`I don't know the time zone "${truncate(timeZone, 40)}". Use a name like Europe/Berlin.`);
      return { kind: 'on', weekday, time, timeZone };
    }
    default:
      return { kind: 'invalid', error: DIGEST_USAGE };
  }
}
