import { LogLevel, WebClient } from '@slack/web-api';
import { upsertPersonMute } from '../../../src/platform/db/people';
import { claimDueDms, enqueueDm } from '../../../src/platform/scheduler/scheduled-dms';
import type { Deps } from '../../../src/deps';
import { sendScheduledDms } from '../../../src/platform/scheduler/send-scheduled-dms';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startSecondProcess } from '../../support/interactions';

// Thursday 2026-01-15, 12:00 in Berlin (CET, UTC+1).
const NOW = new Date('2026-01-15T11:00:00Z');
const MINUTE = 60_000;
const later = (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE);

describe('send-scheduled-dms', () => {
  let app: TestApp;
  let deps: Deps;

  beforeAll(async () => {
    app = await startTestApp();
    deps = app.learnloop.deps;
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    await app.db.deleteFrom('scheduledDm').execute();
    await app.db.deleteFrom('person').execute();
    app.slack.reset();
  });

  const queue = (userId: string, key: string, options: { dueAt?: Date; onlyUsefulOnDay?: boolean } = {}) =>
    enqueueDm(app.db, {
      teamId: app.teamId,
      userId,
      kind: 'test_dm',
      dedupeKey: key,
      payload: { text: `message ${key}` },
      dueAt: options.dueAt ?? NOW,
      onlyUsefulOnDay: options.onlyUsefulOnDay ?? false,
    });
  const rows = () => app.db.selectFrom('scheduledDm').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();
  const row = async (key: string) => (await rows()).find((r) => r.dedupeKey === key);
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const run = (at: Date, withDeps: Deps = deps) => sendScheduledDms(withDeps).run(at);

  it('sends a due DM once and records it; a DM not yet due waits', async () => {
    app.slack.addUser({ id: 'U0SEND' });
    expect(await queue('U0SEND', 'send-1')).toBe(true);
    expect(await queue('U0SEND', 'send-1')).toBe(false);
    await queue('U0SEND', 'send-later', { dueAt: later(NOW, 60) });

    expect(await run(NOW)).toEqual({ sent: 1, deferred: 0, dropped: 0, failed: 0 });
    expect(await run(later(NOW, 1))).toEqual({ sent: 0, deferred: 0, dropped: 0, failed: 0 });

    expect(dmsTo('U0SEND').map((call) => call.params.text)).toEqual(['message send-1']);
    expect(await row('send-1')).toMatchObject({ status: 'sent', sentAt: NOW, attempts: 1, claimedUntil: null });
    expect(await row('send-later')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('defers a DM in quiet hours to 08:00 in the person’s time zone and sends it then', async () => {
    app.slack.addUser({ id: 'U0NY', tz: 'America/New_York' });
    const twoAmInNewYork = new Date('2026-01-15T07:00:00Z');
    const eightAmInNewYork = new Date('2026-01-15T13:00:00Z');
    await queue('U0NY', 'ny-1', { dueAt: twoAmInNewYork });

    expect(await run(twoAmInNewYork)).toMatchObject({ sent: 0, deferred: 1 });
    // A hold by the budget is not a try: the attempt is given back.
    expect(await row('ny-1')).toMatchObject({ status: 'pending', dueAt: eightAmInNewYork, statusReason: 'quiet_hours', attempts: 0 });

    expect(await run(later(eightAmInNewYork, -1))).toMatchObject({ sent: 0, deferred: 0 });
    expect(await run(eightAmInNewYork)).toMatchObject({ sent: 1 });
    expect(dmsTo('U0NY')).toHaveLength(1);
    expect(await row('ny-1')).toMatchObject({ status: 'sent', sentAt: eightAmInNewYork });
  });

  it('defers the 4th DM of a local day to 08:00 the next day', async () => {
    app.slack.addUser({ id: 'U0BUSY' });
    for (const n of [1, 2, 3, 4]) await queue('U0BUSY', `busy-${n}`, { dueAt: later(NOW, -n) });

    expect(await run(NOW)).toEqual({ sent: 3, deferred: 1, dropped: 0, failed: 0 });
    expect(dmsTo('U0BUSY')).toHaveLength(3);
    // The newest waits: 08:00 Friday in Berlin.
    const fridayMorning = new Date('2026-01-16T07:00:00Z');
    expect(await row('busy-1')).toMatchObject({ status: 'pending', dueAt: fridayMorning, statusReason: 'daily_limit' });

    expect(await run(later(fridayMorning, -1))).toMatchObject({ sent: 0 });
    expect(await run(fridayMorning)).toMatchObject({ sent: 1 });
    expect(dmsTo('U0BUSY')).toHaveLength(4);
  });

  it('defers a DM while the person’s Slack status says they are away', async () => {
    app.slack.addUser({ id: 'U0AWAY', profile: { status_emoji: ':palm_tree:', status_text: '' } });
    await queue('U0AWAY', 'away-1');

    expect(await run(NOW)).toMatchObject({ sent: 0, deferred: 1 });
    expect(dmsTo('U0AWAY')).toHaveLength(0);
    // No end date on the status: look again next morning.
    expect(await row('away-1')).toMatchObject({ status: 'pending', dueAt: new Date('2026-01-16T07:00:00Z'), statusReason: 'away' });
  });

  it('defers a DM to a muted person until the mute ends', async () => {
    app.slack.addUser({ id: 'U0MUTED' });
    const muteEnds = new Date('2026-01-17T10:00:00Z'); // Saturday 11:00 in Berlin
    await upsertPersonMute(app.db, app.teamId, 'U0MUTED', muteEnds);
    await queue('U0MUTED', 'muted-1');

    expect(await run(NOW)).toMatchObject({ deferred: 1 });
    expect(await row('muted-1')).toMatchObject({ status: 'pending', dueAt: muteEnds, statusReason: 'muted' });
    expect(await run(muteEnds)).toMatchObject({ sent: 1 });
    expect(dmsTo('U0MUTED')).toHaveLength(1);
  });

  it('drops a DM that is only useful on the day when the day is over for the person, and says why', async () => {
    app.slack.addUser({ id: 'U0EVENING' });
    const berlinEvening = new Date('2026-01-15T18:30:00Z'); // 19:30 in Berlin
    await queue('U0EVENING', 'today-only', { dueAt: berlinEvening, onlyUsefulOnDay: true });

    expect(await run(berlinEvening)).toMatchObject({ dropped: 1 });
    expect(dmsTo('U0EVENING')).toHaveLength(0);
    const dropped = await row('today-only');
    expect(dropped?.status).toBe('dropped');
    expect(dropped?.statusReason).toContain('quiet hours');
  });

  it('drops a same-day DM whose day passed while it waited', async () => {
    app.slack.addUser({ id: 'U0LATE' });
    await queue('U0LATE', 'yesterday', { dueAt: new Date('2026-01-14T15:00:00Z'), onlyUsefulOnDay: true });
    expect(await run(NOW)).toMatchObject({ dropped: 1 });
    expect(await row('yesterday')).toMatchObject({ status: 'dropped', statusReason: 'only useful on its day, which has passed' });
  });

  it.each([
    ['a deactivated user', { id: 'U0GONE', deleted: true }, 'deactivated user'],
    ['a bot user', { id: 'U0ROBOT', is_bot: true }, 'bot user'],
    ['a user Slack does not know', undefined, 'unknown user'],
  ])('drops a DM to %s', async (_name, user, reason) => {
    if (user) app.slack.addUser(user);
    const userId = user?.id ?? 'U0NOBODY';
    await queue(userId, `to-${userId}`);
    expect(await run(NOW)).toMatchObject({ dropped: 1 });
    expect(dmsTo(userId)).toHaveLength(0);
    expect(await row(`to-${userId}`)).toMatchObject({ status: 'dropped', statusReason: reason });
  });

  describe('with two app processes on one database', () => {
    let second: TestApp;
    beforeAll(async () => {
      second = await startSecondProcess(app);
    });
    afterAll(async () => {
      await second.stop();
    });

    it('sends each DM exactly once when both run at the same time', async () => {
      const users = Array.from({ length: 30 }, (_, i) => `U0RACE${i}`);
      for (const userId of users) {
        app.slack.addUser({ id: userId });
        for (const n of [1, 2]) await queue(userId, `race-${userId}-${n}`);
      }
      const [a, b] = await Promise.all([run(NOW, app.learnloop.deps), run(NOW, second.learnloop.deps)]);

      expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(60);
      const texts = app.slack.callsTo('chat.postMessage').map((call) => call.params.text as string);
      expect(texts).toHaveLength(60);
      expect(new Set(texts).size).toBe(60);
      expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
    });

    it('keeps the daily limit when both race for one person’s DMs', async () => {
      app.slack.addUser({ id: 'U0POPULAR' });
      for (const n of [1, 2, 3, 4, 5]) await queue('U0POPULAR', `popular-${n}`);
      const results = await Promise.all([run(NOW, app.learnloop.deps), run(NOW, second.learnloop.deps)]);

      expect(results.reduce((sum, r) => sum + (r.sent ?? 0), 0)).toBe(3);
      expect(results.reduce((sum, r) => sum + (r.deferred ?? 0), 0)).toBe(2);
      expect(dmsTo('U0POPULAR')).toHaveLength(3);
    });
  });

  it('takes over a DM whose process died after sending it: finds it in the person’s DMs and never sends it twice', async () => {
    app.slack.addUser({ id: 'U0CRASH' });
    await queue('U0CRASH', 'crash-1');
    // A process claims it, sends it, then dies before recording anything.
    const [claimed] = await claimDueDms(app.db, app.teamId, NOW, 10);
    await deps.poster.chat.postMessage({ channel: 'U0CRASH', text: 'message crash-1', metadata: { event_type: 'learnloop_dm', event_payload: { scheduled_dm_id: claimed!.id } } });

    expect(await run(later(NOW, 4))).toEqual({ sent: 0, deferred: 0, dropped: 0, failed: 0 });
    expect(await run(later(NOW, 6))).toEqual({ sent: 1, deferred: 0, dropped: 0, failed: 0 });
    expect(await run(later(NOW, 20))).toEqual({ sent: 0, deferred: 0, dropped: 0, failed: 0 });

    expect(app.slack.messages.filter((m) => m.channel === 'D0CRASH')).toHaveLength(1);
    expect(dmsTo('U0CRASH')).toHaveLength(1);
    expect(await row('crash-1')).toMatchObject({ status: 'sent', sentAt: later(NOW, 6), attempts: 2 });
  });

  it('takes over a DM whose process died before sending it, and sends it once', async () => {
    app.slack.addUser({ id: 'U0CRASH2' });
    await queue('U0CRASH2', 'crash-2');
    expect(await claimDueDms(app.db, app.teamId, NOW, 10)).toHaveLength(1);

    expect(await run(later(NOW, 6))).toMatchObject({ sent: 1 });
    expect(app.slack.callsTo('conversations.history')).toHaveLength(1);
    expect(app.slack.messages.filter((m) => m.channel === 'D0CRASH2')).toHaveLength(1);
  });

  describe('when Slack fails', () => {
    // The app's client retries 5xx itself; this one gives up at once so the job's own retries show.
    let noRetryDeps: Deps;
    beforeAll(() => {
      noRetryDeps = { ...deps, slack: new WebClient('xoxb-test-token', { slackApiUrl: app.slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }) };
    });

    it('retries a DM that Slack refused five minutes later', async () => {
      app.slack.addUser({ id: 'U0RETRY' });
      await queue('U0RETRY', 'retry-1');
      app.slack.fail('chat.postMessage', { error: 'fatal_error' });

      expect(await run(NOW, noRetryDeps)).toMatchObject({ sent: 0, deferred: 1 });
      expect(await row('retry-1')).toMatchObject({ status: 'pending', dueAt: later(NOW, 5), attempts: 1, statusReason: 'fatal_error' });
      expect(await run(later(NOW, 5), noRetryDeps)).toMatchObject({ sent: 1 });
      expect(dmsTo('U0RETRY')).toHaveLength(2);
      expect(await row('retry-1')).toMatchObject({ status: 'sent', statusReason: null });
    });

    it('fails a DM with the reason after 3 refusals', async () => {
      app.slack.addUser({ id: 'U0DOWN' });
      await queue('U0DOWN', 'down-1');
      app.slack.fail('chat.postMessage', { error: 'fatal_error' }, 5);

      expect(await run(NOW, noRetryDeps)).toMatchObject({ deferred: 1 });
      expect(await run(later(NOW, 1), noRetryDeps)).toMatchObject({ deferred: 0, failed: 0 });
      expect(await run(later(NOW, 5), noRetryDeps)).toMatchObject({ deferred: 1 });
      expect(await run(later(NOW, 10), noRetryDeps)).toMatchObject({ failed: 1 });
      expect(await run(later(NOW, 60), noRetryDeps)).toMatchObject({ sent: 0, failed: 0 });

      expect(dmsTo('U0DOWN')).toHaveLength(3);
      expect(await row('down-1')).toMatchObject({ status: 'failed', statusReason: 'fatal_error', attempts: 3 });
    });

    it('after a 500 from a Slack that kept the DM, finds it in the DM channel instead of sending it again', async () => {
      app.slack.addUser({ id: 'U0KEPT' });
      await queue('U0KEPT', 'kept-1');
      app.slack.fail('chat.postMessage', { status: 500, stored: true });

      expect(await run(NOW, noRetryDeps)).toMatchObject({ sent: 1 });
      expect(app.slack.messages.filter((m) => m.channel === 'D0KEPT')).toHaveLength(1);
      expect(dmsTo('U0KEPT')).toHaveLength(1);
      expect(await row('kept-1')).toMatchObject({ status: 'sent' });
    });

    it('after a 500 from a Slack that kept nothing, sends the DM once', async () => {
      app.slack.addUser({ id: 'U0LOST' });
      await queue('U0LOST', 'lost-1');
      app.slack.fail('chat.postMessage', { network: true });

      expect(await run(NOW, noRetryDeps)).toMatchObject({ sent: 1 });
      expect(app.slack.messages.filter((m) => m.channel === 'D0LOST')).toHaveLength(1);
    });

    it('sends nothing more while a DM’s outcome cannot be known, and the retry finds the DM Slack kept', async () => {
      app.slack.addUser({ id: 'U0UNSURE' });
      await queue('U0UNSURE', 'unsure-1');
      app.slack.fail('chat.postMessage', { status: 500, stored: true });
      app.slack.fail('conversations.history', { status: 500 });

      expect(await run(NOW, noRetryDeps)).toMatchObject({ sent: 0, deferred: 1 });
      expect(await row('unsure-1')).toMatchObject({ status: 'pending', dueAt: later(NOW, 5), statusReason: expect.stringMatching(/^outcome unknown/) });
      expect(await run(later(NOW, 5), noRetryDeps)).toMatchObject({ sent: 1 });

      const kept = app.slack.messages.filter((m) => m.channel === 'D0UNSURE');
      expect(kept).toHaveLength(1);
      expect(dmsTo('U0UNSURE')).toHaveLength(1);
      expect(await row('unsure-1')).toMatchObject({ status: 'sent', statusReason: null, attempts: 2 });
    });

    it('gives a DM up, sent once at most, when its DMs cannot be read on any attempt', async () => {
      app.slack.addUser({ id: 'U0BLIND' });
      await queue('U0BLIND', 'blind-1');
      app.slack.fail('chat.postMessage', { status: 500, stored: true });
      app.slack.fail('conversations.history', { status: 500 }, 3);

      expect(await run(NOW, noRetryDeps)).toMatchObject({ deferred: 1 });
      expect(await run(later(NOW, 5), noRetryDeps)).toMatchObject({ deferred: 1 });
      expect(await run(later(NOW, 10), noRetryDeps)).toMatchObject({ failed: 1 });
      expect(await run(later(NOW, 60), noRetryDeps)).toMatchObject({ sent: 0, failed: 0 });

      expect(app.slack.messages.filter((m) => m.channel === 'D0BLIND')).toHaveLength(1);
      expect(dmsTo('U0BLIND')).toHaveLength(1);
      expect(await row('blind-1')).toMatchObject({ status: 'failed', attempts: 3, statusReason: expect.stringMatching(/^outcome unknown/) });
    });

    it('keeps going after one DM fails: the others are sent', async () => {
      for (const id of ['U0FIRST', 'U0SECOND']) app.slack.addUser({ id });
      await queue('U0FIRST', 'first', { dueAt: later(NOW, -2) });
      await queue('U0SECOND', 'second', { dueAt: later(NOW, -1) });
      app.slack.on('chat.postMessage', (params) =>
        params.channel === 'U0FIRST' ? { ok: false, error: 'channel_not_found' } : { ok: true, channel: params.channel, ts: '1768474800.000100' },
      );

      expect(await run(NOW, noRetryDeps)).toMatchObject({ sent: 1, deferred: 1 });
      expect(await row('first')).toMatchObject({ status: 'pending', statusReason: 'channel_not_found' });
      expect(await row('second')).toMatchObject({ status: 'sent' });
    });
  });
});
