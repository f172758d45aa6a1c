import { postDueDigests } from '../../../src/features/digest/jobs/post-due-digests';
import { clearDigestTables, seedReply, seedThread } from '../../support/digest-seed';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startSecondProcess } from '../../support/interactions';

// Friday 27 November 2026, 16:00 in Berlin.
const DUE = new Date('2026-11-27T15:00:00Z');
const CHANNEL = 'C0DIGEST';

describe('posting due digests', () => {
  let app: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    other = await startSecondProcess(app);
    for (const id of ['U1', 'U2', 'U3']) app.slack.addUser({ id });
    app.slack.channelMembers.set(CHANNEL, ['U1', 'U2', 'U3']);
  });
  afterAll(async () => {
    await other.stop();
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await clearDigestTables(app.db);
    await app.db
      .insertInto('digestSchedule')
      .values({ teamId: app.teamId, channelId: CHANNEL, weekday: 5, hour: 16, minute: 0, timeZone: 'Europe/Berlin', nextRunAt: DUE, createdBy: 'U1' })
      .execute();
  });

  const posts = () => app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL);
  const digests = () => app.db.selectFrom('digest').selectAll().execute();
  const schedule = () => app.db.selectFrom('digestSchedule').selectAll().executeTakeFirstOrThrow();

  it('posts the digest due at Friday 16:00 local once and moves to next Friday', async () => {
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T14:59:00Z'))).toMatchObject({ posted: 0 });
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:00:30Z'))).toMatchObject({ posted: 1, skipped: 0 });
    expect(posts()).toHaveLength(1);
    expect(await digests()).toEqual([expect.objectContaining({ status: 'posted', scheduledFor: DUE })]);
    expect((await schedule()).nextRunAt).toEqual(new Date('2026-12-04T15:00:00Z'));
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:01:00Z'))).toMatchObject({ posted: 0 });
    expect(posts()).toHaveLength(1);
  });

  it('after a 500 from a Slack that kept the digest, finds it instead of posting again: one digest', async () => {
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:00:30Z'))).toMatchObject({ posted: 1 });
    const kept = app.slack.messages.filter((m) => m.channel === CHANNEL && m.metadata?.event_type === 'learnloop_digest');
    expect(kept).toHaveLength(1);
    expect(await digests()).toEqual([expect.objectContaining({ status: 'posted', messageTs: kept[0]!.ts })]);
  });

  const kept = () => app.slack.messages.filter((m) => m.channel === CHANNEL && m.metadata?.event_type === 'learnloop_digest');

  it('leaves a digest whose outcome cannot be known claimed, and its recovery finds it instead of posting it twice', async () => {
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    app.slack.fail('conversations.history', { status: 500 });
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:00:30Z'))).toMatchObject({ posted: 0, failed: 1 });
    expect(await digests()).toEqual([expect.objectContaining({ status: 'claimed' })]);
    // Not stale yet: nothing happens.
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:03:00Z'))).toMatchObject({ posted: 0, failed: 0 });
    // Stale: the recovery looks first and finds the digest Slack kept.
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:06:00Z'))).toMatchObject({ posted: 1 });
    expect(kept()).toHaveLength(1);
    expect(app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL)).toHaveLength(1);
    expect(await digests()).toEqual([expect.objectContaining({ status: 'posted', messageTs: kept()[0]!.ts })]);
    // Its chart, never uploaded by the first attempt, goes into the found digest's thread.
    expect(app.slack.callsTo('files.completeUploadExternal').at(-1)?.params).toMatchObject({ thread_ts: kept()[0]!.ts });
  });

  it('posts nothing for a stale digest while its channel cannot be read, and gives it up once too late', async () => {
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    app.slack.fail('conversations.history', { status: 500 }, 2);
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:00:30Z'))).toMatchObject({ failed: 1 });
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:06:00Z'))).toMatchObject({ posted: 0, failed: 1 });
    expect(await digests()).toEqual([expect.objectContaining({ status: 'claimed' })]);
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T17:30:00Z'))).toMatchObject({ posted: 0 });
    expect(kept()).toHaveLength(1);
    expect(await digests()).toEqual([expect.objectContaining({ status: 'failed', statusReason: expect.stringContaining('not posted again') })]);
  });

  it('posts a stale digest whose message never reached Slack, once', async () => {
    app.slack.fail('chat.postMessage', { status: 500 }, 3);
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:00:30Z'))).toMatchObject({ failed: 1 });
    expect(kept()).toHaveLength(0);
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:06:00Z'))).toMatchObject({ posted: 1 });
    expect(kept()).toHaveLength(1);
    expect(await digests()).toEqual([expect.objectContaining({ status: 'posted', messageTs: kept()[0]!.ts })]);
  });

  it('posts once when two processes race', async () => {
    const now = new Date('2026-11-27T15:00:10Z');
    const results = await Promise.all([postDueDigests(app.learnloop.deps).run(now), postDueDigests(other.learnloop.deps).run(now)]);
    expect(results.reduce((sum, r) => sum + (r.posted ?? 0), 0)).toBe(1);
    expect(posts()).toHaveLength(1);
    expect(await digests()).toHaveLength(1);
  });

  it('skips a digest more than 2 hours late', async () => {
    expect(await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T17:01:00Z'))).toMatchObject({ posted: 0, skipped: 1 });
    expect(posts()).toHaveLength(0);
    expect(await digests()).toEqual([expect.objectContaining({ status: 'skipped' })]);
    expect((await schedule()).nextRunAt).toEqual(new Date('2026-12-04T15:00:00Z'));
  });

  it("records the channel's members with each digest and compares with last week's members, not today's", async () => {
    const thread = await seedThread(app.db, app.teamId, CHANNEL);
    for (const user of ['U1', 'U2', 'U3']) {
      await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date('2026-11-25T10:00:00Z'));
      await seedReply(app.db, app.teamId, thread, CHANNEL, user, new Date('2026-12-02T10:00:00Z'));
    }
    await postDueDigests(app.learnloop.deps).run(new Date('2026-11-27T15:00:30Z'));
    expect(await digests()).toEqual([expect.objectContaining({ status: 'posted', humanMembers: 3 })]);

    // Three people join; the same three reply again the next week.
    for (const id of ['U4', 'U5', 'U6']) app.slack.addUser({ id });
    app.slack.channelMembers.set(CHANNEL, ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
    try {
      await postDueDigests(app.learnloop.deps).run(new Date('2026-12-04T15:00:30Z'));
      const second = posts()[posts().length - 1]!;
      const participation = JSON.stringify(second.params.blocks).match(/Participation:\*\s*([^"\\]*)/)?.[1];
      // 3 of 6 this week; last week 3 of the 3 members it had (not 3 of today's 6).
      expect(participation).toBe('50% (down from 100%)');
      expect((await digests()).map((d) => d.humanMembers).sort()).toEqual([3, 6]);
    } finally {
      app.slack.channelMembers.set(CHANNEL, ['U1', 'U2', 'U3']);
    }
  });
});
