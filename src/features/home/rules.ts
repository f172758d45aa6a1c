/** The App Home's figures: activity streaks and channel participation. Pure; `now` is a parameter. */
import { localDateTimeToInstant, localParts } from '../../platform/time/cadence';
import { addDaysToDate, safeTimeZone } from '../../platform/time/calendar';
import { DEFAULT_MIN_GROUP_SIZE, safeRate } from '../digest';

/** The Monday (YYYY-MM-DD) of the Monday-to-Sunday week a YYYY-MM-DD date falls in. */
export function weekStartOf(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
  return addDaysToDate(isoDate, -((weekday + 6) % 7));
}

/**
 * Weeks in a row with some activity, counted back from this week, or from last week when this week
 * has none yet (a streak is not lost on Monday morning). `activeWeeks` are week starts (Mondays).
 */
export function streakWeeks(activeWeeks: Iterable<string>, today: string): number {
  const weeks = new Set(activeWeeks);
  const thisWeek = weekStartOf(today);
  let week = weeks.has(thisWeek) ? thisWeek : addDaysToDate(thisWeek, -7);
  let count = 0;
  while (weeks.has(week)) {
    count += 1;
    week = addDaysToDate(week, -7);
  }
  return count;
}

/** Last week (Monday 00:00 to Monday 00:00) in the viewer's zone, as instants. */
export function lastWeekRange(now: Date, timeZone: string): { from: Date; to: Date } {
  const zone = safeTimeZone(timeZone);
  const thisWeek = weekStartOf(localParts(now, zone).isoDate);
  const instant = (isoDate: string) => {
    const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
    return localDateTimeToInstant({ year, month, day }, { hour: 0, minute: 0 }, zone);
  };
  return { from: instant(addDaysToDate(thisWeek, -7)), to: instant(thisWeek) };
}

export type Participation =
  | { kind: 'unknown' }
  | { kind: 'too_few'; minGroup: number }
  | { kind: 'rate'; percent: number; responders: number; members: number };

/**
 * Distinct responders ÷ channel members, by the digest's and stats' rule (`safeRate`). Unknown when
 * the member count is; "too few" when either figure comes from fewer than `minGroup` people, so
 * nobody's answer can be singled out.
 */
export function participation(responders: number, members: number | null, minGroup = DEFAULT_MIN_GROUP_SIZE): Participation {
  if (members === null) return { kind: 'unknown' };
  const rate = safeRate(responders, members, minGroup);
  if (rate.kind === 'suppressed') return { kind: 'too_few', minGroup };
  // Someone who replied and then left the channel still counted; never show more than everyone.
  return { kind: 'rate', percent: Math.round(rate.value * 100), responders: Math.min(responders, members), members };
}

/** "60% (6 of 10)", "fewer than 3", or "—". */
export function participationText(figure: Participation): string {
  switch (figure.kind) {
    case 'unknown':
      return '—';
    case 'too_few':
      return `fewer than ${figure.minGroup}`;
    case 'rate':
      return `${figure.percent}% (${figure.responders} of ${figure.members})`;
  }
}
