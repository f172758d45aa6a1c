import { insertCommitment } from '../../../src/features/commitments/queries';
import type { Deps } from '../../../src/deps';
import { COMMITMENT_FOLLOWUP, commitmentFollowUpRelevance, queueCommitmentFollowUps } from '../../../src/features/commitments/jobs/queue-commitment-follow-ups';
import { sendScheduledDms } from '../../../src/platform/scheduler/send-scheduled-dms';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startSecondProcess } from '../../support/interactions';

const ALICE = 'U0ALICE'; // Europe/Berlin
const NEWYORKER = 'U0NEWYORK';
const CHANNEL = 'C0REVIEW';
const REVIEW_TS = '1700000100.000100';
const CREATED = new Date('2026-11-23T10:00:00Z');
const DUE = '2026-12-07';
const at = (iso: string) => new Date(iso);
// 09:00 in Berlin (CET) on the due date, and 3 days later.
const FIRST = at('2026-12-07T08:00:00Z');
const REMINDER = at('2026-12-10T08:00:00Z');
const MINUTE = 60_000;
const before = (instant: Date) => new Date(instant.getTime() - MINUTE);

describe('commitment follow-ups', () => {
  let app: TestApp;
  let reviewId: number;

  beforeAll(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: NEWYORKER, tz: 'America/New_York' });
    const review = await app.db
      .insertInto('review')
      .values({
        teamId: app.teamId,
        channelId: CHANNEL,
        title: 'Checkout outage',
        link: null,
        startedBy: ALICE,
        facilitatorId: null,
        trigger: 'command',
        sourceTs: null,
        threadTs: REVIEW_TS,
        messageTs: REVIEW_TS,
        status: 'closed',
        closeAt: null,
        closedAt: CREATED,
        closedBy: ALICE,
        summaryTs: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    reviewId = review.id;
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await app.db.deleteFrom('scheduledDm').execute();
    await app.db.deleteFrom('commitment').execute();
  });

  const seed = (ownerId = ALICE, dueDate = DUE, text = 'Write the rollback runbook <!here>') =>
    insertCommitment(app.db, { teamId: app.teamId, reviewId, ownerId, text, dueDate, createdBy: ownerId, createdAt: CREATED });
  /** One scheduler tick of the two jobs involved, in their registered order. */
  const tick = async (now: Date, deps: Deps = app.learnloop.deps) => ({
    queued: await queueCommitmentFollowUps(deps).run(now),
    sent: await sendScheduledDms(deps, { [COMMITMENT_FOLLOWUP]: commitmentFollowUpRelevance(deps) }).run(now),
  });
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const queuedDms = () => app.db.selectFrom('scheduledDm').selectAll().where('kind', '=', COMMITMENT_FOLLOWUP).orderBy('id').execute();
  const commitment = (id: number) => app.db.selectFrom('commitment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('DMs the owner at 09:00 their time on the due date, not before, with the three buttons', async () => {
    const { id } = await seed();
    expect(await tick(at('2026-12-06T20:00:00Z'))).toMatchObject({ queued: { followUps: 0 }, sent: { sent: 0 } });
    expect(await tick(before(FIRST))).toMatchObject({ queued: { followUps: 0 }, sent: { sent: 0 } });
    expect(dmsTo(ALICE)).toHaveLength(0);

    expect(await tick(FIRST)).toEqual({ queued: { followUps: 1, reminders: 0 }, sent: { sent: 1, deferred: 0, dropped: 0, failed: 0 } });
    const [dm] = dmsTo(ALICE);
    expect(dm!.params.text).toBe(
      `Two weeks ago in <https://acme.slack.com/archives/${CHANNEL}/p1700000100000100|Checkout outage> you committed to “Write the rollback runbook @\u200Bhere”. Did you try it?`,
    );
    expect(JSON.stringify(dm!.params)).not.toContain('<!here>');
    // Slack needs block_id / action_id exactly as queued: the DM queue must hand the payload back untouched.
    const actions = (dm!.params.blocks as any[]).find((b) => b.block_id === 'commitment_follow_up_actions');
    expect(actions.elements.map((e: any) => [e.action_id, e.text.text])).toEqual([
      ['commitment_done', 'Done — what did we learn?'],
      ['commitment_more_time', 'Need more time'],
      ['commitment_drop', 'Dropped'],
    ]);
    for (const button of actions.elements) expect(JSON.parse(button.value)).toEqual({ commitmentId: id, dueDate: DUE });

    expect(await queuedDms()).toEqual([
      expect.objectContaining({ userId: ALICE, dedupeKey: `commitment_followup:${id}:${DUE}:1`, dueAt: FIRST, onlyUsefulOnDay: false, status: 'sent' }),
    ]);
    expect(await commitment(id)).toMatchObject({ followUpsSent: 1, status: 'open' });
    expect(await tick(at('2026-12-07T15:00:00Z'))).toMatchObject({ queued: { followUps: 0 }, sent: { sent: 0 } });
    expect(dmsTo(ALICE)).toHaveLength(1);
  });

  it('judges 09:00 in the owner’s time zone', async () => {
    await seed(NEWYORKER);
    expect(await tick(FIRST)).toMatchObject({ queued: { followUps: 0 } });
    expect(await tick(at('2026-12-07T13:59:00Z'))).toMatchObject({ queued: { followUps: 0 } });
    expect(await tick(at('2026-12-07T14:00:00Z'))).toMatchObject({ queued: { followUps: 1 }, sent: { sent: 1 } });
    expect(dmsTo(NEWYORKER)).toHaveLength(1);
  });

  it('sends one reminder exactly 3 days later and nothing after', async () => {
    const { id } = await seed();
    await tick(FIRST);
    expect(await tick(before(REMINDER))).toMatchObject({ queued: { reminders: 0 }, sent: { sent: 0 } });
    expect(await tick(REMINDER)).toEqual({ queued: { followUps: 0, reminders: 1 }, sent: { sent: 1, deferred: 0, dropped: 0, failed: 0 } });
    const reminder = dmsTo(ALICE)[1]!;
    expect(reminder.params.text).toMatch(/^Reminder: 17 days ago in <https:\/\/acme\.slack\.com\/archives\/C0REVIEW\/p1700000100000100\|Checkout outage> you committed to “/);
    expect((reminder.params.blocks as any[]).find((b) => b.block_id === 'commitment_follow_up_actions').elements).toHaveLength(3);
    expect((await queuedDms()).map((dm) => dm.dedupeKey)).toEqual([`commitment_followup:${id}:${DUE}:1`, `commitment_followup:${id}:${DUE}:2`]);

    for (const later of ['2026-12-13T08:00:00Z', '2026-12-20T08:00:00Z', '2027-01-07T08:00:00Z']) {
      expect(await tick(at(later))).toMatchObject({ queued: { followUps: 0, reminders: 0 }, sent: { sent: 0 } });
    }
    expect(dmsTo(ALICE)).toHaveLength(2);
    expect(await commitment(id)).toMatchObject({ followUpsSent: 2, status: 'open' });
  });

  it.each([
    ['done', { status: 'done' as const }, 'commitment no longer open'],
    ['dropped', { status: 'dropped' as const }, 'commitment no longer open'],
    ['given more time', { dueDate: '2026-12-14', followUpsSent: 0 }, 'commitment was given more time'],
  ])('drops a queued follow-up when the commitment is %s before it goes out', async (_name, change, reason) => {
    const { id } = await seed();
    expect(await queueCommitmentFollowUps(app.learnloop.deps).run(FIRST)).toEqual({ followUps: 1, reminders: 0 });
    await app.db.updateTable('commitment').set(change).where('id', '=', id).execute();

    const sent = await sendScheduledDms(app.learnloop.deps, { [COMMITMENT_FOLLOWUP]: commitmentFollowUpRelevance(app.learnloop.deps) }).run(FIRST);
    expect(sent).toMatchObject({ sent: 0, dropped: 1 });
    expect(dmsTo(ALICE)).toHaveLength(0);
    expect(await queuedDms()).toEqual([expect.objectContaining({ status: 'dropped', statusReason: reason })]);
  });

  it('queues nothing for a commitment that is no longer open', async () => {
    const { id } = await seed();
    await app.db.updateTable('commitment').set({ status: 'done' }).where('id', '=', id).execute();
    expect(await tick(FIRST)).toMatchObject({ queued: { followUps: 0 }, sent: { sent: 0 } });
    expect(await queuedDms()).toHaveLength(0);
  });

  it('holds a follow-up back by the shared DM budget (quiet hours in the owner’s zone)', async () => {
    await seed();
    // Learnloop was down until 20:00 Berlin on the due date: queued now, sent at 08:00 the next morning.
    const evening = at('2026-12-07T19:00:00Z');
    expect(await tick(evening)).toMatchObject({ queued: { followUps: 1 }, sent: { deferred: 1, sent: 0 } });
    expect(await tick(at('2026-12-08T07:00:00Z'))).toMatchObject({ sent: { sent: 1 } });
    expect(dmsTo(ALICE)).toHaveLength(1);
  });

  it('sends one DM, not two in a row, for a first follow-up found after its reminder’s time', async () => {
    const { id } = await seed();
    expect(await tick(at('2026-12-11T10:00:00Z'))).toMatchObject({ queued: { followUps: 1, reminders: 0 }, sent: { sent: 1 } });
    expect(await tick(at('2026-12-11T10:01:00Z'))).toMatchObject({ queued: { followUps: 0, reminders: 0 }, sent: { sent: 0 } });
    expect(dmsTo(ALICE)).toHaveLength(1);
    expect(await commitment(id)).toMatchObject({ followUpsSent: 2 });
  });

  describe('with several app processes on one database', () => {
    let second: TestApp;
    beforeAll(async () => {
      second = await startSecondProcess(app);
    });
    afterAll(async () => {
      await second.stop();
    });

    it('sends each follow-up and each reminder once when two processes race', async () => {
      const owners = Array.from({ length: 25 }, (_, i) => `U0OWNER${i}`);
      for (const owner of owners) app.slack.addUser({ id: owner });
      const ids = [];
      for (const owner of owners) ids.push((await seed(owner)).id);

      for (const now of [FIRST, REMINDER]) {
        const [a, b] = await Promise.all([tick(now, app.learnloop.deps), tick(now, second.learnloop.deps)]);
        const queued = [a, b].reduce((sum, r) => sum + (r.queued.followUps ?? 0) + (r.queued.reminders ?? 0), 0);
        expect(queued).toBe(25);
        expect((a.sent.sent ?? 0) + (b.sent.sent ?? 0)).toBe(25);
      }
      for (const owner of owners) expect(dmsTo(owner)).toHaveLength(2);
      const keys = (await queuedDms()).map((dm) => dm.dedupeKey);
      expect(keys).toHaveLength(50);
      expect(new Set(keys).size).toBe(50);
      for (const id of ids) expect(await commitment(id)).toMatchObject({ followUpsSent: 2 });
    });

    it('a follow-up queued by a process that then stops is sent by another one', async () => {
      const first = await startSecondProcess(app);
      await seed();
      expect(await queueCommitmentFollowUps(first.learnloop.deps).run(FIRST)).toEqual({ followUps: 1, reminders: 0 });
      await first.stop();
      expect(dmsTo(ALICE)).toHaveLength(0);

      // A restart: a fresh process on the same schema finds the queued DM and sends it once.
      const restarted = await startSecondProcess(app);
      try {
        expect(await tick(at('2026-12-07T08:05:00Z'), restarted.learnloop.deps)).toEqual({
          queued: { followUps: 0, reminders: 0 },
          sent: { sent: 1, deferred: 0, dropped: 0, failed: 0 },
        });
        expect(dmsTo(ALICE)).toHaveLength(1);
        expect(await tick(at('2026-12-07T08:06:00Z'), second.learnloop.deps)).toMatchObject({ sent: { sent: 0 } });
      } finally {
        await restarted.stop();
      }
    });
  });
});
