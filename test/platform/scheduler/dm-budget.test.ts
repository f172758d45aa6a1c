import {
  BudgetDecision,
  decideDm,
  isAwayStatus,
  isQuietHour,
  localDayBounds,
  nextAllowedTime,
  parseQuietCommand,
  Recipient,
} from '../../../src/platform/scheduler/dm-budget';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

const at = (iso: string) => new Date(iso);
const person = (timeZone: string, extra: Partial<Recipient> = {}): Recipient => ({
  timeZone,
  sentTodayCount: 0,
  ...extra,
});

describe('decideDm: quiet hours', () => {
  // Berlin is UTC+1 in winter (CET); New York is UTC-5 in winter (EST).
  it.each<[string, string, string, BudgetDecision]>([
    ['Berlin 18:59', BERLIN, '2026-01-15T17:59:00Z', { kind: 'send' }],
    ['Berlin 19:00', BERLIN, '2026-01-15T18:00:00Z', { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin 23:30', BERLIN, '2026-01-15T22:30:00Z', { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin 00:00', BERLIN, '2026-01-15T23:00:00Z', { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin 07:59', BERLIN, '2026-01-16T06:59:00Z', { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin 08:00', BERLIN, '2026-01-16T07:00:00Z', { kind: 'send' }],
    ['New York 18:59', NEW_YORK, '2026-01-15T23:59:00Z', { kind: 'send' }],
    ['New York 19:00', NEW_YORK, '2026-01-16T00:00:00Z', { kind: 'defer', until: at('2026-01-16T13:00:00Z'), reason: 'quiet_hours' }],
    ['New York 07:59', NEW_YORK, '2026-01-16T12:59:00Z', { kind: 'defer', until: at('2026-01-16T13:00:00Z'), reason: 'quiet_hours' }],
    ['New York 08:00', NEW_YORK, '2026-01-16T13:00:00Z', { kind: 'send' }],
    // Berlin springs forward on 2026-03-29 (02:00 CET -> 03:00 CEST): 08:00 is then 06:00Z.
    ['Berlin evening before spring DST', BERLIN, '2026-03-28T19:30:00Z', { kind: 'defer', until: at('2026-03-29T06:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin inside the skipped night', BERLIN, '2026-03-29T01:30:00Z', { kind: 'defer', until: at('2026-03-29T06:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin 07:59 CEST on DST day', BERLIN, '2026-03-29T05:59:00Z', { kind: 'defer', until: at('2026-03-29T06:00:00Z'), reason: 'quiet_hours' }],
    ['Berlin 08:00 CEST on DST day', BERLIN, '2026-03-29T06:00:00Z', { kind: 'send' }],
    ['Berlin 18:59 CEST on DST day', BERLIN, '2026-03-29T16:59:00Z', { kind: 'send' }],
    ['Berlin 19:00 CEST on DST day', BERLIN, '2026-03-29T17:00:00Z', { kind: 'defer', until: at('2026-03-30T06:00:00Z'), reason: 'quiet_hours' }],
    // Berlin falls back on 2026-10-25 (03:00 CEST -> 02:00 CET): 08:00 is then 07:00Z.
    ['Berlin evening before autumn DST', BERLIN, '2026-10-24T18:00:00Z', { kind: 'defer', until: at('2026-10-25T07:00:00Z'), reason: 'quiet_hours' }],
    // New York springs forward on 2026-03-08.
    ['New York evening before spring DST', NEW_YORK, '2026-03-08T01:00:00Z', { kind: 'defer', until: at('2026-03-08T12:00:00Z'), reason: 'quiet_hours' }],
  ])('%s', (_label, timeZone, now, expected) => {
    expect(decideDm(person(timeZone), at(now))).toEqual(expected);
  });

  it.each<[string, number, number, number, boolean]>([
    ['wrapping window, late evening', 22, 19, 8, true],
    ['wrapping window, midday', 12, 19, 8, false],
    ['non-wrapping window inside', 13, 12, 14, true],
    ['non-wrapping window at end', 14, 12, 14, false],
    ['equal start and end means no quiet hours', 3, 8, 8, false],
  ])('isQuietHour: %s', (_label, hour, start, end, expected) => {
    expect(isQuietHour(hour, start, end)).toBe(expected);
  });

  it.each<[string, string, { quietStart?: number; quietEnd?: number }, string]>([
    ['outside quiet hours returns the same instant', '2026-01-15T10:00:00Z', {}, '2026-01-15T10:00:00Z'],
    ['inside quiet hours moves to 08:00', '2026-01-15T20:00:00Z', {}, '2026-01-16T07:00:00Z'],
    ['custom window 22-07', '2026-01-15T22:00:00Z', { quietStart: 22, quietEnd: 7 }, '2026-01-16T06:00:00Z'],
    ['custom window, not quiet at 21:00', '2026-01-15T20:00:00Z', { quietStart: 22, quietEnd: 7 }, '2026-01-15T20:00:00Z'],
  ])('nextAllowedTime (Berlin): %s', (_label, from, quiet, expected) => {
    expect(nextAllowedTime(at(from), BERLIN, quiet)).toEqual(at(expected));
  });
});

describe('decideDm: daily limit', () => {
  it.each<[string, number, Parameters<typeof decideDm>[2], BudgetDecision]>([
    ['2 sent, limit 3', 2, {}, { kind: 'send' }],
    ['3 sent, limit 3', 3, {}, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'daily_limit' }],
    ['4 sent, limit 3', 4, {}, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'daily_limit' }],
    ['3 sent, limit 5', 3, { dailyLimit: 5 }, { kind: 'send' }],
    ['3 sent, only useful today', 3, { onlyUsefulOnDay: true }, { kind: 'drop', reason: 'daily_limit' }],
    ['2 sent, only useful today', 2, { onlyUsefulOnDay: true }, { kind: 'send' }],
  ])('Berlin 10:00: %s', (_label, sentTodayCount, options, expected) => {
    expect(decideDm(person(BERLIN, { sentTodayCount }), at('2026-01-15T09:00:00Z'), options)).toEqual(expected);
  });

  it('the next-day 08:00 follows DST (limit hit on the day before Berlin springs forward)', () => {
    expect(decideDm(person(BERLIN, { sentTodayCount: 3 }), at('2026-03-28T12:00:00Z'))).toEqual({
      kind: 'defer',
      until: at('2026-03-29T06:00:00Z'),
      reason: 'daily_limit',
    });
  });

  it.each<[string, Parameters<typeof decideDm>[2]]>([
    ['negative limit', { dailyLimit: -1 }],
    ['fractional limit', { dailyLimit: 1.5 }],
    ['quietStart 24', { quietStart: 24 }],
    ['quietEnd -1', { quietEnd: -1 }],
  ])('rejects bad options: %s', (_label, options) => {
    expect(() => decideDm(person(BERLIN), at('2026-01-15T09:00:00Z'), options)).toThrow(RangeError);
  });
});

describe('isAwayStatus', () => {
  it.each<[string | null | undefined, string | null | undefined, boolean]>([
    [':palm_tree:', '', true],
    [':airplane:', null, true],
    [':airplane_departure:', undefined, true],
    [':desert_island:', 'Back soon', true],
    ['palm_tree', null, true],
    [' :PALM_TREE: ', null, true],
    ['🌴', null, true],
    [':house_with_garden:', 'Working remotely', false],
    [':spiral_calendar_pad:', 'In a meeting', false],
    [null, 'On vacation', true],
    [null, 'OOO until Monday', true],
    [null, 'ooo', true],
    [null, 'Out of office', true],
    [null, 'out-of-office till 3rd', true],
    [null, 'parental leave', true],
    [null, 'On leave', true],
    [null, 'PTO', true],
    [null, 'pto (back Tue)', true],
    [null, 'Holiday!', true],
    [null, 'Bank holidays', true],
    [null, 'sleeve design', false],
    [null, 'leaves review', false],
    [null, 'working from home', false],
    [null, 'Photo shoot', false],
    [null, 'Optometrist', false],
    [null, 'Booking the holidayinn', false],
    [null, '', false],
    [undefined, undefined, false],
  ])('emoji %p, text %p -> %p', (emoji, text, expected) => {
    expect(isAwayStatus(emoji, text)).toBe(expected);
  });
});

describe('decideDm: away and muted', () => {
  const noon = at('2026-01-15T11:00:00Z'); // 12:00 in Berlin

  it.each<[string, Partial<Recipient>, Parameters<typeof decideDm>[2], BudgetDecision]>([
    ['away by emoji, no expiration: look again next morning', { statusEmoji: ':palm_tree:' }, {}, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'away' }],
    ['away until 15:00 today', { statusText: 'OOO', statusExpiration: at('2026-01-15T14:00:00Z') }, {}, { kind: 'defer', until: at('2026-01-15T14:00:00Z'), reason: 'away' }],
    ['away until 22:00 today: bumped out of quiet hours', { statusText: 'OOO', statusExpiration: at('2026-01-15T21:00:00Z') }, {}, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'away' }],
    ['away until 15:00, only useful today: still deferred', { statusText: 'PTO', statusExpiration: at('2026-01-15T14:00:00Z') }, { onlyUsefulOnDay: true }, { kind: 'defer', until: at('2026-01-15T14:00:00Z'), reason: 'away' }],
    ['away for a week, only useful today: dropped', { statusText: 'On vacation', statusExpiration: at('2026-01-22T14:00:00Z') }, { onlyUsefulOnDay: true }, { kind: 'drop', reason: 'away' }],
    ['away status already expired: sent', { statusEmoji: ':airplane:', statusExpiration: at('2026-01-15T10:00:00Z') }, {}, { kind: 'send' }],
    ['not an away status', { statusText: 'working from home', statusEmoji: ':house:' }, {}, { kind: 'send' }],
    ['muted until 14:00 today', { mutedUntil: at('2026-01-15T13:00:00Z') }, {}, { kind: 'defer', until: at('2026-01-15T13:00:00Z'), reason: 'muted' }],
    ['muted until 21:00: bumped out of quiet hours', { mutedUntil: at('2026-01-15T20:00:00Z') }, {}, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'muted' }],
    ['muted until tomorrow, only useful today', { mutedUntil: at('2026-01-16T09:00:00Z') }, { onlyUsefulOnDay: true }, { kind: 'drop', reason: 'muted' }],
    ['mute expired exactly now', { mutedUntil: noon }, {}, { kind: 'send' }],
    ['mute in the past', { mutedUntil: at('2026-01-01T00:00:00Z') }, {}, { kind: 'send' }],
    ['muted beats away', { mutedUntil: at('2026-01-15T13:00:00Z'), statusText: 'OOO' }, {}, { kind: 'defer', until: at('2026-01-15T13:00:00Z'), reason: 'muted' }],
    ['away beats daily limit', { statusText: 'OOO', sentTodayCount: 5 }, {}, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'away' }],
  ])('Berlin noon: %s', (_label, extra, options, expected) => {
    expect(decideDm(person(BERLIN, extra), noon, options)).toEqual(expected);
  });

  it.each<[string, string, Partial<Recipient>, BudgetDecision]>([
    ['away at 03:00 is re-checked at 08:00 the same morning', '2026-01-15T02:00:00Z', { statusText: 'OOO' }, { kind: 'defer', until: at('2026-01-15T07:00:00Z'), reason: 'away' }],
    ['away beats quiet hours', '2026-01-15T20:00:00Z', { statusText: 'OOO' }, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'away' }],
    ['quiet hours beat the daily limit', '2026-01-15T20:00:00Z', { sentTodayCount: 3 }, { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'quiet_hours' }],
  ])('Berlin: %s', (_label, now, extra, expected) => {
    expect(decideDm(person(BERLIN, extra), at(now))).toEqual(expected);
  });
});

