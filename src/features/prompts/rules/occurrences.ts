import { localParts, nextOccurrence, type Cadence } from '../../../platform/time/cadence';
import { DAY_MS } from '../../../platform/time/units';

/** How late a missed occurrence may still be posted (a process was down or restarting). */
export const CATCH_UP_LIMIT_MS = 2 * 60 * 60 * 1000;
// A schedule that fires every minute and was off for a week must not plan 10,000 rows.
const MAX_PLANNED = 200;

export interface DateRange {
  fromDate: string;
  toDate: string;
}

export interface PlannedOccurrence {
  scheduledFor: Date;
  outcome: 'post' | 'skipped';
  reason: string | null;
}

export interface OccurrencePlan {
  occurrences: PlannedOccurrence[];
  nextRunAt: Date;
}

/**
 * Plans a schedule's due occurrences: at most one is posted (the latest, if less than 2 hours late
 * and not on a skipped date); earlier ones are recorded as skipped with the reason.
 */
export function planDueOccurrences(
  schedule: { cadence: Cadence; timeZone: string; nextRunAt: Date },
  skips: readonly DateRange[],
  now: Date,
): OccurrencePlan {
  const due: Date[] = [];
  let cursor = schedule.nextRunAt;
  while (cursor.getTime() <= now.getTime()) {
    due.push(cursor);
    if (due.length > MAX_PLANNED) due.shift();
    cursor = nextOccurrence(schedule.cadence, schedule.timeZone, cursor);
  }
  const occurrences = due.map((scheduledFor, index): PlannedOccurrence => {
    const localDate = localParts(scheduledFor, schedule.timeZone).isoDate;
    const skip = skips.find((range) => range.fromDate <= localDate && localDate <= range.toDate);
    if (skip) return { scheduledFor, outcome: 'skipped', reason: `skipped: ${skip.fromDate === skip.toDate ? skip.fromDate : `${skip.fromDate}..${skip.toDate}`} is a skip date` };
    if (now.getTime() - scheduledFor.getTime() > CATCH_UP_LIMIT_MS) return { scheduledFor, outcome: 'skipped', reason: 'missed: more than 2 hours late (Learnloop was not running)' };
    if (index < due.length - 1) return { scheduledFor, outcome: 'skipped', reason: 'missed: a later prompt was due at the same time' };
    return { scheduledFor, outcome: 'post', reason: null };
  });
  return { occurrences, nextRunAt: cursor };
}

/** How far ahead two schedules are compared for a shared occurrence. */
const CLASH_HORIZON_MS = 92 * DAY_MS;
const CLASH_MAX_STEPS = 500;

/**
 * The first instant after `now` (within about three months) at which both schedules would post, or
 * null. Each step jumps the earlier schedule to its first occurrence at or after the other's.
 */
export function firstSharedOccurrence(
  a: { cadence: Cadence; timeZone: string },
  b: { cadence: Cadence; timeZone: string },
  now: Date,
): Date | null {
  const end = now.getTime() + CLASH_HORIZON_MS;
  const atOrAfter = (schedule: { cadence: Cadence; timeZone: string }, instant: Date): Date =>
    nextOccurrence(schedule.cadence, schedule.timeZone, new Date(instant.getTime() - 1));
  let x = nextOccurrence(a.cadence, a.timeZone, now);
  let y = nextOccurrence(b.cadence, b.timeZone, now);
  for (let step = 0; step < CLASH_MAX_STEPS; step++) {
    if (x.getTime() > end || y.getTime() > end) return null;
    if (x.getTime() === y.getTime()) return x;
    if (x.getTime() < y.getTime()) x = atOrAfter(a, y);
    else y = atOrAfter(b, x);
  }
  return null;
}

/** The first of `existing` that would post at the same instant as `candidate`, with that instant. */
export function findClashingSchedule<T extends { cadence: Cadence; timeZone: string }>(
  candidate: { cadence: Cadence; timeZone: string },
  existing: readonly T[],
  now: Date,
): { schedule: T; at: Date } | null {
  for (const schedule of existing) {
    const at = firstSharedOccurrence(candidate, schedule, now);
    if (at) return { schedule, at };
  }
  return null;
}
