import { daysToCompetency, gated, median, parseCompetencyCommand, parseGoalCommand, parseLevel, teamMapRows, weeklyCounts, DEFAULT_LEVELS } from '../../../src/features/growth/rules';

describe('growth rules', () => {
  describe('time-to-competency', () => {
    it.each([
      // [started (UTC), confirmed (UTC), zone, days]
      ['2027-01-01T22:30:00Z', '2027-01-01T23:30:00Z', 'Europe/Berlin', 1], // 23:30 → 00:30 Berlin: the next calendar day
      ['2027-01-01T22:30:00Z', '2027-01-01T23:30:00Z', 'UTC', 0], // the same day in UTC
      ['2027-01-02T03:00:00Z', '2027-01-02T06:00:00Z', 'America/Los_Angeles', 0], // 1 Jan 19:00 → 22:00 in Los Angeles, though 2 Jan in UTC
      ['2027-01-02T03:00:00Z', '2027-01-02T09:00:00Z', 'America/Los_Angeles', 1], // 1 Jan 19:00 → 2 Jan 01:00 in Los Angeles
      ['2027-03-01T12:00:00Z', '2027-04-15T12:00:00Z', 'Europe/Berlin', 45], // across the change to summer time
      ['2027-01-10T12:00:00Z', '2027-01-05T12:00:00Z', 'UTC', 0], // never negative
    ])('from %s to %s in %s', (start, end, zone, days) => {
      expect(daysToCompetency(new Date(start), new Date(end), zone)).toBe(days);
    });

    it('counts from the goal even when the first evidence came later', () => {
      const goalSet = new Date('2027-01-01T09:00:00Z');
      const firstEvidence = new Date('2027-02-01T09:00:00Z');
      const confirmed = new Date('2027-03-01T09:00:00Z');
      expect(daysToCompetency(goalSet, confirmed, 'UTC')).toBe(59);
      expect(daysToCompetency(firstEvidence, confirmed, 'UTC')).toBe(28);
    });
  });

  it('takes the median of whole days', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(3); // (2 + 3) / 2 rounded
  });

  it('shows a figure only when enough people stand behind it', () => {
    expect(gated(7, 3, 3)).toBe(7);
    expect(gated(7, 2, 3)).toBeNull();
    const rows = teamMapRows(
      [
        { id: 1, name: 'Giving feedback', levels: DEFAULT_LEVELS },
        { id: 2, name: 'Testing', levels: DEFAULT_LEVELS },
      ],
      [
        {
          competencyId: 1,
          peopleAtLevel: [4, 2, 0, 3],
          evidenceThisMonth: 12,
          evidencePeopleThisMonth: 2,
          hasEvidence: true,
          confirmationDays: [10, 20, 30],
        },
      ],
      3,
    );
    expect(rows).toEqual([
      { competencyId: 1, name: 'Giving feedback', levels: DEFAULT_LEVELS, peopleAtLevel: [4, null, null, 3], evidenceThisMonth: null, medianDaysToCompetency: 20, confirmations: 3, gap: false },
      { competencyId: 2, name: 'Testing', levels: DEFAULT_LEVELS, peopleAtLevel: [null, null, null, null], evidenceThisMonth: null, medianDaysToCompetency: null, confirmations: 0, gap: true },
    ]);
  });

  it('counts evidence per week, oldest first', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const counts = weeklyCounts([daysAgo(0), daysAgo(1), daysAgo(8), daysAgo(83), daysAgo(84), daysAgo(200)], now);
    expect(counts).toHaveLength(12);
    expect(counts[11]).toBe(2);
    expect(counts[10]).toBe(1);
    expect(counts[0]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it.each([
    ['', { kind: 'list' }],
    ['starter', { kind: 'starter' }],
    ['add', { kind: 'form' }],
    ['add "Giving feedback" #Feedback #sbi specific and kind', { kind: 'add', name: 'Giving feedback', tags: ['feedback', 'sbi'], description: 'specific and kind' }],
    ['add “Code review” #reviews', { kind: 'add', name: 'Code review', tags: ['reviews'], description: null }],
    ['rename "Code review" to "Reviewing code"', { kind: 'rename', name: 'Code review', newName: 'Reviewing code' }],
    ['tags "Testing" #tests #tdd', { kind: 'tags', name: 'Testing', tags: ['tests', 'tdd'] }],
    ['levels "Testing" New | Getting there | Solid | Teaches it', { kind: 'levels', name: 'Testing', levels: ['New', 'Getting there', 'Solid', 'Teaches it'] }],
    ['retire "Testing"', { kind: 'retire', name: 'Testing' }],
  ])('reads `competencies %s`', (text, expected) => {
    expect(parseCompetencyCommand(text)).toEqual(expected);
  });

  it.each(['add "x" #no!tag', 'levels "Testing" a | b', 'rename "x"', 'dance'])('explains `competencies %s` with an example', (text) => {
    const parsed = parseCompetencyCommand(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problem).toContain('/learnloop competencies');
  });

  it.each([
    ['add "Giving feedback" to Practising by 2027-03-31', { kind: 'add', competency: 'Giving feedback', level: 'Practising', dueDate: '2027-03-31' }],
    ['add "Giving feedback" to Teaching others', { kind: 'add', competency: 'Giving feedback', level: 'Teaching others', dueDate: null }],
    ['reached 3 <@U0BOB>', { kind: 'reached', goalId: 3, confirmerId: 'U0BOB' }],
    ['reached #4', { kind: 'reached', goalId: 4, confirmerId: null }],
    ['withdraw 5', { kind: 'withdraw', goalId: 5 }],
    ['', { kind: 'list' }],
    ['add', { kind: 'form' }],
  ])('reads `goal %s`', (text, expected) => {
    expect(parseGoalCommand(text, '2026-12-05')).toEqual(expected);
  });

  it.each([
    ['add "Giving feedback" to Practising by 2026-12-05', 'after today'],
    ['add "Giving feedback" to Practising by 2027-02-30', 'not a date'],
    ['add "Giving feedback" Practising', 'the level'],
    ['reached three', 'which goal'],
    ['reached 3 bob', '@mention'],
  ])('explains `goal %s`', (text, words) => {
    const parsed = parseGoalCommand(text, '2026-12-05');
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problem).toContain(words);
    expect(parsed.kind === 'invalid' && parsed.problem).toContain('/learnloop goal add');
  });

  it('reads a level by number or name', () => {
    expect(parseLevel('2', DEFAULT_LEVELS)).toBe(2);
    expect(parseLevel('teaching OTHERS', DEFAULT_LEVELS)).toBe(4);
    expect(parseLevel('expert', DEFAULT_LEVELS)).toBeUndefined();
  });
});