describe('decideDm: onlyUsefulOnDay in quiet hours', () => {
  it.each<[string, string, BudgetDecision]>([
    ['07:00 can still go out at 08:00 today', '2026-01-15T06:00:00Z', { kind: 'defer', until: at('2026-01-15T07:00:00Z'), reason: 'quiet_hours' }],
    ['20:00 would only go out tomorrow', '2026-01-15T19:00:00Z', { kind: 'drop', reason: 'quiet_hours' }],
    ['23:59 would only go out tomorrow', '2026-01-15T22:59:00Z', { kind: 'drop', reason: 'quiet_hours' }],
    ['00:30 can go out at 08:00 the same local day', '2026-01-15T23:30:00Z', { kind: 'defer', until: at('2026-01-16T07:00:00Z'), reason: 'quiet_hours' }],
  ])('Berlin %s', (_label, now, expected) => {
    expect(decideDm(person(BERLIN), at(now), { onlyUsefulOnDay: true })).toEqual(expected);
  });
});

describe('parseQuietCommand', () => {
  const now = at('2026-11-17T09:30:15.250Z'); // 10:30:15 in Berlin
  const tryThis = 'Try /learnloop quiet 3d, /learnloop quiet until 2026-12-01 or /learnloop quiet off.';

  it.each<[string, ReturnType<typeof parseQuietCommand>]>([
    ['3d', { kind: 'mute', until: at('2026-11-20T09:30:15.250Z') }],
    ['12h', { kind: 'mute', until: at('2026-11-17T21:30:15.250Z') }],
    ['1w', { kind: 'mute', until: at('2026-11-24T09:30:15.250Z') }],
    ['2 days', { kind: 'mute', until: at('2026-11-19T09:30:15.250Z') }],
    ['1 day', { kind: 'mute', until: at('2026-11-18T09:30:15.250Z') }],
    ['2 weeks', { kind: 'mute', until: at('2026-12-01T09:30:15.250Z') }],
    ['  3D  ', { kind: 'mute', until: at('2026-11-20T09:30:15.250Z') }],
    ['quiet 3d', { kind: 'mute', until: at('2026-11-20T09:30:15.250Z') }],
    ['/learnloop quiet 12h', { kind: 'mute', until: at('2026-11-17T21:30:15.250Z') }],
    ['365d', { kind: 'mute', until: at('2027-11-17T09:30:15.250Z') }],
    ['8760h', { kind: 'mute', until: at('2027-11-17T09:30:15.250Z') }],
    ['52w', { kind: 'mute', until: at('2027-11-16T09:30:15.250Z') }],
    // Whole given day is quiet: unmute at Berlin midnight starting 2026-12-02 (23:00Z).
    ['until 2026-12-01', { kind: 'mute', until: at('2026-12-01T23:00:00Z') }],
    ['until 2026-11-17', { kind: 'mute', until: at('2026-11-17T23:00:00Z') }],
    ['UNTIL   2027-11-17', { kind: 'mute', until: at('2027-11-17T23:00:00Z') }],
    ['off', { kind: 'off' }],
    ['OFF', { kind: 'off' }],
    ['quiet off', { kind: 'off' }],
    ['', { error: `Say how long Learnloop should stay quiet. ${tryThis}` }],
    ['quiet', { error: `Say how long Learnloop should stay quiet. ${tryThis}` }],
    ['3x', { error: `"3x" is not a duration. ${tryThis}` }],
    ['soon', { error: `"soon" is not a duration. ${tryThis}` }],
    ['-3d', { error: `"-3d" is not a duration. ${tryThis}` }],
    ['1.5d', { error: `"1.5d" is not a duration. ${tryThis}` }],
    ['3d 2h', { error: `"3d 2h" is not a duration. ${tryThis}` }],
    ['🌴', { error: `"🌴" is not a duration. ${tryThis}` }],
    ['0d', { error: `"0d" is too short; quiet lasts at least 1 hour. ${tryThis}` }],
    ['366d', { error: `"366d" is longer than 365 days. ${tryThis}` }],
    ['53w', { error: `"53w" is longer than 365 days. ${tryThis}` }],
    ['8761h', { error: `"8761h" is longer than 365 days. ${tryThis}` }],
    ['until', { error: `"until" needs a date. ${tryThis}` }],
    ['until tomorrow', { error: `"tomorrow" is not a date in the form YYYY-MM-DD. ${tryThis}` }],
    ['until 2026-12-1', { error: `"2026-12-1" is not a date in the form YYYY-MM-DD. ${tryThis}` }],
    ['until 2027-02-30', { error: `"2027-02-30" is not a date in the form YYYY-MM-DD. ${tryThis}` }],
    ['until 2026-11-16', { error: `2026-11-16 is in the past. ${tryThis}` }],
    ['until 2027-11-18', { error: `2027-11-18 is more than 365 days away. ${tryThis}` }],
  ])('%p', (text, expected) => {
    expect(parseQuietCommand(text, now, BERLIN)).toEqual(expected);
  });

  it('keeps the wall-clock time for day durations across DST (Berlin, 2026-03-29)', () => {
    // 10:00 CET on Friday -> 10:00 CEST on Monday, which is only 71 hours later.
    expect(parseQuietCommand('3d', at('2026-03-27T09:00:00Z'), BERLIN)).toEqual({
      kind: 'mute',
      until: at('2026-03-30T08:00:00Z'),
    });
  });

  it('suggests an example date that is never in the past', () => {
    const result = parseQuietCommand('nope', at('2030-06-01T12:00:00Z'), NEW_YORK);
    expect(result).toEqual({ error: expect.stringContaining('/learnloop quiet until 2030-06-15 ') });
  });
});

