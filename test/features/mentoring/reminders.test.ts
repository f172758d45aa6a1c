import { sql } from 'kysely';
import { insertCommitment } from '../../../src/features/commitments/queries';
import { insertFeedback } from '../../../src/features/feedback/queries';
import { insertLearning } from '../../../src/features/learnings/queries';
import { insertPair } from '../../../src/features/mentoring/queries';
import type { Deps } from '../../../src/deps';
import { MENTEE_NUDGE, MENTOR_REMINDER, menteeNudgeRelevance, mentorReminderRelevance, queueMentorReminders } from '../../../src/features/mentoring/jobs/queue-mentor-reminders';
import { sendScheduledDms } from '../../../src/platform/scheduler/send-scheduled-dms';
import { startTestApp, type TestApp } from '../../support/test-app';
import { startSecondProcess } from '../../support/interactions';

// Feedback stored directly, as if sent earlier; the daily limit is not what these tests are about.
const NO_LIMIT = { since: new Date(0), max: Number.MAX_SAFE_INTEGER };

const ALICE = 'U0ALICE'; // mentee, Berlin
const BOB = 'U0BOB'; // mentor, New York
const CAROL = 'U0CAROL';
const at = (iso: string) => new Date(iso);
const ACCEPTED = at('2026-11-23T10:00:00Z');
// Monday 7 Dec 2026, 10:00 in New York; then two weeks on, and two more.
const FIRST = at('2026-12-07T15:00:00Z');
const SECOND = at('2026-12-21T15:00:00Z');
const THIRD = at('2027-01-04T15:00:00Z');
const before = (instant: Date) => new Date(instant.getTime() - 60_000);

