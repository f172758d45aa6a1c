import type { Deps } from '../../../src/deps';
import type { Job } from '../../../src/platform/scheduler';
import { jobsOf } from '../../../src/app';
import { allFeatures } from '../../../src/features';
import { queuePromptNudges } from '../../../src/features/prompts/jobs/queue-prompt-nudges';
import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHANNEL = 'C0NUDGE';
const PROMPT_TS = '1768467600.000100';
// Posted Thursday 2026-01-15 at 10:00 in Berlin; the nudge is due 4 hours later, at 14:00 there.
const POSTED_AT = new Date('2026-01-15T09:00:00Z');
const NUDGE_DUE = new Date('2026-01-15T13:00:00Z');
const NUDGE_MINUTES = 240;

describe('queue-prompt-nudges', () => {
  let app: TestApp;
  let deps: Deps;

  beforeAll(async () => {
    app = await startTestApp();
    deps = app.learnloop.deps;
    app.slack.addUser({ id: 'U0REPLIED' });
    app.slack.addUser({ id: 'U0QUIET' });
    app.slack.addUser({ id: 'U0SOMEBOT', is_bot: true });
    app.slack.addUser({ id: 'U0LEFT', deleted: true });
    app.slack.addUser({ id: 'U0TOKYO', tz: 'Asia/Tokyo' });
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    for (const table of ['scheduledDm', 'threadReply', 'trackedThread', 'prompt'] as const) await app.db.deleteFrom(table).execute();
    app.slack.reset();
    app.slack.channelMembers.set(CHANNEL, ['U0REPLIED', 'U0QUIET', app.slack.botUserId, 'U0SOMEBOT', 'U0LEFT']);
  });

  const seedPrompt = (options: { nudgeAfterMinutes?: number | null; questionText?: string; ts?: string } = {}) =>
    seedPostedPrompt(app.db, app.teamId, CHANNEL, options.ts ?? PROMPT_TS, {
      postedAt: POSTED_AT,
      nudgeAfterMinutes: options.nudgeAfterMinutes === undefined ? NUDGE_MINUTES : options.nudgeAfterMinutes,
      questionText: options.questionText ?? 'What surprised you this week?',
    });
  const reply = async (promptId: number, userId: string, ts: string) => {
    const thread = await app.db.selectFrom('trackedThread').select('id').where('kind', '=', 'prompt').where('subjectId', '=', promptId).executeTakeFirstOrThrow();
    await app.db.insertInto('threadReply').values({ teamId: app.teamId, threadId: thread.id, channelId: CHANNEL, userId, text: 'my answer', ts, permalink: null, editedAt: null }).execute();
  };
  const queued = () => app.db.selectFrom('scheduledDm').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();
  const wiredJob = (name: string): Job => {
    const job = jobsOf(deps, allFeatures(deps)).find((j) => j.name === name);
    if (!job) throw new Error(`${name} is not registered`);
    return job;
  };

  it('queues one nudge for each member who has not replied, never for bots, deactivated users or Learnloop', async () => {
    const promptId = await seedPrompt({ questionText: 'Ping <!channel>: what did we learn?' });
    await reply(promptId, 'U0REPLIED', '1768467700.000100');

    expect(await queuePromptNudges(deps).run(new Date(NUDGE_DUE.getTime() - 60_000))).toEqual({ prompts: 0, queued: 0 });
    expect(await queuePromptNudges(deps).run(NUDGE_DUE)).toEqual({ prompts: 1, queued: 1 });

    const rows = await queued();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: 'U0QUIET',
      kind: 'prompt_nudge',
      dedupeKey: `prompt_nudge:${promptId}:U0QUIET`,
      dueAt: NUDGE_DUE,
      onlyUsefulOnDay: false,
      status: 'pending',
    });
    const payload = rows[0]?.payload as { promptId: number; channelId: string; text: string };
    expect(payload).toMatchObject({ promptId, channelId: CHANNEL });
    expect(payload.text).toContain(`A reflection question is waiting for you in <#${CHANNEL}>: “Ping @\u200Bchannel: what did we learn?” Reply in the thread when you have a minute.`);
    expect(payload.text).toContain(`https://acme.slack.com/archives/${CHANNEL}/p1768467600000100`);
    expect(payload.text).not.toContain('<!channel>');

    const prompt = await app.db.selectFrom('prompt').select('nudgesQueuedAt').where('id', '=', promptId).executeTakeFirstOrThrow();
    expect(prompt.nudgesQueuedAt).toEqual(NUDGE_DUE);
  });

  it('queues a prompt’s nudges once, however often and by however many processes it runs', async () => {
    await seedPrompt();
    const results = await Promise.all([queuePromptNudges(deps).run(NUDGE_DUE), queuePromptNudges(deps).run(NUDGE_DUE)]);
    expect(results.reduce((sum, r) => sum + (r.prompts ?? 0), 0)).toBe(1);
    expect(await queuePromptNudges(deps).run(new Date(NUDGE_DUE.getTime() + 60_000))).toEqual({ prompts: 0, queued: 0 });
    expect((await queued()).map((r) => r.userId).sort()).toEqual(['U0QUIET', 'U0REPLIED']);
    expect(app.slack.callsTo('conversations.members')).toHaveLength(1);
  });

  it('leaves prompts without a nudge alone', async () => {
    await seedPrompt({ nudgeAfterMinutes: null });
    expect(await queuePromptNudges(deps).run(NUDGE_DUE)).toEqual({ prompts: 0, queued: 0 });
    expect(app.slack.callsTo('conversations.members')).toHaveLength(0);
  });

  it('reads every page of channel members', async () => {
    await seedPrompt();
    app.slack.on('conversations.members', (params) =>
      params.cursor === 'page2'
        ? { ok: true, members: ['U0QUIET'], response_metadata: { next_cursor: '' } }
        : { ok: true, members: ['U0REPLIED'], response_metadata: { next_cursor: 'page2' } },
    );
    expect(await queuePromptNudges(deps).run(NUDGE_DUE)).toEqual({ prompts: 1, queued: 2 });
    expect(app.slack.callsTo('conversations.members')).toHaveLength(2);
  });

  it('tries again on the next tick when the members cannot be listed', async () => {
    await seedPrompt();
    app.slack.fail('conversations.members', { error: 'internal_error' });
    expect(await queuePromptNudges(deps).run(NUDGE_DUE)).toEqual({ prompts: 1, queued: 0 });
    expect(await queuePromptNudges(deps).run(new Date(NUDGE_DUE.getTime() + 60_000))).toEqual({ prompts: 1, queued: 2 });
  });

  it('sends the nudge through the budgeted queue, and drops it as "already replied" if the person replied first', async () => {
    app.slack.channelMembers.set(CHANNEL, ['U0REPLIED', 'U0QUIET', 'U0TOKYO']);
    const promptId = await seedPrompt();
    expect(await wiredJob('queue-prompt-nudges').run(NUDGE_DUE)).toEqual({ prompts: 1, queued: 3 });
    await reply(promptId, 'U0REPLIED', '1768467800.000100');

    // 14:00 in Berlin, but 22:00 in Tokyo: that nudge waits for 08:00 there.
    expect(await wiredJob('send-scheduled-dms').run(NUDGE_DUE)).toEqual({ sent: 1, deferred: 1, dropped: 1, failed: 0 });
    const sent = app.slack.callsTo('chat.postMessage');
    expect(sent.map((call) => call.params.channel)).toEqual(['U0QUIET']);
    expect(sent[0]?.params.text).toContain(`<#${CHANNEL}>`);

    const rows = await queued();
    expect(rows.find((r) => r.userId === 'U0REPLIED')).toMatchObject({ status: 'dropped', statusReason: 'already replied' });
    expect(rows.find((r) => r.userId === 'U0TOKYO')).toMatchObject({ status: 'pending', statusReason: 'quiet_hours', dueAt: new Date('2026-01-15T23:00:00Z') });

    // Tokyo replies overnight: at 08:00 there the nudge is pointless and dropped.
    await reply(promptId, 'U0TOKYO', '1768467900.000100');
    expect(await wiredJob('send-scheduled-dms').run(new Date('2026-01-15T23:00:00Z'))).toMatchObject({ sent: 0, dropped: 1 });
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