describe('localDayBounds', () => {
  it.each<[string, string, string, string, string]>([
    ['Berlin winter midday', BERLIN, '2026-01-15T12:00:00Z', '2026-01-14T23:00:00Z', '2026-01-15T23:00:00Z'],
    ['Berlin just after local midnight', BERLIN, '2026-01-15T23:00:00Z', '2026-01-15T23:00:00Z', '2026-01-16T23:00:00Z'],
    ['New York late evening is still the previous UTC day', NEW_YORK, '2026-01-16T03:00:00Z', '2026-01-15T05:00:00Z', '2026-01-16T05:00:00Z'],
    // 23-hour day: Berlin springs forward on 2026-03-29.
    ['Berlin spring DST day', BERLIN, '2026-03-29T10:00:00Z', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'],
    // 25-hour day: Berlin falls back on 2026-10-25.
    ['Berlin autumn DST day', BERLIN, '2026-10-25T10:00:00Z', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'],
    // Santiago skips local midnight on 2026-09-06: the day starts at 01:00 (-03).
    ['Santiago day without a midnight', 'America/Santiago', '2026-09-06T15:00:00Z', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z'],
  ])('%s', (_label, timeZone, now, start, end) => {
    expect(localDayBounds(at(now), timeZone)).toEqual({ start: at(start), end: at(end) });
  });
});