describe('mentor reminders', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: BOB, tz: 'America/New_York' });
    app.slack.addUser({ id: CAROL });
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    for (const table of ['scheduledDm', 'checkIn', 'mentoringPair', 'learning', 'feedback', 'commitment'] as const) await app.db.deleteFrom(table).execute();
  });

  const seedPair = async (mentorId = BOB, menteeId = ALICE) =>
    (await insertPair(app.db, {
      teamId: app.teamId, mentorId, menteeId, status: 'active', cadence: 'biweekly', requestedBy: menteeId, requestNote: null, nextReminderAt: FIRST, acceptedAt: ACCEPTED,
    }))!;
  const tick = async (now: Date, deps: Deps = app.learnloop.deps) => ({
    queued: await queueMentorReminders(deps).run(now),
    sent: await sendScheduledDms(deps, { [MENTOR_REMINDER]: mentorReminderRelevance(deps), [MENTEE_NUDGE]: menteeNudgeRelevance(deps) }).run(now),
  });
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const pair = (id: number) => app.db.selectFrom('mentoringPair').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const queued = () => app.db.selectFrom('scheduledDm').selectAll().orderBy('id').execute();
  const blockText = (blocks: any[], id: string) => blocks.find((b) => b.block_id === id)?.text.text as string | undefined;

  it('DMs the mentor at 10:00 their time on a weekday with what the mentee shared, and the buttons', async () => {
    const { id } = await seedPair();
    const learning = async (text: string, change: { visibility?: 'team' | 'private'; anonymous?: boolean; userId?: string; createdAt?: Date } = {}) => {
      const row = await insertLearning(app.db, { teamId: app.teamId, userId: change.userId ?? ALICE, text, tags: [], link: null, visibility: change.visibility ?? 'team', source: 'experience', anonymous: change.anonymous ?? false });
      await sql`update learning set created_at = ${change.createdAt ?? at('2026-11-30T10:00:00Z')} where id = ${row.id}`.execute(app.db);
    };
    await learning('Small PRs get reviewed faster <!channel>');
    await learning('A private note', { visibility: 'private' });
    await learning('An anonymous reflection', { anonymous: true });
    await learning('Before we paired', { createdAt: at('2026-11-01T10:00:00Z') });
    await learning('Carol’s learning', { userId: CAROL });
    const shared = await insertFeedback(app.db, { teamId: app.teamId, senderId: CAROL, recipientId: ALICE, situation: 'In the demo', behaviour: 'You paused for questions', impact: 'Everyone followed', text: null, contextPermalink: null }, at('2026-12-01T09:00:00Z'), NO_LIMIT);
    await app.db.updateTable('feedback').set({ sharedWithMentorAt: at('2026-12-01T10:00:00Z') }).where('id', '=', shared!.id).execute();
    await insertFeedback(app.db, { teamId: app.teamId, senderId: CAROL, recipientId: ALICE, situation: null, behaviour: null, impact: null, text: 'Not shared with the mentor', contextPermalink: null }, at('2026-12-01T09:00:00Z'), NO_LIMIT);
    await insertCommitment(app.db, { teamId: app.teamId, reviewId: null, ownerId: ALICE, text: 'Write the runbook', dueDate: '2026-12-14', createdBy: ALICE, createdAt: ACCEPTED });

    expect(await tick(at('2026-12-07T09:00:00Z'))).toMatchObject({ queued: { reminders: 0 }, sent: { sent: 0 } });
    expect(await tick(before(FIRST))).toMatchObject({ queued: { reminders: 0 }, sent: { sent: 0 } });
    expect(await tick(FIRST)).toEqual({ queued: { reminders: 1, nudges: 0 }, sent: { sent: 1, deferred: 0, dropped: 0, failed: 0 } });

    const [dm] = dmsTo(BOB);
    expect(dm!.params.text).toBe(`Time to check in with <@${ALICE}>.`);
    const blocks = dm!.params.blocks as any[];
    expect(blockText(blocks, 'mentor_reminder_shared_learnings')).toBe('*Learnings they shared*\n• Small PRs get reviewed faster @\u200Bchannel');
    expect(blockText(blocks, 'mentor_reminder_shared_feedback')).toBe(
      `*Feedback they shared with you*\n• From <@${CAROL}>: Situation: In the demo · Behaviour: You paused for questions · Impact: Everyone followed`,
    );
    expect(blockText(blocks, 'mentor_reminder_shared_commitments')).toBe('*Their open commitments*\n• Write the runbook (due Mon 14 Dec 2026)');
    const actions = blocks.find((b) => b.block_id === 'mentor_reminder_actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['mentor_log_check_in', 'mentor_snooze_day', 'mentor_snooze_week', 'mentor_skip']);
    for (const button of actions.elements) expect(JSON.parse(button.value)).toEqual({ pairId: id });

    expect(await queued()).toEqual([
      expect.objectContaining({ userId: BOB, kind: MENTOR_REMINDER, dedupeKey: `mentor_reminder:${id}:${FIRST.toISOString()}`, dueAt: FIRST, onlyUsefulOnDay: false, status: 'sent' }),
    ]);
    expect(await pair(id)).toMatchObject({ nextReminderAt: SECOND, unansweredReminders: 1 });
    expect(await tick(at('2026-12-08T15:00:00Z'))).toMatchObject({ queued: { reminders: 0 }, sent: { sent: 0 } });
  });

  it('after two unanswered reminders nudges the mentee once, and the pair is overdue', async () => {
    const { id } = await seedPair();
    await tick(FIRST);
    expect(dmsTo(ALICE)).toHaveLength(0);
    expect(await tick(SECOND)).toEqual({ queued: { reminders: 1, nudges: 1 }, sent: { sent: 2, deferred: 0, dropped: 0, failed: 0 } });
    expect(await pair(id)).toMatchObject({ unansweredReminders: 2 });
    const [nudge] = dmsTo(ALICE);
    expect(nudge!.params.text).toMatch(new RegExp(`^It has been a while since you and <@${BOB}> checked in`));
    expect((await queued()).find((dm) => dm.kind === MENTEE_NUDGE)).toMatchObject({ dedupeKey: `mentee_nudge:${id}:${SECOND.toISOString()}`, userId: ALICE });

    expect(await tick(THIRD)).toMatchObject({ queued: { reminders: 1, nudges: 0 } });
    expect(dmsTo(ALICE)).toHaveLength(1);
    expect(dmsTo(BOB)).toHaveLength(3);
    expect(await pair(id)).toMatchObject({ unansweredReminders: 3 });
  });

  it('drops a queued reminder and nudge when the pair is paused before they go out', async () => {
    const { id } = await seedPair();
    await app.db.updateTable('mentoringPair').set({ unansweredReminders: 1 }).where('id', '=', id).execute();
    expect(await queueMentorReminders(app.learnloop.deps).run(FIRST)).toEqual({ reminders: 1, nudges: 1 });
    const sender = sendScheduledDms(app.learnloop.deps, { [MENTOR_REMINDER]: mentorReminderRelevance(app.learnloop.deps), [MENTEE_NUDGE]: menteeNudgeRelevance(app.learnloop.deps) });
    await app.db.updateTable('mentoringPair').set({ status: 'paused' }).where('id', '=', id).execute();
    expect(await sender.run(FIRST)).toMatchObject({ sent: 0, dropped: 2 });
    expect((await queued()).map((dm) => dm.statusReason)).toEqual(['mentoring pair no longer active', 'mentoring pair no longer active']);
  });

  it('holds a reminder back by the shared budget instead of dropping it (quiet hours)', async () => {
    const { id } = await seedPair();
    // Learnloop was down until 20:00 in New York: queued now, sent at 08:00 the next morning.
    const evening = at('2026-12-08T01:00:00Z');
    expect(await tick(evening)).toMatchObject({ queued: { reminders: 1 }, sent: { sent: 0, deferred: 1 } });
    expect(await tick(at('2026-12-08T13:00:00Z'))).toMatchObject({ sent: { sent: 1 } });
    expect(dmsTo(BOB)).toHaveLength(1);
    // The next one counts from when it was claimed: two weeks on, Monday 21 Dec 10:00.
    expect(await pair(id)).toMatchObject({ nextReminderAt: SECOND });
  });

  describe('with a second process', () => {
    let second: TestApp;
    beforeAll(async () => {
      second = await startSecondProcess(app);
    });
    afterAll(async () => {
      await second.stop();
    });

    it('sends each reminder and nudge once when two processes race', async () => {
      const mentees = Array.from({ length: 20 }, (_, i) => `U0MENTEE${i}`);
      for (const mentee of mentees) app.slack.addUser({ id: mentee });
      const ids: number[] = [];
      for (const mentee of mentees) ids.push((await seedPair(BOB, mentee)).id);
      for (const now of [FIRST, SECOND]) {
        // The daily limit applies to the mentor: run enough ticks that day for all of them to go out.
        const [a, b] = await Promise.all([tick(now, app.learnloop.deps), tick(now, second.learnloop.deps)]);
        expect((a.queued.reminders ?? 0) + (b.queued.reminders ?? 0)).toBe(20);
      }
      const keys = (await queued()).map((dm) => dm.dedupeKey);
      expect(keys).toHaveLength(60); // 2 × 20 reminders + 20 nudges
      expect(new Set(keys).size).toBe(60);
      for (const mentee of mentees) expect(dmsTo(mentee)).toHaveLength(1);
      // Nothing was sent twice: every sent row is one chat.postMessage.
      const sent = (await queued()).filter((dm) => dm.status === 'sent').length;
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(sent);
      for (const id of ids) expect(await pair(id)).toMatchObject({ unansweredReminders: 2, nextReminderAt: at('2027-01-04T15:00:00Z') });
    });
  });
});
