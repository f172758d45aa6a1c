import { agoWording, checkCommitmentInput, commitmentActionRefusal, CommitmentFieldError, defaultDueDate, dueFollowUp, extendedDueDate, followUpAt, formatDueDate, itemTextFromSummary, ownerRefusal } from '../../../src/features/commitments/rules';
import { addDaysToDate, localToday, safeTimeZone } from '../../../src/platform/time/calendar';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const KIRITIMATI = 'Pacific/Kiritimati'; // UTC+14
const PAGO_PAGO = 'Pacific/Pago_Pago'; // UTC-11
const at = (iso: string) => new Date(iso);

describe('calendar dates', () => {
  it.each([
    ['2026-11-23', 14, '2026-12-07'],
    ['2026-12-28', 7, '2027-01-04'],
    ['2028-02-25', 4, '2028-02-29'],
    ['2027-02-25', 4, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDaysToDate(date, days)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => addDaysToDate('2026-02-30', 1)).toThrow(RangeError);
  });

  it.each([
    ['2026-12-07', 'Mon 7 Dec 2026'],
    ['2027-01-01', 'Fri 1 Jan 2027'],
  ])('formats %s as %s', (date, expected) => {
    expect(formatDueDate(date)).toBe(expected);
  });

  it.each([
    [BERLIN, BERLIN],
    ['Not/AZone', 'UTC'],
    ['', 'UTC'],
    ['+05:30', 'UTC'],
  ])('uses %p as %p', (zone, expected) => {
    expect(safeTimeZone(zone)).toBe(expected);
  });
});

describe('defaultDueDate: today + 14 days in the clicker’s time zone', () => {
  // 23:30 UTC on Monday 23 Nov: already Tuesday in Berlin and Tokyo, still Monday in New York.
  it.each([
    [BERLIN, '2026-11-23T23:30:00Z', '2026-12-08'],
    [TOKYO, '2026-11-23T23:30:00Z', '2026-12-08'],
    [NEW_YORK, '2026-11-23T23:30:00Z', '2026-12-07'],
    ['UTC', '2026-11-23T23:30:00Z', '2026-12-07'],
    [NEW_YORK, '2026-12-20T12:00:00Z', '2027-01-03'],
  ])('in %s at %s it is %s', (zone, now, expected) => {
    expect(defaultDueDate(at(now), zone)).toBe(expected);
  });
});

describe('followUpAt: 09:00 owner-local on the due date; the reminder 3 days later', () => {
  it.each<[string, string, 1 | 2, string]>([
    [BERLIN, '2026-12-07', 1, '2026-12-07T08:00:00Z'],
    [BERLIN, '2026-12-07', 2, '2026-12-10T08:00:00Z'],
    [NEW_YORK, '2026-12-07', 1, '2026-12-07T14:00:00Z'],
    [TOKYO, '2026-12-07', 1, '2026-12-07T00:00:00Z'],
    [KIRITIMATI, '2026-12-07', 1, '2026-12-06T19:00:00Z'],
    [PAGO_PAGO, '2026-12-07', 1, '2026-12-07T20:00:00Z'],
    // Berlin springs forward on 2026-03-29: the first follow-up is in CET, the reminder in CEST.
    [BERLIN, '2026-03-27', 1, '2026-03-27T08:00:00Z'],
    [BERLIN, '2026-03-27', 2, '2026-03-30T07:00:00Z'],
    // New York falls back on 2026-11-01.
    [NEW_YORK, '2026-10-30', 1, '2026-10-30T13:00:00Z'],
    [NEW_YORK, '2026-10-30', 2, '2026-11-02T14:00:00Z'],
    ['Not/AZone', '2026-12-07', 1, '2026-12-07T09:00:00Z'],
  ])('in %s, due %s, follow-up %i is at %s', (zone, due, n, expected) => {
    expect(followUpAt(due, zone, n)).toEqual(at(expected));
  });
});

