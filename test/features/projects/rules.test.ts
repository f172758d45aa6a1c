import { checkCharter, midpointOf, monthsBetween, setCadenceOf, type CharterInput } from '../../../src/features/projects/rules';

const valid: CharterInput = {
  name: 'Faster onboarding',
  challenge: 'Halve the time a new engineer needs to ship, by changing how we onboard.',
  sponsorId: 'U0SPONSOR',
  coachId: 'U0COACH',
  memberIds: ['U0M1', 'U0M2', 'U0M3'],
  channelId: 'C0PROJECT',
  startsOn: '2027-01-04',
  endsOn: '2027-09-30',
  hours: '',
  cadence: '',
  setTime: '',
  wave: 'Pilot 2027',
};
const TODAY = '2026-12-05';

describe('project charter rules', () => {
  it('accepts a good charter with the defaults filled in', () => {
    expect(checkCharter(valid, TODAY)).toEqual({
      charter: {
        name: 'Faster onboarding', challenge: valid.challenge, sponsorId: 'U0SPONSOR', coachId: 'U0COACH', memberIds: ['U0M1', 'U0M2', 'U0M3'], channelId: 'C0PROJECT',
        startsOn: '2027-01-04', endsOn: '2027-09-30', hoursPerWeek: 8, setCadence: 'biweekly', setTime: { hour: 16, minute: 0 }, wave: 'Pilot 2027', warnings: [],
      },
    });
  });

  it.each([
    [{ name: '' }, 'name', 'Give the project a name'],
    [{ name: 'x'.repeat(81) }, 'name', '1 to 80'],
    [{ challenge: ' ' }, 'challenge', 'what the work must achieve'],
    [{ challenge: 'x'.repeat(2001) }, 'challenge', '2,000'],
    [{ sponsorId: null }, 'sponsor', 'Name the sponsor'],
    [{ memberIds: ['U0M1'] }, 'members', '2 to 8 members (this one has 1)'],
    [{ memberIds: ['U0M1', 'U0M2', 'U0M3', 'U0M4', 'U0M5', 'U0M6', 'U0M7', 'U0M8', 'U0M9'] }, 'members', 'this one has 9'],
    [{ memberIds: ['U0M1', 'U0SPONSOR'] }, 'members', 'sponsor backs the team from outside'],
    [{ memberIds: ['U0M1', 'U0COACH'] }, 'members', 'coach helps the team from outside'],
    [{ coachId: 'U0SPONSOR' }, 'coach', 'two people'],
    [{ channelId: null }, 'channel', 'project channel'],
    [{ startsOn: '2026-12-01' }, 'starts', 'past'],
    [{ endsOn: '2027-03-01' }, 'ends', 'runs 1.8 months'],
    [{ endsOn: '2028-12-01' }, 'ends', '3 to 18 months'],
    [{ endsOn: '2026-12-31' }, 'ends', 'ends before it starts'],
    [{ hours: '0' }, 'hours', '1 to 40'],
    [{ hours: 'eight' }, 'hours', 'whole number'],
    [{ cadence: 'daily' }, 'cadence', 'weekly, every two weeks or monthly'],
    [{ setTime: '4pm' }, 'time', 'HH:MM'],
    [{ wave: 'w'.repeat(41) }, 'wave', '40 characters'],
  ] as const)('refuses %j on its field', (change, field, words) => {
    const result = checkCharter({ ...valid, ...change }, TODAY);
    expect('errors' in result && result.errors[field]).toContain(words);
  });

  it('warns, gently, outside 6 to 12 months and above 10 hours a week', () => {
    const short = checkCharter({ ...valid, endsOn: '2027-05-04', hours: '12' }, TODAY);
    expect('charter' in short && short.charter.warnings).toEqual([
      'It runs 3.9 months: action learning works best over 6 to 12 months.',
      '12 hours a week is a lot beside a day job; 8–10 is usual.',
    ]);
  });

  it('knows the months, the mid-point and the learning-set rhythm', () => {
    expect(monthsBetween('2027-01-04', '2027-10-04')).toBe(9);
    expect(midpointOf('2027-01-04', '2027-10-04')).toBe('2027-05-20');
    expect(setCadenceOf('biweekly', '2027-01-04', { hour: 16, minute: 0 })).toEqual({ kind: 'biweekly', weekday: 1, time: { hour: 16, minute: 0 }, anchor: '2027-01-04' });
    expect(setCadenceOf('monthly', '2027-01-31', { hour: 9, minute: 30 })).toEqual({ kind: 'monthly', dayOfMonth: 31, time: { hour: 9, minute: 30 } });
  });
});
