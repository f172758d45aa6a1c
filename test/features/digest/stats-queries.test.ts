import type { Db } from '../../../src/platform/db/connect';
import {
  commitmentCompletion,
  countActiveLearners,
  countCheckIns,
  countCommitments,
  countLearnings,
  countReplies,
  countReviews,
  findMinGroupSize,
  listHelpfulFeedbackGivers,
  listLearningTags,
  listTopLearnings,
  listWeeklyReplies,
  medianDaysToCommitmentDone,
} from '../../../src/features/digest/queries/stats';
import { assembleDigest, formatFigure, formatPercent, WEEK_MS } from '../../../src/features/digest/rules';
import { clearDigestTables, seedCommitment, seedFeedback, seedLearning, seedReply, seedReview, seedThread } from '../../support/digest-seed';
import { createTestDatabase } from '../../support/test-db';

const T = 'T0TEAM1';
const C = 'C0TEAM';
// Friday 27 November 2026, 16:00 in Berlin.
const END = new Date('2026-11-27T15:00:00Z');
const FROM = new Date(END.getTime() - WEEK_MS);
const BEFORE = new Date(END.getTime() - 2 * WEEK_MS);
const daysBefore = (days: number): Date => new Date(END.getTime() - days * 86_400_000);

describe('digest and stats figures', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await clearDigestTables(db);
    const thread = await seedThread(db, T, C);
    const other = await seedThread(db, T, 'C0OTHER');
    // This week: five people, eight public replies; plus a private one and another channel's.
    for (const [i, user] of ['U1', 'U2', 'U3', 'U4', 'U5', 'U1', 'U2', 'U3'].entries()) await seedReply(db, T, thread, C, user, daysBefore(1 + i * 0.5));
    await seedReply(db, T, thread, C, 'U9', daysBefore(2), 'private');
    await seedReply(db, T, other, 'C0OTHER', 'U8', daysBefore(2));
    // Last week: two people, three replies. Nine weeks ago: outside the chart.
    for (const user of ['U1', 'U2', 'U1']) await seedReply(db, T, thread, C, user, daysBefore(10));
    await seedReply(db, T, thread, C, 'U7', daysBefore(64));

    // Learnings: recorded here, shared here, private, anonymous, another channel, last week.
    await seedLearning(db, T, 'U1', daysBefore(3), { channelId: C, text: 'first', tags: ['ops', 'db'] });
    await seedLearning(db, T, 'U2', daysBefore(2), { sharedChannelId: C, text: 'second', tags: ['ops'] });
    await seedLearning(db, T, 'U3', daysBefore(1), { channelId: C, text: 'third', tags: ['ops'] });
    await seedLearning(db, T, 'U4', daysBefore(0.5), { channelId: C, anonymous: true, text: 'anonymous one' });
    await seedLearning(db, T, 'U5', daysBefore(0.2), { channelId: C, visibility: 'private', text: 'private one' });
    await seedLearning(db, T, 'U6', daysBefore(1), { channelId: 'C0OTHER', text: 'elsewhere' });
    await seedLearning(db, T, 'U1', daysBefore(9), { channelId: C, text: 'old' });

    // Reviews: one opened this week, one opened earlier and closed this week, one elsewhere.
    const r1 = await seedReview(db, T, C, daysBefore(2));
    const r2 = await seedReview(db, T, C, daysBefore(20), daysBefore(1));
    await seedReview(db, T, 'C0OTHER', daysBefore(2));
    await seedCommitment(db, T, r2, 'U1', { dueDate: '2026-11-26', status: 'done', doneAt: daysBefore(2), createdAt: daysBefore(19) });
    await seedCommitment(db, T, r2, 'U2', { dueDate: '2026-11-20', createdAt: daysBefore(19) });
    await seedCommitment(db, T, r1, 'U3', { dueDate: '2026-12-10', createdAt: daysBefore(2) });
    await seedCommitment(db, T, r1, 'U4', { dueDate: '2026-12-11', createdAt: daysBefore(2) });

    await seedFeedback(db, T, 'U1', 'U2', daysBefore(3), { saved: true });
    await seedFeedback(db, T, 'U1', 'U3', daysBefore(3), { shared: true });
    await seedFeedback(db, T, 'U4', 'U2', daysBefore(3), {});
    await seedFeedback(db, T, 'U5', 'U2', daysBefore(10), { saved: true });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('counts public replies and distinct responders per week, never private ones', async () => {
    expect(await countReplies(db, T, C, FROM, END)).toEqual({ replies: 8, responders: 5 });
    expect(await countReplies(db, T, C, BEFORE, FROM)).toEqual({ replies: 3, responders: 2 });
    expect(await countReplies(db, T, null, FROM, END)).toEqual({ replies: 9, responders: 6 });
    const weeks = await listWeeklyReplies(db, T, C, new Date(END.getTime() - 8 * WEEK_MS), END);
    expect(weeks).toHaveLength(8);
    expect(weeks.map((w) => w.replies)).toEqual([0, 0, 0, 0, 0, 0, 3, 8]);
    expect(weeks[7]!.weekStart).toEqual(FROM);
  });

  it('gives 5 responders of 10 members as 50 % and last week\'s 2 responders as "fewer than 3"', async () => {
    const now = await countReplies(db, T, C, FROM, END);
    const before = await countReplies(db, T, C, BEFORE, FROM);
    const digest = assembleDigest({
      channelId: C,
      periodEnd: END,
      minGroupSize: await findMinGroupSize(db, T),
      humanMembers: 10,
      thisWeek: { ...now, learnings: 0, learningAuthors: 0 },
      lastWeek: { ...before, learnings: 0, learningAuthors: 0 },
      topLearnings: [],
      reviews: { opened: 0, closed: 0 },
      commitments: { done: 0, open: 0, overdue: 0, owners: 0 },
      helpers: [],
      weeks: [],
    });
    expect(formatFigure(digest.thisWeek.participation, formatPercent)).toBe('50%');
    expect(formatFigure(digest.thisWeek.responders)).toBe('5');
    expect(formatFigure(digest.lastWeek.responders)).toBe('fewer than 3');
    expect(formatFigure(digest.lastWeek.participation, formatPercent)).toBe('fewer than 3');
    expect(formatFigure(digest.lastWeek.replies)).toBe('fewer than 3');
  });

  it('counts team learnings recorded in or shared to the channel and lists the named ones most reacted to, then newest', async () => {
    expect(await countLearnings(db, T, C, FROM, END)).toEqual({ learnings: 4, authors: 4 });
    const newest = await listTopLearnings(db, T, C, FROM, END, 3);
    expect(newest.map((l) => l.text)).toEqual(['third', 'second', 'first']);
    // Reactions on shared cards come first; ties stay newest first.
    const react = (text: string, reactionCount: number) => db.updateTable('learning').set({ reactionCount }).where('teamId', '=', T).where('text', '=', text).execute();
    await react('first', 4);
    await react('second', 1);
    try {
      const top = await listTopLearnings(db, T, C, FROM, END, 3);
      expect(top.map((l) => [l.text, l.reactionCount])).toEqual([['first', 4], ['second', 1], ['third', 0]]);
    } finally {
      await react('first', 0);
      await react('second', 0);
    }
    expect(await listLearningTags(db, T, null, FROM, END)).toEqual([
      { tag: 'ops', learnings: 3, authors: 3 },
      { tag: 'db', learnings: 1, authors: 1 },
    ]);
  });

  it('counts reviews opened and closed, and the commitments of the channel\'s reviews', async () => {
    expect(await countReviews(db, T, C, FROM, END)).toEqual({ opened: 1, closed: 1 });
    expect(await countReviews(db, T, null, FROM, END)).toEqual({ opened: 2, closed: 1 });
    expect(await countCommitments(db, T, C, FROM, END)).toEqual({ done: 1, open: 2, overdue: 1, owners: 4 });
    // Overdue is by the calendar the figures are read in: where it is already 11 December, the one due on the 10th is late.
    expect(await countCommitments(db, T, C, FROM, END, '2026-12-11')).toEqual({ done: 1, open: 1, overdue: 2, owners: 4 });
    expect(await commitmentCompletion(db, T, null, FROM, END)).toEqual({ done: 1, total: 2, owners: 2 });
    const median = await medianDaysToCommitmentDone(db, T, null, FROM, END);
    expect(median.days).toBeCloseTo(18);
  });

  it('names the people whose feedback was saved or shared this week, and counts active learners', async () => {
    expect(await listHelpfulFeedbackGivers(db, T, C, FROM, END)).toEqual([{ userId: 'U1', helped: 2 }]);
    expect(await countActiveLearners(db, T, null, FROM, END)).toBe(7);
    expect(await countCheckIns(db, T, null, FROM, END)).toEqual({ held: 0, due: 0, pairs: 0 });
  });

  it('reads the workspace min group size, 3 by default', async () => {
    expect(await findMinGroupSize(db, T)).toBe(3);
    await db.insertInto('workspaceSetting').values({ teamId: T, retentionDays: null, minGroupSize: 5, lastRetentionRunAt: null, updatedBy: null }).execute();
    expect(await findMinGroupSize(db, T)).toBe(5);
    await db.deleteFrom('workspaceSetting').execute();
  });
});
