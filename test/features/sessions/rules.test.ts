import { attendeeReminderDue, dueSessionStep, parseSessionCommand, parseSessionForm, sessionFormErrors, type SessionFormInput } from '../../../src/features/sessions/rules';

const NOW = new Date('2026-11-22T10:00:00Z');
const valid: SessionFormInput = { topic: 'Reading flame graphs', leaderId: 'U0LEAD', backupLeaderId: 'U0BACK', channelId: 'C0TEAM', date: '2026-11-24', time: '15:00', length: '60', description: 'Bring a profile' };

describe('parseSessionForm', () => {
  it('reads the date and time in the leader time zone', () => {
    const berlin = parseSessionForm(valid, 'Europe/Berlin', NOW);
    expect(berlin).toMatchObject({ form: { startsAt: new Date('2026-11-24T14:00:00Z'), timeZone: 'Europe/Berlin', lengthMinutes: 60, topic: 'Reading flame graphs', description: 'Bring a profile' } });
    const newYork = parseSessionForm(valid, 'America/New_York', NOW);
    expect(newYork).toMatchObject({ form: { startsAt: new Date('2026-11-24T20:00:00Z') } });
  });

  it('handles a DST change in the leader zone', () => {
    const result = parseSessionForm({ ...valid, date: '2027-03-29', time: '09:00' }, 'Europe/Berlin', NOW);
    expect(result).toMatchObject({ form: { startsAt: new Date('2027-03-29T07:00:00Z') } });
  });

  it.each<[string, SessionFormInput, Record<string, string>]>([
    ['missing topic', { ...valid, topic: '  ' }, { topic: sessionFormErrors.topicRequired }],
    ['long topic', { ...valid, topic: 'x'.repeat(151) }, { topic: sessionFormErrors.topicTooLong }],
    ['no leader', { ...valid, leaderId: null }, { leader: sessionFormErrors.leaderRequired }],
    ['no backup', { ...valid, backupLeaderId: undefined }, { backup: sessionFormErrors.backupRequired }],
    ['backup is leader', { ...valid, backupLeaderId: 'U0LEAD' }, { backup: sessionFormErrors.backupSameAsLeader }],
    ['no channel', { ...valid, channelId: null }, { channel: sessionFormErrors.channelRequired }],
    ['no date', { ...valid, date: null }, { date: sessionFormErrors.dateRequired }],
    ['no time', { ...valid, time: null }, { time: sessionFormErrors.timeRequired }],
    ['in the past', { ...valid, date: '2026-11-22', time: '10:30' }, { time: sessionFormErrors.startsInPast }],
    ['too short', { ...valid, length: '14' }, { length: sessionFormErrors.lengthInvalid }],
    ['too long', { ...valid, length: '481' }, { length: sessionFormErrors.lengthInvalid }],
    ['not a number', { ...valid, length: '1.5' }, { length: sessionFormErrors.lengthInvalid }],
    ['long description', { ...valid, description: 'y'.repeat(1001) }, { description: sessionFormErrors.descriptionTooLong }],
  ])('reports %s on its field', (_name, input, errors) => {
    expect(parseSessionForm(input, 'Europe/Berlin', NOW)).toEqual({ errors });
  });

  it('accepts the length bounds and an empty description', () => {
    expect(parseSessionForm({ ...valid, length: '15', description: '' }, 'UTC', NOW)).toMatchObject({ form: { lengthMinutes: 15, description: null } });
    expect(parseSessionForm({ ...valid, length: '480' }, 'UTC', NOW)).toMatchObject({ form: { lengthMinutes: 480 } });
  });

  it('escapes broadcasts in user text', () => {
    const result = parseSessionForm({ ...valid, topic: '<!channel> flame graphs', description: '@here come' }, 'UTC', NOW);
    expect('form' in result && result.form.topic).toBe('@\u200Bchannel flame graphs');
    expect('form' in result && result.form.description).toBe('@\u200Bhere come');
  });
});

describe('dueSessionStep', () => {
  const start = new Date('2026-11-24T14:00:00Z');
  const at = (iso: string) => new Date(iso);
  const session = (status: string, stage: string) => ({ startsAt: start, lengthMinutes: 60, status, stage });

  it.each<[string, string, string, string | null]>([
    ['scheduled', 'announced', '2026-11-23T13:59:00Z', null],
    ['scheduled', 'announced', '2026-11-23T14:00:00Z', 'ask_leader'],
    ['scheduled', 'leader_asked', '2026-11-24T11:59:00Z', null],
    ['scheduled', 'leader_asked', '2026-11-24T12:00:00Z', 'ask_backup'],
    ['scheduled', 'backup_asked', '2026-11-24T13:59:00Z', null],
    ['scheduled', 'backup_asked', '2026-11-24T14:00:00Z', 'postpone'],
    ['scheduled', 'announced', '2026-11-24T14:00:00Z', 'postpone'],
    ['confirmed', 'resolved', '2026-11-24T14:00:00Z', null],
    ['confirmed', 'resolved', '2026-11-24T14:59:00Z', null],
    ['confirmed', 'resolved', '2026-11-24T15:00:00Z', 'reflect'],
    ['held', 'reflected', '2026-11-24T16:00:00Z', null],
    ['postponed', 'resolved', '2026-11-24T16:00:00Z', null],
    ['cancelled', 'announced', '2026-11-24T16:00:00Z', null],
  ])('%s at stage %s, at %s: %s', (status, stage, now, expected) => {
    expect(dueSessionStep(session(status, stage), at(now))?.kind ?? null).toBe(expected);
  });

  it('reminds attendees of confirmed sessions in the 15 minutes before the start', () => {
    expect(attendeeReminderDue({ startsAt: start, status: 'confirmed' }, at('2026-11-24T13:44:00Z'))).toBe(false);
    expect(attendeeReminderDue({ startsAt: start, status: 'confirmed' }, at('2026-11-24T13:45:00Z'))).toBe(true);
    expect(attendeeReminderDue({ startsAt: start, status: 'scheduled' }, at('2026-11-24T13:50:00Z'))).toBe(false);
    expect(attendeeReminderDue({ startsAt: start, status: 'confirmed' }, at('2026-11-24T14:00:00Z'))).toBe(false);
  });
});

describe('parseSessionCommand', () => {
  it.each([
    ['', 'open-modal'],
    ['list', 'list'],
    [' LIST ', 'list'],
    ['nonsense', 'invalid'],
  ])('%j → %s', (text, kind) => expect(parseSessionCommand(text).kind).toBe(kind));
});
