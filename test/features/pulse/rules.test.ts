import {
  DEFAULT_STATEMENTS,
  describeSchedule,
  lowestStatement,
  nextPulseAt,
  parsePulseCommand,
  parseStatements,
  shouldClose,
  shuffle,
  statementFigures,
  trendText,
  trendWord,
  type PulseSchedule,
} from '../../../src/features/pulse/rules';

const NOW = new Date('2026-12-07T09:00:00Z'); // a Monday, 10:00 in Paris
const defaults = { timeZone: 'Europe/Berlin', now: NOW };

describe('parsePulseCommand', () => {
  it.each<[string, Partial<PulseSchedule>]>([
    ['on monthly', { every: 'monthly', nth: 1, weekday: 1, time: { hour: 10, minute: 0 }, timeZone: 'Europe/Berlin', anchor: null }],
    ['on monthly first mon 10:00 Europe/Paris', { every: 'monthly', nth: 1, weekday: 1, time: { hour: 10, minute: 0 }, timeZone: 'Europe/Paris' }],
    ['on monthly last fri 3pm', { every: 'monthly', nth: 5, weekday: 5, time: { hour: 15, minute: 0 } }],
    ['on monthly 2nd wed 9 am UTC', { every: 'monthly', nth: 2, weekday: 3, time: { hour: 9, minute: 0 }, timeZone: 'UTC' }],
    ['on monthly America/New_York', { every: 'monthly', nth: 1, weekday: 1, timeZone: 'America/New_York' }],
    ['on biweekly', { every: 'biweekly', nth: null, weekday: 1, anchor: '2026-12-07' }],
    ['on biweekly thu 14:30 europe/paris', { every: 'biweekly', nth: null, weekday: 4, time: { hour: 14, minute: 30 }, anchor: '2026-12-10', timeZone: 'Europe/Paris' }],
  ])('reads "%s"', (text, expected) => {
    const parsed = parsePulseCommand(text, defaults);
    expect(parsed.kind).toBe('on');
    if (parsed.kind === 'on') expect(parsed.schedule).toMatchObject(expected);
  });

  it.each([
    ['off', 'off'],
    ['now', 'now'],
    ['questions', 'questions'],
    ['', 'status'],
    ['status', 'status'],
  ])('reads "%s" as %s', (text, kind) => {
    expect(parsePulseCommand(text, defaults).kind).toBe(kind);
  });

  it.each([
    ['sometimes', 'Unknown pulse command "sometimes"'],
    ['on weekly mon 10:00', '"weekly" is not monthly or biweekly'],
    ['on', 'Say how often'],
    ['on monthly first funday 10:00', '"funday" is not a weekday'],
    ['on monthly first mon 25:00', 'is not a time of day'],
    ['on monthly first mon 10:00 Mars/Olympus', 'Unknown time zone "Mars/Olympus"'],
    ['on biweekly first mon', 'only goes with monthly'],
    ['on monthly first mon 10:00 UTC extra', 'Too many words'],
    ['off now', 'Too many words'],
  ])('answers "%s" with a sentence and a correct example', (text, problem) => {
    const parsed = parsePulseCommand(text, defaults);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.error).toContain(problem);
    expect(parsed.error).toMatch(/\/learnloop pulse on (monthly first mon 10:00|biweekly tue 14:00) Europe\/Paris/);
    // The example it gives parses.
    const example = /\/learnloop pulse (on [^`,]*Europe\/Paris)/.exec(parsed.error)![1]!;
    expect(parsePulseCommand(example, defaults).kind).toBe('on');
  });
});

describe('nextPulseAt', () => {
  const monthly: PulseSchedule = { every: 'monthly', nth: 1, weekday: 1, time: { hour: 10, minute: 0 }, anchor: null, timeZone: 'Europe/Paris' };

  it('is the first Monday of this month at 10:00 local when still ahead, else next month’s', () => {
    expect(nextPulseAt(monthly, new Date('2026-12-01T00:00:00Z')).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(nextPulseAt(monthly, NOW).toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('keeps 10:00 local across a DST change and finds the last weekday of a month', () => {
    expect(nextPulseAt(monthly, new Date('2027-03-02T00:00:00Z')).toISOString()).toBe('2027-04-05T08:00:00.000Z');
    expect(nextPulseAt({ ...monthly, nth: 5, weekday: 5 }, NOW).toISOString()).toBe('2026-12-25T09:00:00.000Z');
  });

  it('runs every other week from its anchor when biweekly', () => {
    const biweekly: PulseSchedule = { every: 'biweekly', nth: null, weekday: 1, time: { hour: 10, minute: 0 }, anchor: '2026-12-07', timeZone: 'Europe/Paris' };
    const first = nextPulseAt(biweekly, new Date('2026-12-06T00:00:00Z'));
    expect(first.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(nextPulseAt(biweekly, first).toISOString()).toBe('2026-12-21T09:00:00.000Z');
  });

  it('describes itself in words', () => {
    expect(describeSchedule(monthly)).toBe('the first Monday of each month at 10:00 (Europe/Paris)');
  });
});

describe('parseStatements', () => {
  it('takes 5 to 7 lines of 10 to 150 characters, bullets and numbers stripped', () => {
    expect(parseStatements(DEFAULT_STATEMENTS.map((s, i) => `${i + 1}. ${s}`).join('\n'))).toEqual([...DEFAULT_STATEMENTS]);
    expect(parseStatements('- one statement here\n\n- two statement here\n• three statement\n* four statement here\nfive statement here')).toHaveLength(5);
  });

  it.each([
    ['a statement\nanother one\nthird one ok\nfourth one ok', '5 to 7 statements'],
    [Array.from({ length: 8 }, (_, i) => `statement number ${i}`).join('\n'), 'this has 8'],
    ['too short\nsecond statement\nthird statement\nfourth statement\nfifth statement', 'Statement 1 has 9 characters'],
    [`${'x'.repeat(151)}\nsecond statement\nthird statement\nfourth statement\nfifth statement`, 'Statement 1 has 151'],
    ['same statement\nSame statement\nthird statement\nfourth statement\nfifth statement', 'Two statements are the same'],
  ])('refuses a bad set with what to fix', (text, problem) => {
    expect(parseStatements(text)).toEqual({ error: expect.stringContaining(problem) });
  });
});

describe('figures', () => {
  const statements = ['safe to fail', 'we reflect'];

  it('gives each statement its average and spread only with at least the minimum group size of sheets', () => {
    const sheets = [[5, 2], [3, 2], [4, 2]];
    const figures = statementFigures(statements, sheets, 3);
    expect(figures[0]).toEqual({ statement: 'safe to fail', average: 4, spread: expect.closeTo(0.816, 3) });
    expect(figures[1]).toEqual({ statement: 'we reflect', average: 2, spread: 0 });
    expect(statementFigures(statements, sheets, 4)).toEqual([null, null]);
    expect(lowestStatement(figures)?.statement).toBe('we reflect');
    expect(lowestStatement([null, null])).toBeNull();
  });

  it('closes after three days or once everyone invited answered, whichever comes first', () => {
    const run = { closesAt: new Date('2026-12-10T09:00:00Z'), invitedCount: 4 };
    expect(shouldClose(run, 3, new Date('2026-12-08T09:00:00Z'))).toBe(false);
    expect(shouldClose(run, 4, new Date('2026-12-08T09:00:00Z'))).toBe(true);
    expect(shouldClose(run, 0, new Date('2026-12-10T09:00:00Z'))).toBe(true);
    expect(shouldClose({ ...run, invitedCount: 0 }, 0, new Date('2026-12-08T09:00:00Z'))).toBe(false);
  });

  it('shuffles without losing or adding anything', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = shuffle(items, random);
    expect([...shuffled].sort()).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it('writes a trend oldest first with a dash for a pulse too few answered', () => {
    expect(trendText([3.12, null, 3.84])).toBe('3.1 → – → 3.8');
    expect(trendWord([3.1, null, 3.8])).toBe('up');
    expect(trendWord([3.8, 3.7])).toBe('steady');
    expect(trendWord([3.8, 3.2])).toBe('down');
    expect(trendWord([3.8])).toBeNull();
  });
});
