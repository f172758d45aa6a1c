import type { Cadence } from '../../../src/platform/time/cadence';
import { firstSharedOccurrence } from '../../../src/features/prompts/rules/occurrences';

// Monday 23 November 2026, 11:00 in Berlin.
const NOW = new Date('2026-11-23T10:00:00Z');
const at = (hour: number, minute = 0) => ({ hour, minute });
const BERLIN = 'Europe/Berlin';

describe('firstSharedOccurrence', () => {
  it.each<[string, { cadence: Cadence; timeZone: string }, { cadence: Cadence; timeZone: string }, string | null]>([
    ['the same weekly time', { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }, { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }, '2026-11-27T14:00:00.000Z'],
    ['the same instant written in another zone', { cadence: { kind: 'weekly', weekday: 5, time: at(9) }, timeZone: 'America/New_York' }, { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }, '2026-11-27T14:00:00.000Z'],
    ['daily and weekly at one hour', { cadence: { kind: 'daily', time: at(15) }, timeZone: BERLIN }, { cadence: { kind: 'weekly', weekday: 3, time: at(15) }, timeZone: BERLIN }, '2026-11-25T14:00:00.000Z'],
    ['an hour apart', { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }, { cadence: { kind: 'weekly', weekday: 5, time: at(16) }, timeZone: BERLIN }, null],
    ['different days', { cadence: { kind: 'weekly', weekday: 4, time: at(15) }, timeZone: BERLIN }, { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }, null],
    ['every other week, in the other weeks', { cadence: { kind: 'biweekly', weekday: 5, time: at(15), anchor: '2026-11-27' }, timeZone: BERLIN }, { cadence: { kind: 'biweekly', weekday: 5, time: at(15), anchor: '2026-12-04' }, timeZone: BERLIN }, null],
    ['monthly on the 4th and weekly on Fridays meet on Fri 4 Dec', { cadence: { kind: 'monthly', dayOfMonth: 4, time: at(15) }, timeZone: BERLIN }, { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }, '2026-12-04T14:00:00.000Z'],
    ['a cron every minute meets a weekday time', { cadence: { kind: 'cron', expression: '* * * * *' }, timeZone: BERLIN }, { cadence: { kind: 'weekdays', time: at(9, 30) }, timeZone: BERLIN }, '2026-11-24T08:30:00.000Z'],
    ['a cron every 7 minutes never lands on :30', { cadence: { kind: 'cron', expression: '*/7 * * * *' }, timeZone: BERLIN }, { cadence: { kind: 'daily', time: at(9, 30) }, timeZone: BERLIN }, null],
  ])('%s', (_name, a, b, expected) => {
    expect(firstSharedOccurrence(a, b, NOW)?.toISOString() ?? null).toBe(expected);
    expect(firstSharedOccurrence(b, a, NOW)?.toISOString() ?? null).toBe(expected);
  });
});
