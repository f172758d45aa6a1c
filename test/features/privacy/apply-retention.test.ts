import { randomUUID } from 'node:crypto';
import { applyRetention } from '../../../src/features/privacy/jobs/apply-retention';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHANNEL = 'C0GENERAL';
const ADMIN = 'U0ADMIN';
const BOB = 'U0BOB';
const OTHER_TEAM = 'T0OTHERTEAM';
const NOW = new Date('2026-11-23T03:30:00Z');
const daysAgo = (days: number, from = NOW): Date => new Date(from.getTime() - days * 86_400_000);

describe('retention', () => {
  let app: TestApp;
  let other: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN } });
    // A second process on the same database and the same Slack.
    other = await startTestApp({ schema: app.schema, slack: app.slack, env: { LEARNLOOP_ADMINS: ADMIN } });
    app.slack.addUser({ id: BOB });
    app.slack.addUser({ id: ADMIN });
  });
  afterAll(async () => {
    await other.stop();
    await app.stop();
  });

  async function settings(user: string, text: string): Promise<string> {
    const responseId = `settings-${++counter}`;
    const response = await app.command('/learnloop', `settings ${text}`, { user_id: user, channel_id: CHANNEL, response_url: app.slack.responseUrl(responseId) });
    expect(response.status).toBe(200);
    return (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body)).text;
  }
  const retentionDays = async () =>
    (await app.db.selectFrom('workspaceSetting').select('retentionDays').where('teamId', '=', app.teamId).executeTakeFirst())?.retentionDays;

  /** One row of every kind the job deletes, `age` days old, in `teamId`; returns the texts/ids to look for. */
  async function seedContent(teamId: string, age: number, tag: string): Promise<void> {
    const db = app.db;
    const createdAt = daysAgo(age);
    const prompt = await db
      .insertInto('prompt')
      .values({ teamId, channelId: CHANNEL, scheduleId: null, scheduledFor: createdAt, status: 'posted', statusReason: null, questionId: null, questionText: tag, claimedAt: createdAt, messageTs: `${tag}.1`, postedAt: createdAt, requestedBy: null, nudgeAfterMinutes: null, createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const thread = await db.insertInto('trackedThread').values({ teamId, channelId: CHANNEL, threadTs: `${tag}.1`, kind: 'prompt', subjectId: prompt.id, createdAt }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('threadReply').values({ teamId, threadId: thread.id, channelId: CHANNEL, userId: BOB, text: tag, ts: `${tag}.2`, createdAt }).execute();
    await db.insertInto('learning').values({ teamId, userId: BOB, text: tag, createdAt }).execute();
    for (const status of ['closed', 'open'] as const) {
      const review = await db
        .insertInto('review')
        .values({ teamId, channelId: CHANNEL, title: `${tag} ${status}`, link: null, startedBy: BOB, facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: null, messageTs: null, status, closedAt: status === 'closed' ? createdAt : null, createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('reflection').values({ teamId, reviewId: review.id, userId: BOB, expected: tag, actual: null, whyDifference: null, nextTime: null, createdAt }).execute();
    }
    await db.insertInto('feedback').values({ teamId, senderId: BOB, recipientId: ADMIN, text: tag, createdAt }).execute();
    const pair = await db.insertInto('mentoringPair').values({ teamId, mentorId: BOB, menteeId: ADMIN, status: 'ended', requestedBy: BOB, createdAt }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('checkIn').values({ teamId, pairId: pair.id, mentorId: BOB, menteeId: ADMIN, mentorLearned: tag, menteeLearned: null, menteeReflection: null, heldAt: createdAt, createdAt }).execute();
    for (const status of ['done', 'dropped', 'open'] as const) {
      await db.insertInto('commitment').values({ teamId, reviewId: null, ownerId: BOB, text: `${tag} ${status}`, dueDate: '2026-01-01', status, createdBy: BOB, doneAt: status === 'done' ? createdAt : null, createdAt }).execute();
    }
    await db.insertInto('eventReceipt').values({ teamId, eventId: `Ev${tag}`, eventType: 'message', createdAt }).execute();
    for (const status of ['closed', 'open'] as const) {
      const pulse = await db
        .insertInto('pulseRun')
        .values({ teamId, channelId: `${CHANNEL}${status}`, privateChannelId: null, scheduledFor: createdAt, statements: [`${tag} ${status} pulse`], status, openedAt: createdAt, closesAt: createdAt, remindAt: createdAt, remindedAt: null, closedAt: status === 'closed' ? createdAt : null, resultsTs: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('pulseAnswer').values({ teamId, id: randomUUID(), pulseRunId: pulse.id, scores: [3] }).execute();
      await db.insertInto('pulseParticipation').values({ teamId, pulseRunId: pulse.id, userId: BOB }).execute();
    }
    await db.insertInto('aiDraft').values({ teamId, userId: BOB, kind: 'ask', subjectId: null, channelId: CHANNEL, threadTs: null, status: 'published', body: `${tag} draft`, model: 'm', promptVersion: 'v', createdAt }).execute();
    for (const status of ['sent', 'dropped', 'pending'] as const) {
      await db.insertInto('scheduledDm').values({ teamId, userId: BOB, kind: 'prompt_nudge', dedupeKey: `${tag}-${status}`, payload: JSON.stringify({}), dueAt: createdAt, status, createdAt }).execute();
    }
  }

  const count = async (table: 'threadReply' | 'learning' | 'review' | 'reflection' | 'feedback' | 'checkIn' | 'commitment' | 'prompt' | 'eventReceipt' | 'scheduledDm', teamId: string) =>
    Number((await app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('teamId', '=', teamId).executeTakeFirstOrThrow()).n);
  const job = (target: TestApp = app) => applyRetention(target.learnloop.deps);
  const resetClaim = () => app.db.updateTable('workspaceSetting').set({ lastRetentionRunAt: null }).execute();

  it('refuses `settings retention` to someone who is not an admin', async () => {
    expect(await settings(BOB, 'retention 90')).toContain('Only Learnloop admins and workspace admins');
    expect(await retentionDays()).toBeUndefined();
    expect(await settings(BOB, 'retention')).toContain('keeps everything');
  });

  it('lets an admin set 30–3650 days or switch it off', async () => {
    expect(await settings(ADMIN, 'retention 10')).toContain('from 30 to 3650');
    expect(await settings(ADMIN, 'retention 4000')).toContain('from 30 to 3650');
    expect(await settings(ADMIN, 'retention off')).toContain('keeps everything again');
    expect(await retentionDays()).toBeNull();
    expect(await settings(ADMIN, 'retention 90')).toContain('older than 90 days');
    expect(await retentionDays()).toBe(90);
    expect(await settings(BOB, 'retention')).toContain('older than 90 days');
  });

  it('deletes only content older than the period, once a day, from 03:00 UTC', async () => {
    await seedContent(app.teamId, 100, 'old');
    await seedContent(app.teamId, 10, 'new');
    await seedContent(OTHER_TEAM, 100, 'otherteam');
    const schedules = await app.db.insertInto('promptSchedule').values({
      teamId: app.teamId, channelId: CHANNEL, createdBy: BOB, cadence: JSON.stringify({ kind: 'daily', time: { hour: 9, minute: 0 } }), timeZone: 'UTC', questionSet: 'default',
      nextRunAt: NOW, nudgeAfterMinutes: null, pausedReason: null, lastResult: null, lastResultReason: null, lastRunAt: null, createdAt: daysAgo(400),
    }).returning('id').executeTakeFirstOrThrow();

    expect((await job().run(new Date('2026-11-23T02:59:00Z'))).workspaces).toBe(0);
    expect(await count('learning', app.teamId)).toBe(2);

    expect(await job().run(NOW)).toEqual({
      workspaces: 1, replies: 1, learnings: 1, reviews: 1, reflections: 1, feedback: 1, checkIns: 1, commitments: 2, prompts: 1, eventReceipts: 1, scheduledDms: 2, pulses: 1, aiDrafts: 1,
    });
    expect(await app.db.selectFrom('aiDraft').select('body').where('teamId', '=', app.teamId).execute()).toEqual([{ body: 'new draft' }]);
    // An old closed pulse goes with its answers and participation; an open one stays.
    expect((await app.db.selectFrom('pulseRun').select('statements').where('teamId', '=', app.teamId).orderBy('id').execute()).map((r) => r.statements[0])).toEqual(['old open pulse', 'new closed pulse', 'new open pulse']);
    expect(Number((await app.db.selectFrom('pulseAnswer').select((eb) => eb.fn.countAll<number>().as('n')).where('teamId', '=', app.teamId).executeTakeFirstOrThrow()).n)).toBe(3);
    expect(Number((await app.db.selectFrom('pulseParticipation').select((eb) => eb.fn.countAll<number>().as('n')).where('teamId', '=', app.teamId).executeTakeFirstOrThrow()).n)).toBe(3);
    expect(await app.db.selectFrom('learning').select('text').where('teamId', '=', app.teamId).execute()).toEqual([{ text: 'new' }]);
    expect(await app.db.selectFrom('threadReply').select('text').where('teamId', '=', app.teamId).execute()).toEqual([{ text: 'new' }]);
    expect((await app.db.selectFrom('review').select('title').where('teamId', '=', app.teamId).orderBy('id').execute()).map((r) => r.title)).toEqual(['old open', 'new closed', 'new open']);
    expect((await app.db.selectFrom('commitment').select('text').where('teamId', '=', app.teamId).orderBy('id').execute()).map((c) => c.text)).toEqual(['old open', 'new done', 'new dropped', 'new open']);
    expect((await app.db.selectFrom('scheduledDm').select('dedupeKey').where('teamId', '=', app.teamId).orderBy('id').execute()).map((d) => d.dedupeKey)).toEqual(['old-pending', 'new-sent', 'new-dropped', 'new-pending']);
    expect(await app.db.selectFrom('trackedThread').select('threadTs').where('teamId', '=', app.teamId).execute()).toEqual([{ threadTs: 'new.1' }]);
    // Schedules are settings, not content: retention keeps them.
    expect(await app.db.selectFrom('promptSchedule').select('id').where('id', '=', schedules.id).executeTakeFirst()).toEqual({ id: schedules.id });
    // Another workspace (no retention set) keeps everything.
    expect(await count('learning', OTHER_TEAM)).toBe(1);
    expect(await count('threadReply', OTHER_TEAM)).toBe(1);

    // Later the same day: already done.
    await seedContent(app.teamId, 200, 'older');
    expect((await job().run(new Date('2026-11-23T23:59:00Z'))).workspaces).toBe(0);
    expect(await count('learning', app.teamId)).toBe(2);
    expect((await job().run(new Date('2026-11-24T02:59:00Z'))).workspaces).toBe(0);
    // The next night it runs again.
    expect(await job().run(daysAgo(-1))).toMatchObject({ workspaces: 1, learnings: 1, replies: 1 });
    expect(await app.db.selectFrom('learning').select('text').where('teamId', '=', app.teamId).execute()).toEqual([{ text: 'new' }]);
  });

  it('runs once when two processes race', async () => {
    await resetClaim();
    await seedContent(app.teamId, 150, 'race');
    const [a, b] = await Promise.all([job(app).run(daysAgo(-3)), job(other).run(daysAgo(-3))]);
    expect((a.workspaces ?? 0) + (b.workspaces ?? 0)).toBe(1);
    expect((a.learnings ?? 0) + (b.learnings ?? 0)).toBe(1);
  });

  it('keeps everything once retention is off', async () => {
    expect(await settings(ADMIN, 'retention off')).toContain('keeps everything again');
    await resetClaim();
    await seedContent(app.teamId, 1000, 'ancient');
    expect((await job().run(daysAgo(-5))).workspaces).toBe(0);
    expect(await app.db.selectFrom('learning').select('text').where('text', '=', 'ancient').execute()).toHaveLength(1);
  });
});