describe('dueFollowUp', () => {
  const due = '2026-12-07';
  it.each([
    ['nothing the evening before', 0, '2026-12-06T20:00:00Z', null],
    ['nothing at 08:59 on the day', 0, '2026-12-07T07:59:59Z', null],
    ['the first at 09:00', 0, '2026-12-07T08:00:00Z', { n: 1, dueAt: at('2026-12-07T08:00:00Z'), sentAfter: 1 }],
    ['the first later that day', 0, '2026-12-07T15:00:00Z', { n: 1, dueAt: at('2026-12-07T08:00:00Z'), sentAfter: 1 }],
    ['no reminder before 3 days', 1, '2026-12-10T07:59:00Z', null],
    ['the reminder 3 days later at 09:00', 1, '2026-12-10T08:00:00Z', { n: 2, dueAt: at('2026-12-10T08:00:00Z'), sentAfter: 2 }],
    ['nothing after the reminder', 2, '2027-01-10T08:00:00Z', null],
    // Found only after the reminder's time (Learnloop was down): one DM, not two in a row.
    ['a late first one alone', 0, '2026-12-11T08:00:00Z', { n: 1, dueAt: at('2026-12-07T08:00:00Z'), sentAfter: 2 }],
  ])('%s', (_name, sent, now, expected) => {
    expect(dueFollowUp(due, BERLIN, sent, at(now))).toEqual(expected);
  });

  it('judges 09:00 in the owner’s zone, not the server’s', () => {
    const now = at('2026-12-07T10:00:00Z'); // 11:00 Berlin, 05:00 New York
    expect(dueFollowUp(due, BERLIN, 0, now)?.n).toBe(1);
    expect(dueFollowUp(due, NEW_YORK, 0, now)).toBeNull();
    expect(dueFollowUp(due, KIRITIMATI, 0, at('2026-12-06T19:00:00Z'))?.n).toBe(1);
  });
});

describe('agoWording', () => {
  it.each([
    ['2026-11-23T10:00:00Z', '2026-12-07T08:00:00Z', BERLIN, 'Two weeks ago'],
    ['2026-11-23T10:00:00Z', '2026-12-10T08:00:00Z', BERLIN, '17 days ago'],
    ['2026-11-30T10:00:00Z', '2026-12-07T08:00:00Z', BERLIN, 'A week ago'],
    ['2026-11-16T10:00:00Z', '2026-12-07T08:00:00Z', BERLIN, 'Three weeks ago'],
    ['2026-10-01T10:00:00Z', '2026-12-07T08:00:00Z', BERLIN, '67 days ago'],
    ['2026-12-06T10:00:00Z', '2026-12-07T08:00:00Z', BERLIN, 'Yesterday'],
    ['2026-12-07T07:00:00Z', '2026-12-07T08:00:00Z', BERLIN, 'Earlier today'],
    // Counted in local days: 23:30 UTC is already the next day in Berlin.
    ['2026-11-23T23:30:00Z', '2026-12-07T08:00:00Z', BERLIN, '13 days ago'],
    ['2026-11-23T23:30:00Z', '2026-12-07T14:00:00Z', NEW_YORK, 'Two weeks ago'],
    // A clock a little behind never says "in the future".
    ['2026-12-08T10:00:00Z', '2026-12-07T08:00:00Z', BERLIN, 'Earlier today'],
  ])('created %s, now %s in %s: %s', (created, now, zone, expected) => {
    expect(agoWording(at(created), at(now), zone)).toBe(expected);
  });
});

describe('extendedDueDate: +7 days', () => {
  it.each([
    ['answered on the due date', '2026-12-07', '2026-12-07', '2026-12-14'],
    ['answered at the reminder', '2026-12-07', '2026-12-10', '2026-12-14'],
    ['across the year', '2026-12-28', '2026-12-28', '2027-01-04'],
    // A week from today when due + 7 has already passed, so the next follow-up is not due at once.
    ['answered weeks later', '2026-12-07', '2026-12-20', '2026-12-27'],
    ['answered exactly a week late', '2026-12-07', '2026-12-14', '2026-12-21'],
  ])('%s', (_name, due, today, expected) => {
    expect(extendedDueDate(due, today)).toBe(expected);
  });
});

