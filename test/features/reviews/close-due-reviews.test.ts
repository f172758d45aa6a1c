import { sql } from 'kysely';
import { closeDueReviews } from '../../../src/features/reviews/jobs/close-due-reviews';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startSecondProcess } from '../../support/interactions';

const CHANNEL = 'C0AUTO';
const at = (iso: string): Date => new Date(iso);

describe('closing reviews at their close time', () => {
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
    for (const table of ['learning', 'reflection', 'trackedThread', 'review'] as const) await app.db.deleteFrom(table).execute();
  });

  const job = (target: TestApp = app) => closeDueReviews(target.learnloop.deps);
  const summaries = () => app.slack.callsTo('chat.postMessage').filter((c) => (c.params.blocks ?? []).some((b: any) => b.block_id === 'review_summary'));
  const review = (id: number) => app.db.selectFrom('review').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function seedReview(n: number, closeAt: Date | null): Promise<number> {
    const ts = `17900${String(n).padStart(5, '0')}.000100`;
    const row = await app.db
      .insertInto('review')
      .values({ teamId: app.teamId, channelId: CHANNEL, title: `Review ${n}`, link: null, startedBy: 'U0ALICE', facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: ts, messageTs: ts, status: 'open', closeAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.insertInto('trackedThread').values({ teamId: app.teamId, channelId: CHANNEL, threadTs: ts, kind: 'review', subjectId: row.id }).execute();
    return row.id;
  }

  it('closes a review once its close time has come, and not before', async () => {
    const id = await seedReview(1, at('2026-11-23T16:00:00Z'));
    await app.db.insertInto('reflection').values({ teamId: app.teamId, reviewId: id, userId: 'U0BOB', expected: 'x', actual: null, whyDifference: 'No canary', nextTime: 'Canary first', anonymous: false }).execute();
    expect(await job().run(at('2026-11-23T15:59:00Z'))).toEqual({ closed: 0, failed: 0 });
    expect((await review(id)).status).toBe('open');

    expect(await job().run(at('2026-11-23T16:00:30Z'))).toEqual({ closed: 1, failed: 0 });
    const closed = await review(id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: null });
    expect(closed.summaryTs).not.toBeNull();
    expect(summaries()).toHaveLength(1);
    expect(summaries()[0]!.params.thread_ts).toBe(closed.threadTs);
    expect(summaries()[0]!.params.blocks[0].text.text).toContain('Closed automatically');
    const updates = app.slack.callsTo('chat.update').filter((c) => c.params.ts === closed.messageTs);
    expect(updates).toHaveLength(1);
    const update = updates[0]!;
    expect(update.params.channel).toBe(CHANNEL);
    expect(update.params.blocks.some((b: any) => b.block_id === 'review_actions')).toBe(false);
    const header = update.params.blocks.find((b: any) => b.block_id === 'review_header');
    expect(header.text.text).toContain('*After-action review: Review 1* (closed)');
    expect(JSON.stringify(update.params.blocks)).toContain('Closed automatically');
    const learnings = await app.db.selectFrom('learning').select(['text', 'sourceId']).where('teamId', '=', app.teamId).orderBy('id').execute();
    expect(learnings).toEqual([
      { text: 'No canary', sourceId: id },
      { text: 'Canary first', sourceId: id },
    ]);

    expect(await job().run(at('2026-11-23T16:01:00Z'))).toEqual({ closed: 0, failed: 0 });
    expect(summaries()).toHaveLength(1);
  });

  it('leaves reviews without a close time open', async () => {
    const id = await seedReview(2, null);
    await job().run(at('2030-01-01T00:00:00Z'));
    expect((await review(id)).status).toBe('open');
  });

  it('closes each due review once when two processes race', async () => {
    const ids: number[] = [];
    for (let n = 10; n < 40; n++) ids.push(await seedReview(n, at('2026-11-23T08:00:00Z')));
    // The limit per run is 20: both processes run twice.
    const runs = await Promise.all([job(app).run(at('2026-11-23T08:00:05Z')), job(other).run(at('2026-11-23T08:00:05Z'))]);
    const more = await Promise.all([job(app).run(at('2026-11-23T08:01:05Z')), job(other).run(at('2026-11-23T08:01:05Z'))]);
    expect([...runs, ...more].reduce((sum, r) => sum + (r.closed ?? 0), 0)).toBe(30);
    expect(summaries()).toHaveLength(30);
    expect(new Set(summaries().map((c) => c.params.thread_ts)).size).toBe(30);
    for (const id of ids) expect((await review(id)).status).toBe('closed');
  });

  it('after a 500 from a Slack that kept the summary, finds it in the thread: one summary', async () => {
    const id = await seedReview(40, at('2026-11-23T16:00:00Z'));
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    expect(await job().run(at('2026-11-23T16:00:30Z'))).toEqual({ closed: 1, failed: 0 });
    const closed = await review(id);
    const inThread = app.slack.messages.filter((m) => m.thread_ts === closed.threadTs && m.metadata?.event_type === 'learnloop_review_summary');
    expect(inThread).toHaveLength(1);
    expect(closed).toMatchObject({ status: 'closed', summaryTs: inThread[0]!.ts });
  });

  it('gives a review back when its summary outcome is unknown, and the next close finds the summary instead of posting again', async () => {
    const id = await seedReview(41, at('2026-11-23T16:00:00Z'));
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    // The thread cannot be read right after the unclear answer (the second look), then it can again.
    let looks = 0;
    app.slack.on('conversations.replies', (params) => {
      looks += 1;
      if (looks === 2) return { ok: false, error: 'internal_error' };
      return { ok: true, messages: app.slack.messages.filter((m) => m.thread_ts === params.ts).map(({ channel: _c, ...m }) => m), response_metadata: { next_cursor: '' } };
    });
    expect(await job().run(at('2026-11-23T16:00:30Z'))).toEqual({ closed: 0, failed: 1 });
    expect((await review(id)).status).toBe('open');
    expect(await job().run(at('2026-11-23T16:01:30Z'))).toEqual({ closed: 1, failed: 0 });
    const closed = await review(id);
    expect(app.slack.messages.filter((m) => m.thread_ts === closed.threadTs && m.metadata?.event_type === 'learnloop_review_summary')).toHaveLength(1);
    expect(closed.summaryTs).not.toBeNull();
  });

  it('gives a review back when its summary cannot be posted, and closes it on a later run', async () => {
    const id = await seedReview(50, at('2026-11-23T08:00:00Z'));
    app.slack.fail('chat.postMessage', { error: 'internal_error' });
    expect(await job().run(at('2026-11-23T08:00:05Z'))).toEqual({ closed: 0, failed: 1 });
    expect((await review(id)).status).toBe('open');
    expect(await job().run(at('2026-11-23T08:01:05Z'))).toEqual({ closed: 1, failed: 0 });
    expect((await review(id)).status).toBe('closed');
  });

  describe('a close left half-done by a process that stopped', () => {
    async function stuckClosing(n: number, closingSince: Date, summaryTs: string | null = null, closingBy: string | null = null): Promise<number> {
      const id = await seedReview(n, null);
      await app.db.updateTable('review').set({ status: 'closing', closingSince, summaryTs, closingBy }).where('id', '=', id).execute();
      await app.db.insertInto('reflection').values({ teamId: app.teamId, reviewId: id, userId: 'U0BOB', expected: null, actual: null, whyDifference: null, nextTime: 'Rehearse the demo', anonymous: false }).execute();
      return id;
    }

    it('is taken over after ten minutes, not before, and closed once', async () => {
      const id = await stuckClosing(60, at('2026-11-23T08:00:00Z'));
      expect(await job().run(at('2026-11-23T08:09:00Z'))).toEqual({ closed: 0, failed: 0 });
      expect((await review(id)).status).toBe('closing');

      const runs = await Promise.all([job(app).run(at('2026-11-23T08:10:30Z')), job(other).run(at('2026-11-23T08:10:30Z'))]);
      expect(runs.reduce((sum, r) => sum + (r.closed ?? 0), 0)).toBe(1);
      expect(await review(id)).toMatchObject({ status: 'closed', closingSince: null });
      expect(summaries()).toHaveLength(1);
      const learnings = await app.db.selectFrom('learning').select('text').where('teamId', '=', app.teamId).where('sourceId', '=', id).execute();
      expect(learnings).toEqual([{ text: 'Rehearse the demo' }]);
    });

    it("finishes a close someone asked for in their name", async () => {
      const id = await stuckClosing(63, at('2026-11-23T08:00:00Z'), null, 'U0CAROL');
      expect(await job().run(at('2026-11-23T08:10:30Z'))).toEqual({ closed: 1, failed: 0 });
      expect(await review(id)).toMatchObject({ status: 'closed', closedBy: 'U0CAROL', closingBy: null });
      expect(summaries()[0]!.params.blocks[0].text.text).toContain('<@U0CAROL>');
      expect(summaries()[0]!.params.blocks[0].text.text).not.toContain('Closed automatically');
    });

    it('does not post the summary again when it was already posted', async () => {
      const id = await stuckClosing(61, at('2026-11-23T08:00:00Z'), '1790099999.000900');
      expect(await job().run(at('2026-11-23T08:11:00Z'))).toEqual({ closed: 1, failed: 0 });
      expect(await review(id)).toMatchObject({ status: 'closed', summaryTs: '1790099999.000900' });
      expect(summaries()).toHaveLength(0);
      const learnings = await app.db.selectFrom('learning').select('text').where('teamId', '=', app.teamId).where('sourceId', '=', id).execute();
      expect(learnings).toEqual([{ text: 'Rehearse the demo' }]);
    });

    it('does not post the summary twice when saving the close fails after it was posted', async () => {
      const id = await seedReview(62, at('2026-11-23T08:00:00Z'));
      await app.db.insertInto('reflection').values({ teamId: app.teamId, reviewId: id, userId: 'U0BOB', expected: null, actual: null, whyDifference: null, nextTime: 'Ask for help earlier', anonymous: false }).execute();
      // The database refuses the review's learnings once, after the summary is in the thread.
      await sql`create function learnloop_test_refuse_learning() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`.execute(app.db);
      await sql`create trigger refuse_learning before insert on learning for each row execute function learnloop_test_refuse_learning()`.execute(app.db);
      try {
        expect(await job().run(at('2026-11-23T08:00:05Z'))).toEqual({ closed: 0, failed: 1 });
      } finally {
        await sql`drop trigger refuse_learning on learning`.execute(app.db);
        await sql`drop function learnloop_test_refuse_learning()`.execute(app.db);
      }
      const given = await review(id);
      expect(given).toMatchObject({ status: 'open', closingSince: null });
      expect(given.summaryTs).toMatch(/^\d+\.\d+$/);
      expect(summaries()).toHaveLength(1);

      expect(await job().run(at('2026-11-23T08:01:05Z'))).toEqual({ closed: 1, failed: 0 });
      expect(summaries()).toHaveLength(1);
      expect(await review(id)).toMatchObject({ status: 'closed', summaryTs: given.summaryTs });
      const learnings = await app.db.selectFrom('learning').select('text').where('teamId', '=', app.teamId).where('sourceId', '=', id).execute();
      expect(learnings).toEqual([{ text: 'Ask for help earlier' }]);
    });
  });
});
