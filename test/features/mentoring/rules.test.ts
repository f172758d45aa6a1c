import { formatWhen, isOverdue, nextReminderAt, parseMentorCommand, personRefusal, reminderRefusal, snoozedUntil } from '../../../src/features/mentoring/rules';

const at = (iso: string) => new Date(iso);

describe('nextReminderAt', () => {
  it.each([
    // [cadence, from, zone, expected]
    ['weekly', '2026-11-23T09:00:00Z', 'Europe/Berlin', '2026-11-30T09:00:00Z'], // Mon → Mon 10:00 CET
    ['biweekly', '2026-11-23T09:00:00Z', 'Europe/Berlin', '2026-12-07T09:00:00Z'],
    ['monthly', '2026-11-23T09:00:00Z', 'Europe/Berlin', '2026-12-23T09:00:00Z'], // Wed 23 Dec
    // Across the end of DST (25 Oct): still 10:00 local, now an hour later in UTC.
    ['biweekly', '2026-10-19T08:00:00Z', 'Europe/Berlin', '2026-11-02T09:00:00Z'],
    // A Saturday result moves to Monday 10:00 local.
    ['weekly', '2026-11-21T12:00:00Z', 'Europe/Berlin', '2026-11-30T09:00:00Z'],
    // A Sunday result moves to Monday too.
    ['weekly', '2026-11-22T12:00:00Z', 'America/New_York', '2026-11-30T15:00:00Z'],
    // Friday evening UTC is already Saturday in Tokyo: the week after is a Saturday, so Monday 10:00 JST.
    ['weekly', '2026-11-20T23:30:00Z', 'Asia/Tokyo', '2026-11-30T01:00:00Z'],
    // …but still Friday in New York: Friday 27 Nov 10:00 EST.
    ['weekly', '2026-11-20T23:30:00Z', 'America/New_York', '2026-11-27T15:00:00Z'],
    // 31 Jan + 1 month is Sun 28 Feb (shorter month, clamped): Monday 1 March.
    ['monthly', '2027-01-31T12:00:00Z', 'UTC', '2027-03-01T10:00:00Z'],
    // An unknown zone falls back to UTC.
    ['weekly', '2026-11-23T09:00:00Z', 'Not/AZone', '2026-11-30T10:00:00Z'],
  ] as const)('%s from %s in %s → %s', (cadence, from, zone, expected) => {
    expect(nextReminderAt(cadence, at(from), zone).toISOString()).toBe(at(expected).toISOString());
  });

  it('never lands on a weekend, in any zone, for any start day', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Auckland']) {
      for (let day = 0; day < 14; day++) {
        for (const cadence of ['weekly', 'biweekly', 'monthly'] as const) {
          const result = nextReminderAt(cadence, new Date(Date.UTC(2026, 10, 16 + day, 17)), zone);
          const local = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).format(result);
          expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri),? 10$/);
        }
      }
    }
  });
});

describe('parseMentorCommand', () => {
  const parse = (text: string) => parseMentorCommand(text.split(/\s+/).filter(Boolean), text);
  it.each([
    ['list', { kind: 'list' }],
    ['request <@U0BOB>', { kind: 'request', personId: 'U0BOB', note: null }],
    ['request <@U0BOB|bob> Help me  with reviews', { kind: 'request', personId: 'U0BOB', note: 'Help me  with reviews' }],
    ['pair <@U0BOB> <@U0CAROL>', { kind: 'pair', mentorId: 'U0BOB', menteeId: 'U0CAROL', cadence: 'biweekly' }],
    ['pair <@U0BOB> <@U0CAROL> Monthly', { kind: 'pair', mentorId: 'U0BOB', menteeId: 'U0CAROL', cadence: 'monthly' }],
    ['cadence <@U0BOB> weekly', { kind: 'cadence', personId: 'U0BOB', cadence: 'weekly' }],
    ['pause <@U0BOB>', { kind: 'pause', personId: 'U0BOB' }],
    ['resume <@U0BOB>', { kind: 'resume', personId: 'U0BOB' }],
    ['end <@U0BOB>', { kind: 'end', personId: 'U0BOB' }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['', /Say what to do/],
    ['request bob', /Mention the person with @.*`\/learnloop mentor request @alex/],
    ['pair <@U0BOB>', /Mention the person/],
    ['pair <@U0BOB> <@U0CAROL> daily', /"daily" is not a cadence: weekly, biweekly or monthly/],
    ['cadence <@U0BOB>', /Say how often/],
    ['hug <@U0BOB>', /I don't know `mentor hug`/],
  ])('refuses %p with an example', (text, message) => {
    const parsed = parse(text);
    expect(parsed.kind).toBe('error');
    expect((parsed as { message: string }).message).toMatch(message);
  });
});

describe('overdue, snooze, refusals', () => {
  it.each([[0, false], [1, false], [2, true], [5, true]])('%i unanswered reminders → overdue %p', (n, expected) => {
    expect(isOverdue(n)).toBe(expected);
  });

  it('snoozes a day or a week from now', () => {
    expect(snoozedUntil(at('2026-11-23T09:00:00Z'), 'day')).toEqual(at('2026-11-24T09:00:00Z'));
    expect(snoozedUntil(at('2026-11-23T09:00:00Z'), 'week')).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('formats a reminder time in the viewer’s zone', () => {
    expect(formatWhen(at('2026-11-30T09:00:00Z'), 'Europe/Berlin')).toBe('Mon 30 Nov 2026, 10:00');
  });

  const context = { personId: 'U0BOB', actorId: 'U0ALICE', teamId: 'T1', botUserId: 'U0BOT' };
  const person = { isBot: false, deleted: false, teamId: 'T1' };
  it.each([
    ['self', person, { actorId: 'U0BOB' }],
    ['bot', person, { personId: 'U0BOT' }],
    ['bot', { ...person, isBot: true }, {}],
    ['unknown', null, {}],
    ['deactivated', { ...person, deleted: true }, {}],
    ['outside_workspace', { ...person, teamId: 'T2' }, {}],
    [null, person, {}],
  ] as const)('refusal %p', (expected, who, override) => {
    expect(personRefusal(who, { ...context, ...override })).toBe(expected);
  });
});

describe('reminderRefusal', () => {
  it.each([
    [undefined, 'U0BOB', 'pair_gone'],
    [{ status: 'ended', mentorId: 'U0BOB' }, 'U0BOB', 'pair_gone'],
    [{ status: 'paused', mentorId: 'U0BOB' }, 'U0BOB', 'pair_gone'],
    [{ status: 'active', mentorId: 'U0BOB' }, 'U0ALICE', 'not_mentor'],
    [{ status: 'active', mentorId: 'U0BOB' }, 'U0BOB', null],
  ])('pair %j, clicked by %s: %s', (pair, userId, expected) => {
    expect(reminderRefusal(pair, userId)).toBe(expected);
  });
});
