import { lastWeekRange, participation, participationText, streakWeeks, weekStartOf } from '../../../src/features/home/rules';

describe('weekStartOf', () => {
  it.each([
    ['2026-12-07', '2026-12-07'], // Monday
    ['2026-12-13', '2026-12-07'], // Sunday
    ['2026-12-10', '2026-12-07'],
    ['2027-01-01', '2026-12-28'], // Friday across the year boundary
    ['2024-03-03', '2024-02-26'], // Sunday after a leap day
  ])('puts %s in the week starting %s', (date, monday) => {
    expect(weekStartOf(date)).toBe(monday);
  });
});

describe('streakWeeks', () => {
  it.each<[string, string[], string, number]>([
    ['no activity', [], '2026-12-09', 0],
    ['only this week', ['2026-12-07'], '2026-12-09', 1],
    ['only last week (not lost on Monday)', ['2026-11-30'], '2026-12-07', 1],
    ['three weeks ending this week', ['2026-12-07', '2026-11-30', '2026-11-23'], '2026-12-13', 3],
    ['three weeks ending last week', ['2026-11-30', '2026-11-23', '2026-11-16'], '2026-12-08', 3],
    ['a gap stops the count', ['2026-12-07', '2026-11-30', '2026-11-16', '2026-11-09'], '2026-12-09', 2],
    ['two weeks ago is too late', ['2026-11-23', '2026-11-16'], '2026-12-09', 0],
    ['across the year boundary', ['2027-01-04', '2026-12-28', '2026-12-21'], '2027-01-06', 3],
    ['order and duplicates do not matter', ['2026-11-30', '2026-12-07', '2026-12-07'], '2026-12-07', 2],
  ])('%s', (_name, weeks, today, expected) => {
    expect(streakWeeks(weeks, today)).toBe(expected);
  });
});

describe('participation', () => {
  it.each<[number, number | null, number, string]>([
    [6, 10, 3, '60% (6 of 10)'],
    [3, 3, 3, '100% (3 of 3)'],
    [1, 3, 3, 'fewer than 3'],
    [2, 20, 3, 'fewer than 3'],
    [0, 20, 3, '0% (0 of 20)'],
    [5, 2, 3, 'fewer than 3'],
    [4, 10, 5, 'fewer than 5'],
    [5, null, 3, '—'],
    [11, 10, 3, '100% (10 of 10)'],
    [1, 3, 1, '33% (1 of 3)'],
  ])('%i responders of %p members (min group %i) reads "%s"', (responders, members, minGroup, text) => {
    expect(participationText(participation(responders, members, minGroup))).toBe(text);
  });

  it('uses a minimum group of 3 by default', () => {
    expect(participation(2, 10)).toEqual({ kind: 'too_few', minGroup: 3 });
  });
});

describe('lastWeekRange', () => {
  it('is Monday to Monday in the viewer zone', () => {
    const range = lastWeekRange(new Date('2026-12-09T12:00:00Z'), 'Europe/Berlin');
    expect(range.from.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });
});