describe('checkCommitmentInput', () => {
  const today = '2026-11-23';
  it.each<[string, string | null, string | null, CommitmentFieldError[]]>([
    ['a valid one', 'Write the runbook', '2026-12-07', []],
    ['due today', 'Write the runbook', '2026-11-23', []],
    ['500 characters', 'x'.repeat(500), '2026-12-07', []],
    ['empty text', '   ', '2026-12-07', [{ field: 'text', code: 'empty' }]],
    ['no text', null, '2026-12-07', [{ field: 'text', code: 'empty' }]],
    ['501 characters', 'x'.repeat(501), '2026-12-07', [{ field: 'text', code: 'too_long' }]],
    ['no date', 'Write it', null, [{ field: 'dueDate', code: 'missing' }]],
    ['yesterday', 'Write it', '2026-11-22', [{ field: 'dueDate', code: 'past' }]],
    ['a date that does not exist', 'Write it', '2026-02-30', [{ field: 'dueDate', code: 'invalid' }]],
    ['more than a year away', 'Write it', '2027-11-24', [{ field: 'dueDate', code: 'too_far' }]],
    ['both wrong', '', '2026-11-01', [{ field: 'text', code: 'empty' }, { field: 'dueDate', code: 'past' }]],
  ])('%s', (_name, text, dueDate, expected) => {
    expect(checkCommitmentInput({ text, dueDate }, today)).toEqual(expected);
  });

  it('takes "today" in the given zone', () => {
    const now = at('2026-11-23T23:30:00Z');
    expect(checkCommitmentInput({ text: 'x', dueDate: '2026-11-23' }, localToday(now, NEW_YORK))).toEqual([]);
    expect(checkCommitmentInput({ text: 'x', dueDate: '2026-11-23' }, localToday(now, BERLIN))).toEqual([{ field: 'dueDate', code: 'past' }]);
  });
});

describe('ownerRefusal', () => {
  const context = { teamId: 'T1', isBotUser: false };
  const person = { isBot: false, deleted: false, teamId: 'T1' };
  it.each([
    ['a teammate', person, context, null],
    ['an unknown user', null, context, 'unknown'],
    ['a bot', { ...person, isBot: true }, context, 'bot'],
    ['Learnloop itself', person, { ...context, isBotUser: true }, 'bot'],
    ['Learnloop itself, even when users.info does not know it', null, { ...context, isBotUser: true }, 'bot'],
    ['a deactivated account', { ...person, deleted: true }, context, 'deactivated'],
    ['someone from another workspace', { ...person, teamId: 'T2' }, context, 'outside_workspace'],
  ])('%s', (_name, user, ctx, expected) => {
    expect(ownerRefusal(user, ctx)).toBe(expected);
  });
});

describe('commitmentActionRefusal: only the owner, only while open', () => {
  it.each([
    ['the owner of an open one', { ownerId: 'U1', status: 'open' }, 'U1', null],
    ['someone else', { ownerId: 'U1', status: 'open' }, 'U2', 'not_owner'],
    ['a done one', { ownerId: 'U1', status: 'done' }, 'U1', 'already_done'],
    ['a dropped one', { ownerId: 'U1', status: 'dropped' }, 'U1', 'already_dropped'],
    ['a missing one', undefined, 'U1', 'gone'],
  ])('%s', (_name, commitment, userId, expected) => {
    expect(commitmentActionRefusal(commitment, userId)).toBe(expected);
  });
});

describe('itemTextFromSummary', () => {
  it.each([
    ['• Write the runbook first', 'Write the runbook first'],
    ['Write the runbook first', 'Write the runbook first'],
    ['•   Page &lt;oncall&gt; &amp; the lead', 'Page <oncall> & the lead'],
    ['- Dashes too', 'Dashes too'],
  ])('%p → %p', (mrkdwn, expected) => {
    expect(itemTextFromSummary(mrkdwn)).toBe(expected);
  });
});
