import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { Viewer } from '../../platform/audience/rules';
import { learningAudience, reviewItemAudience, visibleTo } from '../../platform/audience/queries';
import type { CheckInTable, FeedbackRow, MentoringPairTable, PairCadence } from '../../platform/db/schema';
import type { Selectable } from 'kysely';
import type { Learning } from '../learnings';
import type { Commitment } from '../commitments';

export type MentoringPair = Selectable<MentoringPairTable>;
export type CheckIn = Selectable<CheckInTable>;

const LIVE = ['requested', 'active', 'paused'] as const;
// Due pairs are read a batch at a time; each is then claimed on its own.
const DUE_BATCH = 500;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === '23505';
}

/**
 * A new pair, requested or already active; undefined when a live pair of the same mentor and mentee
 * exists (the partial unique index decides, so two racing requests cannot both win).
 */
export async function insertPair(
  db: Db,
  pair: {
    teamId: string;
    mentorId: string;
    menteeId: string;
    status: 'requested' | 'active';
    cadence: PairCadence;
    requestedBy: string;
    requestNote: string | null;
    nextReminderAt: Date | null;
    acceptedAt: Date | null;
  },
): Promise<MentoringPair | undefined> {
  try {
    return await db
      .insertInto('mentoringPair')
      .values({ ...pair, requestChannelId: null, requestTs: null, lastCheckInAt: null, endedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function findPair(db: Db, teamId: string, id: number): Promise<MentoringPair | undefined> {
  return db.selectFrom('mentoringPair').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** The live pair (requested, active or paused) of two people, whichever of them mentors. */
export async function findLivePairBetween(db: Db, teamId: string, a: string, b: string): Promise<MentoringPair | undefined> {
  return db
    .selectFrom('mentoringPair')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('status', 'in', LIVE)
    .where((eb) => eb.or([eb.and([eb('mentorId', '=', a), eb('menteeId', '=', b)]), eb.and([eb('mentorId', '=', b), eb('menteeId', '=', a)])]))
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** A person's live pairs, as mentor or mentee, oldest first. */
export async function listLivePairsOf(db: Db, teamId: string, userId: string): Promise<MentoringPair[]> {
  return db
    .selectFrom('mentoringPair')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('status', 'in', LIVE)
    .where((eb) => eb.or([eb('mentorId', '=', userId), eb('menteeId', '=', userId)]))
    .orderBy('id')
    .execute();
}

/** Changes a pair only while it is in one of `from`; undefined otherwise (a second click, or it moved on). */
export async function updatePair(
  db: Db,
  teamId: string,
  id: number,
  from: readonly MentoringPair['status'][],
  change: Partial<Pick<MentoringPair, 'status' | 'cadence' | 'nextReminderAt' | 'unansweredReminders' | 'lastCheckInAt' | 'acceptedAt' | 'endedAt'>>,
  only: { mentorId?: string } = {},
): Promise<MentoringPair | undefined> {
  let query = db.updateTable('mentoringPair').set(change).where('teamId', '=', teamId).where('id', '=', id).where('status', 'in', from);
  if (only.mentorId) query = query.where('mentorId', '=', only.mentorId);
  return query.returningAll().executeTakeFirst();
}

/** Active pairs whose reminder is due at `now`. */
export async function listDueMentorPairs(db: Db, teamId: string, now: Date): Promise<MentoringPair[]> {
  return db
    .selectFrom('mentoringPair')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('status', '=', 'active')
    .where('nextReminderAt', '<=', now)
    .orderBy('nextReminderAt')
    .orderBy('id')
    .limit(DUE_BATCH)
    .execute();
}

/**
 * Claims a pair's due reminder: only the process whose update still sees `expected` wins, so each
 * reminder is queued once however many processes tick. Counts it as unanswered until a check-in.
 */
export async function claimMentorReminder(db: Db, teamId: string, id: number, expected: Date, next: Date): Promise<MentoringPair | undefined> {
  return db
    .updateTable('mentoringPair')
    .set({ nextReminderAt: next, unansweredReminders: sql<number>`unanswered_reminders + 1` })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('nextReminderAt', '=', expected)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

export async function insertCheckIn(
  db: Db,
  checkIn: { teamId: string; pairId: number; mentorId: string; menteeId: string; menteeLearned: string | null; mentorLearned: string | null; heldAt: Date },
): Promise<CheckIn> {
  return db
    .insertInto('checkIn')
    .values({ ...checkIn, menteeReflection: null, menteeAnsweredAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCheckIn(db: Db, teamId: string, id: number): Promise<CheckIn | undefined> {
  return db.selectFrom('checkIn').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** The mentee's mirror answer, once; undefined when already answered or not theirs. */
export async function recordMenteeReflection(db: Db, teamId: string, id: number, menteeId: string, reflection: string, now: Date): Promise<CheckIn | undefined> {
  return db
    .updateTable('checkIn')
    .set({ menteeReflection: reflection, menteeAnsweredAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('menteeId', '=', menteeId)
    .where('menteeAnsweredAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export interface SharedWithMentor {
  learnings: Pick<Learning, 'id' | 'text' | 'createdAt'>[];
  feedback: Pick<FeedbackRow, 'id' | 'senderId' | 'situation' | 'behaviour' | 'impact' | 'text' | 'sharedWithMentorAt'>[];
  commitments: Pick<Commitment, 'id' | 'text' | 'dueDate'>[];
}

/**
 * What the mentee chose to share since `since`: their team-visible, non-anonymous learnings, the
 * feedback they shared with their mentor, and their open commitments (whenever made). The mentor reads
 * it in a DM, so learnings and commitments from private channels show only when the mentor is in them.
 */
export async function listSharedWithMentor(db: Db, teamId: string, menteeId: string, since: Date, mentor: Viewer, limit = 5): Promise<SharedWithMentor> {
  const learnings = await db
    .selectFrom('learning as l')
    .select(['l.id', 'l.text', 'l.createdAt'])
    .where('l.teamId', '=', teamId)
    .where('l.userId', '=', menteeId)
    .where('l.visibility', '=', 'team')
    .where('l.anonymous', '=', false)
    .where(visibleTo(mentor, learningAudience('l')))
    .where('l.createdAt', '>=', since)
    .orderBy('l.createdAt', 'desc')
    .limit(limit)
    .execute();
  const feedback = await db
    .selectFrom('feedback')
    .select(['id', 'senderId', 'situation', 'behaviour', 'impact', 'text', 'sharedWithMentorAt'])
    .where('teamId', '=', teamId)
    .where('recipientId', '=', menteeId)
    .where('sharedWithMentorAt', '>=', since)
    .orderBy('sharedWithMentorAt', 'desc')
    .limit(limit)
    .execute();
  const commitments = await db
    .selectFrom('commitment as c')
    .leftJoin('review as r', (join) => join.onRef('r.id', '=', 'c.reviewId').on('r.teamId', '=', teamId))
    .select(['c.id', 'c.text', 'c.dueDate'])
    .where('c.teamId', '=', teamId)
    .where('c.ownerId', '=', menteeId)
    .where('c.status', '=', 'open')
    // Said in the review's channel: the mentor reads it only when that channel's audience takes them in.
    .where(visibleTo({ userId: null, privateChannelIds: mentor.privateChannelIds }, reviewItemAudience('c.owner_id', 'r')))
    .orderBy('c.dueDate')
    .limit(limit)
    .execute();
  return { learnings, feedback, commitments };
}
