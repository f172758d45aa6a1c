import {
  nthWeekdayOfMonth,
  timeZoneFrom,
  Cadence,
  LocalTime,
  cadenceCommandWords,
  describeCadence,
  isValidTimeZone,
  localDateTimeToInstant,
  localParts,
  nextOccurrence,
  parseCadenceText,
  parseCron,
  parseLocalTime,
  parseWeekday,
} from '../../../src/platform/time/cadence';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const UTC = 'UTC';

const at = (hour: number, minute = 0): LocalTime => ({ hour, minute });
const daily = (hour: number, minute = 0): Cadence => ({ kind: 'daily', time: at(hour, minute) });
const cron = (expression: string): Cadence => ({ kind: 'cron', expression });

/** Calls nextOccurrence `count` times, each time from the previous result. */
function sequence(cadence: Cadence, timeZone: string, fromIso: string, count: number): string[] {
  const results: string[] = [];
  let cursor = new Date(fromIso);
  for (let i = 0; i < count; i++) {
    cursor = nextOccurrence(cadence, timeZone, cursor);
    results.push(cursor.toISOString());
  }
  return results;
}

/** Counts Intl formatting calls while `run` executes; the spy passes every call through unchanged. */
function countIntlCalls(run: () => void): number {
  const spy = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
  try {
    run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('isValidTimeZone', () => {
  it.each<[string, boolean]>([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['europe/berlin', true],
    ['Mars/Olympus', false],
    ['', false],
    [' Europe/Berlin', false],
    ['+05:30', false],
    ['Berlin', false],
  ])('%p -> %p', (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });
});

describe('parseLocalTime', () => {
  it.each<[string, LocalTime | null]>([
    ['15:00', at(15)],
    ['9:30', at(9, 30)],
    ['09:05', at(9, 5)],
    ['00:00', at(0)],
    ['23:59', at(23, 59)],
    ['3pm', at(15)],
    ['3:30pm', at(15, 30)],
    ['3:30 PM', at(15, 30)],
    ['12am', at(0)],
    ['12:15am', at(0, 15)],
    ['12pm', at(12)],
    ['11am', at(11)],
    ['9 a.m.', at(9)],
    ['25:00', null],
    ['24:00', null],
    ['12:60', null],
    ['abc', null],
    ['', null],
    ['9', null],
    ['13pm', null],
    ['0am', null],
    ['9:5', null],
    ['3m', null],
    ['9:30:00', null],
  ])('%p -> %p', (text, expected) => {
    expect(parseLocalTime(text)).toEqual(expected);
  });
});

describe('parseWeekday', () => {
  it.each<[string, number | null]>([
    ['sun', 0],
    ['Sunday', 0],
    ['mon', 1],
    ['monday', 1],
    ['MONDAYS', 1],
    ['tue', 2],
    ['tues', 2],
    ['wed', 3],
    ['Wednesday', 3],
    ['thu', 4],
    ['thur', 4],
    ['thurs', 4],
    ['thursday', 4],
    ['Fri', 5],
    ['friday', 5],
    ['sat', 6],
    ['saturday', 6],
    ['fryday', null],
    ['mo', null],
    ['days', null],
    ['', null],
  ])('%p -> %p', (text, expected) => {
    expect(parseWeekday(text)).toBe(expected);
  });
});

describe('localParts', () => {
  it.each<[string, string, ReturnType<typeof localParts>]>([
    ['2026-03-29T00:59:00Z', BERLIN, { year: 2026, month: 3, day: 29, hour: 1, minute: 59, weekday: 0, isoDate: '2026-03-29' }],
    ['2026-03-29T01:00:00Z', BERLIN, { year: 2026, month: 3, day: 29, hour: 3, minute: 0, weekday: 0, isoDate: '2026-03-29' }],
    ['2026-11-01T05:30:00Z', NEW_YORK, { year: 2026, month: 11, day: 1, hour: 1, minute: 30, weekday: 0, isoDate: '2026-11-01' }],
    ['2026-11-01T06:30:00Z', NEW_YORK, { year: 2026, month: 11, day: 1, hour: 1, minute: 30, weekday: 0, isoDate: '2026-11-01' }],
    ['2026-01-01T18:29:00Z', KOLKATA, { year: 2026, month: 1, day: 1, hour: 23, minute: 59, weekday: 4, isoDate: '2026-01-01' }],
    ['2026-01-01T18:30:00Z', KOLKATA, { year: 2026, month: 1, day: 2, hour: 0, minute: 0, weekday: 5, isoDate: '2026-01-02' }],
    ['2028-02-29T12:00:00Z', UTC, { year: 2028, month: 2, day: 29, hour: 12, minute: 0, weekday: 2, isoDate: '2028-02-29' }],
  ])('%s in %s', (iso, tz, expected) => {
    expect(localParts(new Date(iso), tz)).toEqual(expected);
  });

  it('throws for an unknown zone', () => {
    expect(() => localParts(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('localDateTimeToInstant', () => {
  it.each<[string, string, string, LocalTime, string]>([
    ['Berlin winter', BERLIN, '2026-01-15', at(9), '2026-01-15T08:00:00.000Z'],
    ['Berlin summer', BERLIN, '2026-07-15', at(9), '2026-07-15T07:00:00.000Z'],
    ['Berlin just before the gap', BERLIN, '2026-03-29', at(1, 59), '2026-03-29T00:59:00.000Z'],
    ['Berlin gap 02:00 -> 03:00', BERLIN, '2026-03-29', at(2), '2026-03-29T01:00:00.000Z'],
    ['Berlin gap 02:30 -> 03:30', BERLIN, '2026-03-29', at(2, 30), '2026-03-29T01:30:00.000Z'],
    ['Berlin 03:00 after the gap', BERLIN, '2026-03-29', at(3), '2026-03-29T01:00:00.000Z'],
    ['Berlin overlap 02:30 takes the earlier (CEST)', BERLIN, '2026-10-25', at(2, 30), '2026-10-25T00:30:00.000Z'],
    ['Berlin 03:00 after the overlap', BERLIN, '2026-10-25', at(3), '2026-10-25T02:00:00.000Z'],
    ['New York gap 02:30 -> 03:30 EDT', NEW_YORK, '2026-03-08', at(2, 30), '2026-03-08T07:30:00.000Z'],
    ['New York overlap 01:30 takes the earlier (EDT)', NEW_YORK, '2026-11-01', at(1, 30), '2026-11-01T05:30:00.000Z'],
    ['New York 09:00 after fall-back', NEW_YORK, '2026-11-01', at(9), '2026-11-01T14:00:00.000Z'],
    ['Kolkata (+05:30, no DST)', KOLKATA, '2026-03-29', at(9), '2026-03-29T03:30:00.000Z'],
    ['UTC leap day', UTC, '2028-02-29', at(23, 59), '2028-02-29T23:59:00.000Z'],
  ])('%s', (_name, tz, isoDate, time, expected) => {
    const [year = 0, month = 0, day = 0] = isoDate.split('-').map(Number);
    expect(localDateTimeToInstant({ year, month, day }, time, tz).toISOString()).toBe(expected);
  });

  it.each<[string, () => Date]>([
    ['unknown zone', () => localDateTimeToInstant({ year: 2026, month: 1, day: 1 }, at(9), 'Mars/Olympus')],
    ['30 February', () => localDateTimeToInstant({ year: 2026, month: 2, day: 30 }, at(9), BERLIN)],
    ['hour 24', () => localDateTimeToInstant({ year: 2026, month: 1, day: 1 }, at(24), BERLIN)],
  ])('throws for %s', (_name, run) => {
    expect(run).toThrow(RangeError);
  });
});

describe('nextOccurrence across DST changes', () => {
  it.each<[string, Cadence, string, string, string[]]>([
    [
      'Berlin daily 09:00 over spring-forward (08:00Z in winter, 07:00Z in summer)',
      daily(9), BERLIN, '2026-03-27T00:00:00Z',
      ['2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    ],
    [
      'Berlin daily 09:00 over fall-back',
      daily(9), BERLIN, '2026-10-23T12:00:00Z',
      ['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z'],
    ],
    [
      'Berlin daily 02:30 fires once on the spring-forward day, at 03:30 CEST',
      daily(2, 30), BERLIN, '2026-03-27T12:00:00Z',
      ['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    ],
    [
      'Berlin daily 02:30 fires once on the fall-back day, at the earlier (CEST) instant',
      daily(2, 30), BERLIN, '2026-10-23T12:00:00Z',
      ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
    ],
    [
      'New York daily 09:00 over spring-forward',
      daily(9), NEW_YORK, '2026-03-06T20:00:00Z',
      ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ],
    [
      'New York daily 09:00 over fall-back',
      daily(9), NEW_YORK, '2026-10-30T20:00:00Z',
      ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    ],
    [
      'New York daily 02:30 on spring-forward day fires at 03:30 EDT',
      daily(2, 30), NEW_YORK, '2026-03-06T20:00:00Z',
      ['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z'],
    ],
    [
      'New York daily 01:30 on fall-back day fires once, at 01:30 EDT',
      daily(1, 30), NEW_YORK, '2026-10-30T20:00:00Z',
      ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
    ],
    [
      'Kolkata daily 09:00 is always 03:30Z',
      daily(9), KOLKATA, '2026-03-28T03:30:00Z',
      ['2026-03-29T03:30:00.000Z', '2026-03-30T03:30:00.000Z'],
    ],
    [
      'Berlin cron every 30 min over spring-forward: each instant once, strictly increasing',
      cron('*/30 * * * *'), BERLIN, '2026-03-29T00:00:00Z',
      ['2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T02:00:00.000Z'],
    ],
    [
      'New York cron every 30 min over fall-back: the repeated hour fires only the first time',
      cron('*/30 * * * *'), NEW_YORK, '2026-11-01T04:00:00Z',
      ['2026-11-01T04:30:00.000Z', '2026-11-01T05:00:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-01T07:00:00.000Z'],
    ],
    [
      'Berlin cron 30 2 * * * fires once in the gap',
      cron('30 2 * * *'), BERLIN, '2026-03-28T12:00:00Z',
      ['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    ],
  ])('%s', (_name, cadence, tz, from, expected) => {
    expect(sequence(cadence, tz, from, expected.length)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['from just before', '2026-06-01T03:29:59.999Z', '2026-06-01T03:30:00.000Z'],
    ['from exactly the instant (strictly after)', '2026-06-01T03:30:00.000Z', '2026-06-02T03:30:00.000Z'],
    ['from a millisecond after', '2026-06-01T03:30:00.001Z', '2026-06-02T03:30:00.000Z'],
  ])('Kolkata daily 09:00 %s', (_name, from, expected) => {
    expect(nextOccurrence(daily(9), KOLKATA, new Date(from)).toISOString()).toBe(expected);
  });

  it.each<[string, Cadence, string, Record<string, string>]>([
    ['daily 09:00 in Berlin', daily(9), BERLIN, {}],
    ['daily 02:30 in Berlin (gap day fires at 03:30)', daily(2, 30), BERLIN, { '2026-03-29': '03:30' }],
    ['daily 02:30 in New York (gap day fires at 03:30)', daily(2, 30), NEW_YORK, { '2026-03-08': '03:30' }],
    ['daily 01:30 in New York (overlap day fires once)', daily(1, 30), NEW_YORK, {}],
  ])('400 calls of %s give consecutive local dates, each once', (_name, cadence, tz, shifted) => {
    const wallClock = cadence.kind === 'daily' ? `${String(cadence.time.hour).padStart(2, '0')}:${String(cadence.time.minute).padStart(2, '0')}` : '';
    const results = sequence(cadence, tz, '2025-12-20T12:00:00Z', 400).map((iso) => localParts(new Date(iso), tz));
    const dayMs = 24 * 60 * 60 * 1000;
    results.forEach((parts, index) => {
      const time = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
      expect([parts.isoDate, time]).toEqual([parts.isoDate, shifted[parts.isoDate] ?? wallClock]);
      const previous = results[index - 1];
      if (previous) expect([parts.isoDate, Date.parse(parts.isoDate) - Date.parse(previous.isoDate)]).toEqual([parts.isoDate, dayMs]);
    });
    expect(results[0]?.isoDate).toBe('2025-12-21');
    expect(results[399]?.isoDate).toBe('2027-01-24');
  });
});

describe('nextOccurrence for each cadence kind', () => {
  it.each<[string, Cadence, string, string, string]>([
    // 2026-03-27 is a Friday.
    ['weekdays: Friday after 09:00 skips the weekend', { kind: 'weekdays', time: at(9) }, BERLIN, '2026-03-27T08:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['weekdays: Saturday -> Monday', { kind: 'weekdays', time: at(9) }, BERLIN, '2026-03-28T10:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['weekdays: Monday morning -> same day', { kind: 'weekdays', time: at(9) }, BERLIN, '2026-03-30T05:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['weekdays: Tuesday after 09:00 -> Wednesday', { kind: 'weekdays', time: at(9) }, BERLIN, '2026-03-31T09:00:00Z', '2026-04-01T07:00:00.000Z'],
    ['weekly Friday 15:00 from Wednesday', { kind: 'weekly', weekday: 5, time: at(15) }, BERLIN, '2026-04-01T00:00:00Z', '2026-04-03T13:00:00.000Z'],
    ['weekly Friday 15:00 from exactly that instant', { kind: 'weekly', weekday: 5, time: at(15) }, BERLIN, '2026-04-03T13:00:00Z', '2026-04-10T13:00:00.000Z'],
    ['weekly Friday 15:00 later the same Friday', { kind: 'weekly', weekday: 5, time: at(15) }, BERLIN, '2026-04-03T14:00:00Z', '2026-04-10T13:00:00.000Z'],
    ['weekly Sunday 10:00 in New York', { kind: 'weekly', weekday: 0, time: at(10) }, NEW_YORK, '2026-03-02T00:00:00Z', '2026-03-08T14:00:00.000Z'],
    ['biweekly Monday: anchor week', { kind: 'biweekly', weekday: 1, time: at(10), anchor: '2026-03-02' }, BERLIN, '2026-02-28T00:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['biweekly Monday: skips the odd week', { kind: 'biweekly', weekday: 1, time: at(10), anchor: '2026-03-02' }, BERLIN, '2026-03-02T09:00:00Z', '2026-03-16T09:00:00.000Z'],
    ['biweekly Monday: across spring-forward', { kind: 'biweekly', weekday: 1, time: at(10), anchor: '2026-03-02' }, BERLIN, '2026-03-16T09:00:00Z', '2026-03-30T08:00:00.000Z'],
    ['biweekly Monday: before the anchor, weeks count backwards too', { kind: 'biweekly', weekday: 1, time: at(10), anchor: '2026-03-02' }, BERLIN, '2026-02-03T00:00:00Z', '2026-02-16T09:00:00.000Z'],
    ['biweekly Friday with a Monday anchor fires in the anchor week', { kind: 'biweekly', weekday: 5, time: at(10), anchor: '2026-03-02' }, BERLIN, '2026-03-01T00:00:00Z', '2026-03-06T09:00:00.000Z'],
    ['biweekly Sunday anchored on a Sunday', { kind: 'biweekly', weekday: 0, time: at(10), anchor: '2026-03-08' }, BERLIN, '2026-03-08T09:00:00Z', '2026-03-22T09:00:00.000Z'],
    ['monthly 15th', { kind: 'monthly', dayOfMonth: 15, time: at(9) }, BERLIN, '2026-01-15T08:00:00Z', '2026-02-15T08:00:00.000Z'],
    ['monthly 31st in a 30-day month -> 30th', { kind: 'monthly', dayOfMonth: 31, time: at(9) }, BERLIN, '2026-04-01T00:00:00Z', '2026-04-30T07:00:00.000Z'],
    ['monthly 31st in February -> 28th', { kind: 'monthly', dayOfMonth: 31, time: at(9) }, BERLIN, '2026-02-01T00:00:00Z', '2026-02-28T08:00:00.000Z'],
    ['monthly 30th in a leap February -> 29th', { kind: 'monthly', dayOfMonth: 30, time: at(9) }, BERLIN, '2028-02-01T00:00:00Z', '2028-02-29T08:00:00.000Z'],
    ['monthly 31st after the 30-day fallback -> 31 May', { kind: 'monthly', dayOfMonth: 31, time: at(9) }, BERLIN, '2026-04-30T07:00:00Z', '2026-05-31T07:00:00.000Z'],
    ['monthly 1st at 00:00 in Kolkata', { kind: 'monthly', dayOfMonth: 1, time: at(0) }, KOLKATA, '2026-01-01T00:00:00Z', '2026-01-31T18:30:00.000Z'],
  ])('%s', (_name, cadence, tz, from, expected) => {
    expect(nextOccurrence(cadence, tz, new Date(from)).toISOString()).toBe(expected);
  });

  it('monthly 31st walks through the year on each month\'s last day or the 31st', () => {
    const dates = sequence({ kind: 'monthly', dayOfMonth: 31, time: at(9) }, BERLIN, '2026-01-01T00:00:00Z', 12).map(
      (iso) => localParts(new Date(iso), BERLIN).isoDate,
    );
    expect(dates).toEqual([
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30',
      '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31',
    ]);
  });

  it.each<[string, Cadence, string]>([
    ['unknown zone', daily(9), 'Mars/Olympus'],
    ['invalid time', daily(25), BERLIN],
    ['invalid cron', cron('0 9 31 2 *'), BERLIN],
    ['invalid anchor', { kind: 'biweekly', weekday: 1, time: at(9), anchor: '2026-02-30' }, BERLIN],
    ['monthly day 0', { kind: 'monthly', dayOfMonth: 0, time: at(9) }, BERLIN],
  ])('throws for %s', (_name, cadence, tz) => {
    expect(() => nextOccurrence(cadence, tz, new Date('2026-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('nextOccurrence for cron expressions', () => {
  it.each<[string, string, string, string, string]>([
    ['*/15 steps', '*/15 * * * *', UTC, '2026-01-01T00:07:00Z', '2026-01-01T00:15:00.000Z'],
    ['*/15 at the top of the hour', '*/15 * * * *', UTC, '2026-01-01T00:45:00Z', '2026-01-01T01:00:00.000Z'],
    ['range with step 10-50/10', '10-50/10 9 * * *', UTC, '2026-01-01T09:45:00Z', '2026-01-01T09:50:00.000Z'],
    ['range with step wraps to the next day', '10-50/10 9 * * *', UTC, '2026-01-01T09:50:00Z', '2026-01-02T09:10:00.000Z'],
    ['list of weekdays 1,3,5 from Tuesday', '0 9 * * 1,3,5', UTC, '2026-03-31T12:00:00Z', '2026-04-01T09:00:00.000Z'],
    ['weekday names mon-fri from Saturday', '0 9 * * mon-fri', UTC, '2026-03-28T12:00:00Z', '2026-03-30T09:00:00.000Z'],
    ['7 is Sunday', '0 9 * * 7', UTC, '2026-03-30T12:00:00Z', '2026-04-05T09:00:00.000Z'],
    ['range 5-7 includes Sunday', '0 9 * * 5-7', UTC, '2026-03-28T12:00:00Z', '2026-03-29T09:00:00.000Z'],
    ['month names', '0 9 1 jan,jul *', UTC, '2026-02-01T00:00:00Z', '2026-07-01T09:00:00.000Z'],
    ['hour list and minute range', '0-1 8,17 * * *', UTC, '2026-01-01T08:01:00Z', '2026-01-01T17:00:00.000Z'],
    ['dom and dow both restricted: either matches (the 10th, a Tuesday)', '0 9 10 * 5', UTC, '2026-03-07T12:00:00Z', '2026-03-10T09:00:00.000Z'],
    ['dom and dow both restricted: either matches (a Friday)', '0 9 10 * 5', UTC, '2026-03-10T09:00:00Z', '2026-03-13T09:00:00.000Z'],
    ['31 Feb OR Monday fires on Mondays', '0 9 31 2 mon', UTC, '2026-01-01T00:00:00Z', '2026-02-02T09:00:00.000Z'],
    ['dom starting with * means both must match (odd days that are Mondays)', '0 9 */2 * 1', UTC, '2026-03-01T00:00:00Z', '2026-03-09T09:00:00.000Z'],
    ['dow * with restricted dom', '0 9 13 * *', UTC, '2026-03-14T00:00:00Z', '2026-04-13T09:00:00.000Z'],
    ['next leap day', '0 9 29 2 *', UTC, '2026-03-01T00:00:00Z', '2028-02-29T09:00:00.000Z'],
    ['leap day skips 2100', '0 9 29 2 *', UTC, '2096-03-01T00:00:00Z', '2104-02-29T09:00:00.000Z'],
    ['evaluated in the schedule zone', '0 9 * * 1-5', BERLIN, '2026-03-27T08:00:00Z', '2026-03-30T07:00:00.000Z'],
    ['evaluated in Kolkata', '30 9 * * *', KOLKATA, '2026-01-01T00:00:00Z', '2026-01-01T04:00:00.000Z'],
  ])('%s: %s', (_name, expression, tz, from, expected) => {
    expect(nextOccurrence(cron(expression), tz, new Date(from)).toISOString()).toBe(expected);
  });

  it.each<[string, Cadence, string, string]>([
    ['cron leap day 8 years away', cron('0 9 29 2 *'), BERLIN, '2096-03-01T00:00:00Z'],
    ['cron every minute on a DST day', cron('* * * * *'), BERLIN, '2026-03-29T00:59:30Z'],
    ['cron weekly across DST', cron('0 2 * * 0'), BERLIN, '2026-03-22T12:00:00Z'],
    ['daily in a gap', daily(2, 30), BERLIN, '2026-03-28T02:00:00Z'],
    ['monthly 31st', { kind: 'monthly', dayOfMonth: 31, time: at(9) }, NEW_YORK, '2026-10-31T14:00:00Z'],
  ])('%s stays cheap (few Intl calls)', (_name, cadence, tz, from) => {
    const calls = countIntlCalls(() => nextOccurrence(cadence, tz, new Date(from)));
    expect(calls).toBeLessThan(200);
  });
});

describe('parseCron', () => {
  it.each<[string, Partial<ReturnType<typeof parseCron>>]>([
    ['0 9 * * 1-5', { expression: '0 9 * * 1-5', minutes: [0], hours: [9], weekdays: [1, 2, 3, 4, 5], dayOfMonthStar: true, weekdayStar: false }],
    ['  */20   8-10  *  *  * ', { expression: '*/20 8-10 * * *', minutes: [0, 20, 40], hours: [8, 9, 10] }],
    ['10-50/10 9 * * *', { minutes: [10, 20, 30, 40, 50] }],
    ['5/20 * * * *', { minutes: [5, 25, 45] }],
    ['0 9 * * 5-7', { weekdays: [0, 5, 6] }],
    ['0 9 * * 7', { weekdays: [0] }],
    ['0 9 * * */2', { weekdays: [0, 2, 4, 6] }],
    ['0 9 * * MON,wed,Fri', { weekdays: [1, 3, 5] }],
    ['0 9 1 jan-mar,DEC *', { months: [1, 2, 3, 12], daysOfMonth: [1] }],
    ['0 9 29 2 *', { daysOfMonth: [29], months: [2] }],
    ['0 9 31 2 1', { daysOfMonth: [31], weekdays: [1], dayOfMonthStar: false, weekdayStar: false }],
  ])('%p', (expression, expected) => {
    expect(parseCron(expression)).toMatchObject(expected);
  });

  it.each<[string, string, string]>([
    ['6 fields', '0 0 9 * * 1-5', 'Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported.'],
    ['4 fields', '0 9 * *', 'Cron expressions here have 5 fields (minute hour day month weekday), but this one has 4.'],
    ['empty', '   ', 'The cron expression is empty; it needs 5 fields (minute hour day month weekday).'],
    ['shortcut', '@daily', 'Cron shortcuts like @daily are not supported; write the 5 fields (minute hour day month weekday).'],
    ['minute 60', '60 9 * * *', 'The minute field allows 0-59, but got 60.'],
    ['hour 24', '0 24 * * *', 'The hour field allows 0-23, but got 24.'],
    ['day 0', '0 9 0 * *', 'The day-of-month field allows 1-31, but got 0.'],
    ['month 13', '0 9 1 13 *', 'The month field allows 1-12 or jan-dec, but got 13.'],
    ['weekday 8', '0 9 * * 8', 'The weekday field allows 0-7 (0 and 7 are Sunday) or sun-sat, but got 8.'],
    ['unknown name', '0 9 * * funday', 'The weekday field has "funday", which is not a value; it allows 0-7 (0 and 7 are Sunday) or sun-sat.'],
    ['month name in weekday field', '0 9 * * jan', 'The weekday field has "jan", which is not a value; it allows 0-7 (0 and 7 are Sunday) or sun-sat.'],
    ['backwards range', '0 9 * * 5-1', 'The range 5-1 in the weekday field runs backwards; write the smaller value first.'],
    ['zero step', '*/0 * * * *', 'The step in "*/0" (minute field) must be 1 or more.'],
    ['garbage', '0 9 ? * *', 'Could not read "?" in the day-of-month field; use numbers, ranges (1-5), lists (1,3,5) or steps (*/15).'],
    ['empty list item', '0,,30 9 * * *', 'Could not read "" in the minute field; use numbers, ranges (1-5), lists (1,3,5) or steps (*/15).'],
    ['Feb 31', '0 9 31 2 *', 'That cron expression never fires (there is no such date).'],
    ['Feb 30', '0 9 30 2 *', 'That cron expression never fires (there is no such date).'],
    ['31st of April and June', '0 9 31 4,6 *', 'That cron expression never fires (there is no such date).'],
  ])('%s: %p', (_name, expression, error) => {
    expect(parseCron(expression)).toEqual({ error });
  });
});

describe('describeCadence', () => {
  it.each<[Cadence, string]>([
    [daily(9), 'every day at 09:00'],
    [{ kind: 'weekdays', time: at(9) }, 'every weekday at 09:00'],
    [{ kind: 'weekly', weekday: 5, time: at(15) }, 'every Friday at 15:00'],
    [{ kind: 'biweekly', weekday: 1, time: at(10), anchor: '2026-03-02' }, 'every other Monday at 10:00'],
    [{ kind: 'monthly', dayOfMonth: 15, time: at(9) }, 'monthly on day 15 at 09:00'],
    [{ kind: 'monthly', dayOfMonth: 31, time: at(9, 5) }, 'monthly on day 31 (or the last day of shorter months) at 09:05'],
    [cron('0 9 * * 1-5'), 'cron `0 9 * * 1-5`'],
    [cron('  0  9 * *   1-5 '), 'cron `0 9 * * 1-5`'],
  ])('%p -> %p', (cadence, expected) => {
    expect(describeCadence(cadence)).toBe(expected);
  });
});

describe('parseCadenceText', () => {
  // A Wednesday: 13:00 in Berlin, 08:00 in New York, 01:00 on Thursday in Auckland.
  const defaults = { timeZone: BERLIN, now: new Date('2026-03-25T12:00:00Z') };

  it.each<[string, ReturnType<typeof parseCadenceText>]>([
    ['daily 09:00', { cadence: daily(9), timeZone: BERLIN }],
    ['Daily 9am America/New_York', { cadence: daily(9), timeZone: NEW_YORK }],
    ['daily 09:00 europe/berlin', { cadence: daily(9), timeZone: BERLIN }],
    ['daily 09:00 Asia/Kolkata', { cadence: daily(9), timeZone: KOLKATA }],
    ['weekdays 9:00', { cadence: { kind: 'weekdays', time: at(9) }, timeZone: BERLIN }],
    ['weekdays 9:00 UTC', { cadence: { kind: 'weekdays', time: at(9) }, timeZone: UTC }],
    ['weekly fri 15:00', { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }],
    ['weekly Friday 3pm Europe/Berlin', { cadence: { kind: 'weekly', weekday: 5, time: at(15) }, timeZone: BERLIN }],
    ['biweekly mon 10:00', { cadence: { kind: 'biweekly', weekday: 1, time: at(10), anchor: '2026-03-30' }, timeZone: BERLIN }],
    ['biweekly wed 10:00', { cadence: { kind: 'biweekly', weekday: 3, time: at(10), anchor: '2026-03-25' }, timeZone: BERLIN }],
    ['every-two-weeks tue 10:00', { cadence: { kind: 'biweekly', weekday: 2, time: at(10), anchor: '2026-03-31' }, timeZone: BERLIN }],
    ['fortnightly thu 10:00 Pacific/Auckland', { cadence: { kind: 'biweekly', weekday: 4, time: at(10), anchor: '2026-03-26' }, timeZone: 'Pacific/Auckland' }],
    ['monthly 15 09:00', { cadence: { kind: 'monthly', dayOfMonth: 15, time: at(9) }, timeZone: BERLIN }],
    ['monthly 31st 09:00 America/New_York', { cadence: { kind: 'monthly', dayOfMonth: 31, time: at(9) }, timeZone: NEW_YORK }],
    ['monthly 1 0:00', { cadence: { kind: 'monthly', dayOfMonth: 1, time: at(0) }, timeZone: BERLIN }],
  ])('%p', (text, expected) => {
    expect(parseCadenceText(text.split(' '), defaults)).toEqual(expected);
  });

  it.each<[string, string[], ReturnType<typeof parseCadenceText>]>([
    ['quoted cron', ['0 9 * * 1-5'], { cadence: cron('0 9 * * 1-5'), timeZone: BERLIN }],
    ['quoted cron with zone', ['0 9 * * 1-5', 'America/New_York'], { cadence: cron('0 9 * * 1-5'), timeZone: NEW_YORK }],
    ['quoted cron, extra spaces normalised', ['  0  9 * * mon '], { cadence: cron('0 9 * * mon'), timeZone: BERLIN }],
    ['unquoted cron', ['*/30', '9-17', '*', '*', '1-5'], { cadence: cron('*/30 9-17 * * 1-5'), timeZone: BERLIN }],
    ['unquoted cron with zone', ['0', '9', '*', '*', '1-5', 'UTC'], { cadence: cron('0 9 * * 1-5'), timeZone: UTC }],
  ])('%s', (_name, words, expected) => {
    expect(parseCadenceText(words, defaults)).toEqual(expected);
  });

  it.each<[string, string[], string]>([
    ['nothing', [], 'Say when to post. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['unknown cadence', ['hourly'], 'Unknown cadence "hourly". Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['time first', ['09:00', 'daily'], 'Start with how often to post, before the time. Try: /learnloop prompts add daily 09:00 Europe/Berlin'],
    ['daily without a time', ['daily'], '"daily" needs a time of day. Try: /learnloop prompts add daily 09:00 Europe/Berlin'],
    ['weekdays without a time', ['weekdays'], '"weekdays" needs a time of day. Try: /learnloop prompts add weekdays 09:00 Europe/Berlin'],
    ['bad time', ['daily', '25:00'], '"25:00" is not a time of day. Use a time like 15:00 or 3pm.'],
    ['bad minutes', ['weekly', 'fri', '12:60'], '"12:60" is not a time of day. Use a time like 15:00 or 3pm.'],
    ['bad time word', ['weekdays', 'morning'], '"morning" is not a time of day. Use a time like 15:00 or 3pm.'],
    ['unknown zone', ['daily', '09:00', 'Mars/Base'], 'Unknown time zone "Mars/Base". Use an IANA name such as Europe/Berlin or America/New_York.'],
    ['too many words', ['daily', '09:00', 'Europe/Berlin', 'please'], 'Too many words: "please" after the time zone. Try: /learnloop prompts add daily 09:00 Europe/Berlin'],
    ['weekly without a weekday', ['weekly', '15:00'], '"weekly" needs a weekday before the time. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['weekly with nothing', ['weekly'], '"weekly" needs a weekday before the time. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['weekly with a bad weekday', ['weekly', 'fryday', '15:00'], '"fryday" is not a weekday. Use mon, tue, wed, thu, fri, sat or sun, e.g. /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['weekly without a time', ['weekly', 'fri'], '"weekly fri" needs a time of day. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['weekly too many words', ['weekly', 'fri', '15:00', 'UTC', 'and', 'more'], 'Too many words: "and more" after the time zone. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['biweekly without a weekday', ['fortnightly', '10:00'], '"fortnightly" needs a weekday before the time. Try: /learnloop prompts add biweekly mon 10:00 Europe/Berlin'],
    ['biweekly unknown zone', ['biweekly', 'mon', '10:00', 'Berlin'], 'Unknown time zone "Berlin". Use an IANA name such as Europe/Berlin or America/New_York.'],
    ['monthly without a day', ['monthly', '09:00'], '"monthly" needs a day of the month (1-31) before the time. Try: /learnloop prompts add monthly 15 09:00 Europe/Berlin'],
    ['monthly day 32', ['monthly', '32', '09:00'], 'Day of month must be a number from 1 to 31, not "32". Try: /learnloop prompts add monthly 15 09:00 Europe/Berlin'],
    ['monthly day 0', ['monthly', '0', '09:00'], 'Day of month must be a number from 1 to 31, not "0". Try: /learnloop prompts add monthly 15 09:00 Europe/Berlin'],
    ['monthly day word', ['monthly', 'last', '09:00'], 'Day of month must be a number from 1 to 31, not "last". Try: /learnloop prompts add monthly 15 09:00 Europe/Berlin'],
    ['monthly without a time', ['monthly', '15'], '"monthly 15" needs a time of day. Try: /learnloop prompts add monthly 15 09:00 Europe/Berlin'],
    ['cron with seconds', ['0 0 9 * * 1-5'], 'Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported. Example: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin'],
    ['cron minute 60', ['60 9 * * *'], 'The minute field allows 0-59, but got 60. Example: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin'],
    ['cron Feb 31', ['0 9 31 2 *'], 'That cron expression never fires (there is no such date). Example: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin'],
    ['unquoted cron, too few fields', ['0', '9', '*', '*'], 'Cron expressions here have 5 fields (minute hour day month weekday), but this one has 4. Example: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin'],
    ['cron unknown zone', ['0 9 * * 1-5', 'Mars/Base'], 'Unknown time zone "Mars/Base". Use an IANA name such as Europe/Berlin or America/New_York.'],
    ['cron too many words', ['0 9 * * 1-5', 'UTC', 'extra'], 'Too many words: "extra" after the time zone. Try: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin'],
  ])('%s', (_name, words, error) => {
    expect(parseCadenceText(words, defaults)).toEqual({ error });
  });

  it('reports an invalid default zone like a typed one', () => {
    expect(parseCadenceText(['daily', '09:00'], { ...defaults, timeZone: 'Mars/Base' })).toEqual({
      error: 'Unknown time zone "Mars/Base". Use an IANA name such as Europe/Berlin or America/New_York.',
    });
  });

  it('a parsed biweekly cadence first fires on its anchor date when the time is still ahead', () => {
    const parsed = parseCadenceText(['biweekly', 'wed', '15:00'], defaults);
    if ('error' in parsed) throw new Error(parsed.error);
    const first = nextOccurrence(parsed.cadence, parsed.timeZone, defaults.now);
    expect(first.toISOString()).toBe('2026-03-25T14:00:00.000Z');
    expect(nextOccurrence(parsed.cadence, parsed.timeZone, first).toISOString()).toBe('2026-04-08T13:00:00.000Z');
  });
});

describe('cadenceCommandWords', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it.each<[Cadence, string]>([
    [{ kind: 'daily', time: { hour: 9, minute: 5 } }, 'daily 09:05 Europe/Berlin'],
    [{ kind: 'weekdays', time: { hour: 9, minute: 0 } }, 'weekdays 09:00 Europe/Berlin'],
    [{ kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, 'weekly fri 15:00 Europe/Berlin'],
    [{ kind: 'biweekly', weekday: 1, time: { hour: 10, minute: 0 }, anchor: '2026-11-23' }, 'biweekly mon 10:00 Europe/Berlin'],
    [{ kind: 'monthly', dayOfMonth: 31, time: { hour: 9, minute: 0 } }, 'monthly 31 09:00 Europe/Berlin'],
    [{ kind: 'cron', expression: '0 9 * * 1-5' }, '"0 9 * * 1-5" Europe/Berlin'],
  ])('writes %j as words that parse back to it', (cadence, words) => {
    expect(cadenceCommandWords(cadence, 'Europe/Berlin')).toBe(words);
    const [first, ...rest] = words.startsWith('"') ? [words.slice(1, words.lastIndexOf('"')), words.slice(words.lastIndexOf('"') + 2)] : words.split(' ');
    const parsed = parseCadenceText([first!, ...rest.flatMap((w) => w.split(' '))], { timeZone: 'UTC', now });
    expect(parsed).toEqual({ cadence: cadence.kind === 'biweekly' ? { ...cadence, anchor: '2026-11-23' } : cadence, timeZone: 'Europe/Berlin' });
  });
});

describe('nthWeekdayOfMonth', () => {
  it.each([
    [2026, 12, 1, 1, '2026-12-07'], // the first Monday of December 2026
    [2026, 12, 1, 5, '2026-12-28'], // its last Monday
    [2026, 2, 0, 4, '2026-02-22'],
    [2027, 1, 5, 1, '2027-01-01'], // a month starting on the weekday asked for
    [2024, 2, 4, 5, '2024-02-29'], // the last Thursday of a leap February is its 29th
  ])('%i-%i: weekday %i, nth %i is %s', (year, month, weekday, nth, iso) => {
    const date = nthWeekdayOfMonth(year, month, weekday as 0, nth);
    expect(`${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`).toBe(iso);
  });

  it('refuses an nth outside 1 to 5', () => {
    expect(() => nthWeekdayOfMonth(2026, 12, 1, 0)).toThrow(RangeError);
    expect(() => nthWeekdayOfMonth(2026, 12, 1, 6)).toThrow(RangeError);
  });
});

describe('timeZoneFrom', () => {
  it('spells a zone the usual way, falls back without one and names an unknown one', () => {
    expect(timeZoneFrom('europe/paris', 'UTC')).toEqual({ timeZone: 'Europe/Paris' });
    expect(timeZoneFrom(undefined, 'Europe/Berlin')).toEqual({ timeZone: 'Europe/Berlin' });
    expect(timeZoneFrom('Mars/Olympus', 'UTC')).toEqual({ error: expect.stringContaining('Unknown time zone "Mars/Olympus"') });
  });
});
