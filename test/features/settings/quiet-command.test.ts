import { findPerson, upsertPersonMute } from '../../../src/platform/db/people';
import { enqueueDm } from '../../../src/platform/scheduler/scheduled-dms';
import { startTestApp, type TestApp } from '../../support/test-app';

// Thursday 2026-11-26, 12:00 in Berlin.
const NOW = new Date('2026-11-26T11:00:00Z');

describe('/learnloop quiet', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => NOW } });
    app.slack.addUser({ id: 'U0ALICE', tz: 'Europe/Berlin' });
    app.slack.addUser({ id: 'U0BOB', tz: 'America/New_York' });
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    await app.db.deleteFrom('person').execute();
    await app.db.deleteFrom('scheduledDm').execute();
  });

  /** Runs the command and returns the ephemeral answer posted to its response_url. */
  const quiet = async (text: string, userId = 'U0ALICE') => {
    const before = app.slack.responses.length;
    const response = await app.command('/learnloop', `quiet ${text}`.trim(), { user_id: userId });
    expect(response.status).toBe(200);
    const answer = await app.slack.waitFor(() => app.slack.responses.length > before && app.slack.responses[before]);
    expect(answer.body.response_type).toBe('ephemeral');
    return answer.body.text as string;
  };
  const mutedUntil = async (userId = 'U0ALICE') => (await findPerson(app.db, app.teamId, userId))?.mutedUntil;

  it('pauses reminders for 3 days and says until when, in the person’s time zone', async () => {
    expect(await quiet('3d')).toBe('Learnloop reminders and nudges are paused until Sun 29 Nov, 12:00 (Europe/Berlin). `/learnloop quiet off` turns them back on.');
    expect(await mutedUntil()).toEqual(new Date('2026-11-29T11:00:00Z'));
  });

  it('pauses reminders until the end of a given local day', async () => {
    expect(await quiet('until 2026-12-01')).toBe('Learnloop reminders and nudges are paused until Wed 2 Dec, 00:00 (Europe/Berlin). `/learnloop quiet off` turns them back on.');
    expect(await mutedUntil()).toEqual(new Date('2026-12-01T23:00:00Z'));
  });

  it('reads the date in the person’s own time zone', async () => {
    expect(await quiet('until 2026-12-01', 'U0BOB')).toBe('Learnloop reminders and nudges are paused until Wed 2 Dec, 00:00 (America/New_York). `/learnloop quiet off` turns them back on.');
    expect(await mutedUntil('U0BOB')).toEqual(new Date('2026-12-02T05:00:00Z'));
  });

  it('turns reminders back on with off, and DMs held back by the mute are looked at again now', async () => {
    await upsertPersonMute(app.db, app.teamId, 'U0ALICE', new Date('2026-12-10T00:00:00Z'));
    await enqueueDm(app.db, { teamId: app.teamId, userId: 'U0ALICE', kind: 'test_dm', dedupeKey: 'held', payload: { text: 'hi' }, dueAt: new Date('2026-12-10T08:00:00Z'), onlyUsefulOnDay: false });
    await app.db.updateTable('scheduledDm').set({ statusReason: 'muted' }).where('dedupeKey', '=', 'held').execute();

    expect(await quiet('off')).toBe('Reminders and nudges are back on.');
    expect(await mutedUntil()).toBeNull();
    const held = await app.db.selectFrom('scheduledDm').select(['dueAt', 'status']).where('dedupeKey', '=', 'held').executeTakeFirstOrThrow();
    expect(held).toEqual({ dueAt: NOW, status: 'pending' });
  });

  const howToSayIt = 'Try /learnloop quiet 3d, /learnloop quiet until 2026-12-10 or /learnloop quiet off.';
  it.each([
    ['soon', `"soon" is not a duration. ${howToSayIt}`],
    ['0d', `"0d" is too short; quiet lasts at least 1 hour. ${howToSayIt}`],
    ['until 2026-11-01', `2026-11-01 is in the past. ${howToSayIt}`],
    ['until tomorrow', `"tomorrow" is not a date in the form YYYY-MM-DD. ${howToSayIt}`],
  ])('answers "%s" with what is wrong and how to say it', async (text, expected) => {
    expect(await quiet(text)).toBe(expected);
    expect(await mutedUntil()).toBeUndefined();
  });

  it('never echoes a broadcast mention back', async () => {
    const answer = await quiet('<!channel>');
    expect(answer).not.toContain('<!channel>');
    expect(answer).toContain('is not a duration');
  });

  it('shows the current state and how to change it when given nothing', async () => {
    expect(await quiet('')).toBe(
      'Learnloop reminders and nudges are on. To pause them: `/learnloop quiet 3d` or `/learnloop quiet until 2026-12-10`; `/learnloop quiet off` turns them back on.',
    );
    await quiet('3d');
    expect(await quiet('')).toBe('Learnloop reminders and nudges are paused until Sun 29 Nov, 12:00 (Europe/Berlin). `/learnloop quiet off` turns them back on.');
  });
});
