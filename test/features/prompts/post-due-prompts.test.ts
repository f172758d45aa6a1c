import { claimDuePrompts } from '../../../src/features/prompts/queries/prompts';
import { localParts } from '../../../src/platform/time/cadence';
import { postDuePrompts } from '../../../src/features/prompts/jobs/post-due-prompts';
import { seedSchedule } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startSecondProcess } from '../../support/interactions';

const at = (iso: string): Date => new Date(iso);

describe('posting due prompts', () => {
  let app: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    // A second process on the same database and the same Slack.
    other = await startSecondProcess(app);
  });
  afterAll(async () => {
    await other.stop();
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    for (const table of ['threadReply', 'trackedThread', 'prompt', 'promptSkip', 'promptSchedule'] as const) await app.db.deleteFrom(table).execute();
  });

  const job = (target: TestApp = app) => postDuePrompts(target.learnloop.deps);
  const posts = () => app.slack.callsTo('chat.postMessage').filter((c) => String(c.params.channel).startsWith('C'));
  const prompts = () => app.db.selectFrom('prompt').selectAll().where('teamId', '=', app.teamId).orderBy('scheduledFor').execute();
  const schedule = (id: number) => app.db.selectFrom('promptSchedule').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('posts a due prompt once, follows its thread and moves the schedule on', async () => {
    const id = await seedSchedule(app.db, app.teamId, 'C0ONE', { nextRunAt: at('2026-11-23T08:00:00Z') });
    const summary = await job().run(at('2026-11-23T08:00:20Z'));
    expect(summary).toMatchObject({ posted: 1, failed: 0 });
    expect(posts()).toHaveLength(1);
    const post = posts()[0]!;
    expect(post.params.blocks.find((b: any) => b.block_id === 'prompt_actions').elements.map((e: any) => e.action_id)).toEqual(['prompt_reply_private', 'prompt_record_learning']);
    expect(post.params.metadata.event_payload.prompt_id).toBe((await prompts())[0]!.id);
    const [prompt] = await prompts();
    expect(prompt).toMatchObject({ status: 'posted', channelId: 'C0ONE', questionText: 'What are we learning this week?' });
    const thread = await app.db.selectFrom('trackedThread').selectAll().where('subjectId', '=', prompt!.id).executeTakeFirst();
    expect(thread).toMatchObject({ kind: 'prompt', threadTs: prompt!.messageTs });
    expect(await schedule(id)).toMatchObject({ nextRunAt: at('2026-11-24T08:00:00Z'), lastResult: 'posted' });

    expect(await job().run(at('2026-11-23T08:01:00Z'))).toMatchObject({ posted: 0 });
    expect(posts()).toHaveLength(1);
  });

  it('posts each occurrence once when two processes race', async () => {
    for (let i = 0; i < 60; i++) await seedSchedule(app.db, app.teamId, `C0RACE${i % 12}`, { nextRunAt: at('2026-11-23T08:00:00Z') });
    const [a, b] = await Promise.all([job(app).run(at('2026-11-23T08:00:05Z')), job(other).run(at('2026-11-23T08:00:05Z'))]);
    expect(a.posted! + b.posted!).toBe(60);
    expect(posts()).toHaveLength(60);
    expect(new Set(posts().map((p) => p.params.metadata.event_payload.prompt_id)).size).toBe(60);
  });

  it('rotates through every question before repeating one in a channel', async () => {
    const id = await seedSchedule(app.db, app.teamId, 'C0ROT', { nextRunAt: at('2026-11-23T08:00:00Z') });
    const asked: string[] = [];
    for (let day = 0; day < 20; day++) {
      const { nextRunAt } = await schedule(id);
      await job().run(new Date(nextRunAt.getTime() + 1000));
    }
    for (const p of await prompts()) asked.push(p.questionText!);
    const firstCycle = asked.slice(0, 16);
    expect(new Set(firstCycle).size).toBe(16);
    expect(asked[16]).not.toBe(asked[15]);
  });

  it('posts a prompt missed while down if it is less than 2 hours late', async () => {
    await seedSchedule(app.db, app.teamId, 'C0LATE', { nextRunAt: at('2026-11-23T08:00:00Z') });
    expect(await job().run(at('2026-11-23T09:45:00Z'))).toMatchObject({ posted: 1 });
  });

  it('records a prompt more than 2 hours late as skipped and posts nothing', async () => {
    const id = await seedSchedule(app.db, app.teamId, 'C0LATE', { nextRunAt: at('2026-11-23T08:00:00Z') });
    expect(await job().run(at('2026-11-23T10:30:00Z'))).toMatchObject({ posted: 0, skipped: 1 });
    expect(posts()).toHaveLength(0);
    expect((await prompts())[0]).toMatchObject({ status: 'skipped', statusReason: expect.stringContaining('more than 2 hours late') });
    expect(await schedule(id)).toMatchObject({ lastResult: 'skipped', nextRunAt: at('2026-11-24T08:00:00Z') });
  });

  it('after a long outage records missed days as skipped and posts only the one still on time', async () => {
    await seedSchedule(app.db, app.teamId, 'C0DOWN', { nextRunAt: at('2026-11-20T08:00:00Z') });
    expect(await job().run(at('2026-11-23T08:30:00Z'))).toMatchObject({ posted: 1, skipped: 3 });
    expect((await prompts()).map((p) => p.status)).toEqual(['skipped', 'skipped', 'skipped', 'posted']);
  });

  it('fires at 09:00 local time on both sides of a daylight-saving change, once a day', async () => {
    for (const [zone, start] of [['Europe/Berlin', '2026-03-27T08:00:00Z'], ['America/New_York', '2026-10-30T13:00:00Z']] as const) {
      const id = await seedSchedule(app.db, app.teamId, `C0DST${zone.length}`, { nextRunAt: at(start), timeZone: zone });
      for (let day = 0; day < 5; day++) {
        const { nextRunAt } = await schedule(id);
        await job().run(new Date(nextRunAt.getTime() + 30_000));
      }
      const rows = (await prompts()).filter((p) => p.scheduleId === id);
      const local = rows.map((p) => localParts(p.postedAt!, zone));
      expect(rows).toHaveLength(5);
      expect(local.map((l) => `${l.hour}:${l.minute}`)).toEqual(Array(5).fill('9:0'));
      expect(new Set(local.map((l) => l.isoDate)).size).toBe(5);
    }
  });

  it('skips holiday dates', async () => {
    const id = await seedSchedule(app.db, app.teamId, 'C0HOLI', { nextRunAt: at('2026-12-24T08:00:00Z') });
    await app.db.insertInto('promptSkip').values({ teamId: app.teamId, channelId: 'C0HOLI', fromDate: '2026-12-24', toDate: '2027-01-02', createdBy: 'U0ALICE' }).execute();
    expect(await job().run(at('2026-12-24T08:00:10Z'))).toMatchObject({ posted: 0, skipped: 1 });
    expect((await schedule(id)).lastResultReason).toContain('2026-12-24..2027-01-02');
  });

  it('waits for Retry-After on 429, then posts', async () => {
    await seedSchedule(app.db, app.teamId, 'C0RATE', { nextRunAt: at('2026-11-23T08:00:00Z') });
    app.slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    expect(await job().run(at('2026-11-23T08:00:10Z'))).toMatchObject({ posted: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('after a 500 from a Slack that kept the message, finds it instead of posting again: one message', async () => {
    await seedSchedule(app.db, app.teamId, 'C0KEPT', { nextRunAt: at('2026-11-23T08:00:00Z') });
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    expect(await job().run(at('2026-11-23T08:00:10Z'))).toMatchObject({ posted: 1, failed: 0 });
    const inChannel = app.slack.messages.filter((m) => m.channel === 'C0KEPT');
    expect(inChannel).toHaveLength(1);
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await prompts())[0]).toMatchObject({ status: 'posted', messageTs: inChannel[0]!.ts });
  });

  it('after a 500 from a Slack that kept nothing, looks, then posts once', async () => {
    await seedSchedule(app.db, app.teamId, 'C0LOST', { nextRunAt: at('2026-11-23T08:00:00Z') });
    app.slack.fail('chat.postMessage', { status: 500 });
    expect(await job().run(at('2026-11-23T08:00:10Z'))).toMatchObject({ posted: 1 });
    expect(app.slack.callsTo('conversations.history')).toHaveLength(1);
    expect(app.slack.messages.filter((m) => m.channel === 'C0LOST')).toHaveLength(1);
  });

  it('leaves a prompt whose outcome stays unknown for the stale-claim recovery, which posts it once', async () => {
    const id = await seedSchedule(app.db, app.teamId, 'C0DOWN5', { nextRunAt: at('2026-11-23T08:00:00Z') });
    // Slack keeps the first post, then answers nothing clear, and its history cannot be read.
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    app.slack.fail('conversations.history', { status: 500 });
    expect(await job().run(at('2026-11-23T08:00:10Z'))).toMatchObject({ posted: 0, failed: 1 });
    expect((await prompts())[0]).toMatchObject({ status: 'claimed' });
    expect(await schedule(id)).toMatchObject({ status: 'active' });
    // Minutes later Slack answers again: the recovery finds the message and posts nothing.
    expect(await job().run(at('2026-11-23T08:10:00Z'))).toMatchObject({ recovered: 1, posted: 0 });
    expect(app.slack.messages.filter((m) => m.channel === 'C0DOWN5')).toHaveLength(1);
    expect((await prompts())[0]).toMatchObject({ status: 'posted' });
  }, 20_000);

  it.each(['not_in_channel', 'channel_not_found', 'is_archived'])('pauses the schedule on %s and tells its creator why', async (error) => {
    const id = await seedSchedule(app.db, app.teamId, 'C0GONE', { nextRunAt: at('2026-11-23T08:00:00Z'), createdBy: 'U0DANA' });
    app.slack.fail('chat.postMessage', { error });
    await job().run(at('2026-11-23T08:00:10Z'));
    expect(await schedule(id)).toMatchObject({ status: 'paused', pausedReason: error });
    const dm = app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === 'U0DANA');
    // Invited back, Learnloop resumes on its own; an archived channel needs a person to resume it.
    expect(dm?.params.text).toContain(error === 'is_archived' ? `Unarchive the channel, then run \`/learnloop prompts resume ${id}\`` : 'Invite me back with `/invite @Learnloop` and it runs again on its own.');
  });

  it('takes over a claim left by a stopped process without posting it twice', async () => {
    await seedSchedule(app.db, app.teamId, 'C0STALE', { nextRunAt: at('2026-11-23T08:00:00Z') });
    // Process A claims, posts, and dies before recording the outcome.
    const claimed = await claimDuePrompts(app.db, app.teamId, at('2026-11-23T08:00:05Z'));
    const promptId = claimed.claimed[0]!.id;
    app.slack.on('conversations.history', () => ({ ok: true, messages: [{ ts: '1795000000.000100', metadata: { event_type: 'learnloop_prompt', event_payload: { prompt_id: promptId } } }] }));
    expect(await job().run(at('2026-11-23T08:10:00Z'))).toMatchObject({ recovered: 1, posted: 0 });
    expect(posts()).toHaveLength(0);
    expect((await prompts())[0]).toMatchObject({ status: 'posted', messageTs: '1795000000.000100' });
  });

  it('posts a stale claim whose message never reached Slack', async () => {
    await seedSchedule(app.db, app.teamId, 'C0STALE2', { nextRunAt: at('2026-11-23T08:00:00Z') });
    await claimDuePrompts(app.db, app.teamId, at('2026-11-23T08:00:05Z'));
    app.slack.on('conversations.history', () => ({ ok: true, messages: [] }));
    expect(await job().run(at('2026-11-23T08:10:00Z'))).toMatchObject({ posted: 1 });
    expect(posts()).toHaveLength(1);
  });

  it('posts nothing for a stale claim while its channel cannot be read, and looks again at the next recovery', async () => {
    await seedSchedule(app.db, app.teamId, 'C0STALE3', { nextRunAt: at('2026-11-23T08:00:00Z') });
    // Process A claims, posts (Slack keeps it), and dies before recording the outcome.
    const promptId = (await claimDuePrompts(app.db, app.teamId, at('2026-11-23T08:00:05Z'))).claimed[0]!.id;
    await app.learnloop.deps.poster.chat.postMessage({ channel: 'C0STALE3', text: 'prompt', metadata: { event_type: 'learnloop_prompt', event_payload: { prompt_id: promptId } } });
    app.slack.fail('conversations.history', { status: 500 });

    expect(await job().run(at('2026-11-23T08:10:00Z'))).toMatchObject({ recovered: 0, posted: 0, failed: 1 });
    expect((await prompts())[0]).toMatchObject({ status: 'claimed' });
    expect(app.slack.messages.filter((m) => m.channel === 'C0STALE3')).toHaveLength(1);

    // The recovery moved the claim on; the next one still looks back to the occurrence, finds the message.
    expect(await job().run(at('2026-11-23T08:16:00Z'))).toMatchObject({ recovered: 1, posted: 0 });
    const kept = app.slack.messages.filter((m) => m.channel === 'C0STALE3');
    expect(kept).toHaveLength(1);
    expect((await prompts())[0]).toMatchObject({ status: 'posted', messageTs: kept[0]!.ts });
    expect(Number(app.slack.callsTo('conversations.history').at(-1)!.params.oldest)).toBe(Date.parse('2026-11-23T08:00:00Z') / 1000 - 60);
  });
});
