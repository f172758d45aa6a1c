import type { Db } from '../../platform/db/connect';
import type { CommitmentRow, ReviewRow } from '../../platform/db/schema';

export type Commitment = CommitmentRow;

/** What a commitment message needs of its review. */
export type CommitmentReview = Pick<ReviewRow, 'id' | 'teamId' | 'channelId' | 'privateChannelId' | 'title' | 'threadTs' | 'messageTs'>;

const columns = [
  'id', 'teamId', 'reviewId', 'ownerId', 'text', 'dueDate', 'status', 'createdBy', 'followUpsSent', 'droppedReason',
  'doneLearningId', 'doneAt', 'createdAt',
] as const;

// Candidates are read a batch at a time; each is then claimed on its own.
const FOLLOW_UP_BATCH = 500;

export async function insertCommitment(
  db: Db,
  commitment: { teamId: string; reviewId: number | null; ownerId: string; text: string; dueDate: string; createdBy: string; createdAt: Date },
): Promise<Commitment> {
  return db
    .insertInto('commitment')
    .values({ ...commitment, status: 'open', droppedReason: null, doneLearningId: null, doneAt: null })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function findCommitment(db: Db, teamId: string, id: number): Promise<Commitment | undefined> {
  return db.selectFrom('commitment').select(columns).where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function findCommitmentReview(db: Db, teamId: string, reviewId: number): Promise<CommitmentReview | undefined> {
  return db
    .selectFrom('review')
    .select(['id', 'teamId', 'channelId', 'privateChannelId', 'title', 'threadTs', 'messageTs'])
    .where('teamId', '=', teamId)
    .where('id', '=', reviewId)
    .executeTakeFirst();
}

/**
 * Open commitments whose next follow-up may be due by `latestDueDate`, a date no earlier than any
 * zone's today (UTC's tomorrow): the exact 09:00-local check needs the owner's time zone, which
 * lives in Slack. First follow-ups need due_date <= it, reminders due_date + 3 <= it.
 */
export async function listCommitmentFollowUpCandidates(db: Db, teamId: string, latestDueDate: string, latestReminderDueDate: string): Promise<Commitment[]> {
  return db
    .selectFrom('commitment')
    .select(columns)
    .where('teamId', '=', teamId)
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb.and([eb('followUpsSent', '=', 0), eb('dueDate', '<=', latestDueDate)]),
        eb.and([eb('followUpsSent', '=', 1), eb('dueDate', '<=', latestReminderDueDate)]),
      ]),
    )
    .orderBy('dueDate')
    .orderBy('id')
    .limit(FOLLOW_UP_BATCH)
    .execute();
}

/**
 * Claims a follow-up: only the process whose update sees the expected state wins, so a follow-up is
 * queued once however many processes tick. `sentAfter` is followUpsSent + 1 (2 for a late first one).
 */
export async function claimCommitmentFollowUp(
  db: Db,
  teamId: string,
  id: number,
  expected: { followUpsSent: number; dueDate: string },
  sentAfter: number,
): Promise<Commitment | undefined> {
  return db
    .updateTable('commitment')
    .set({ followUpsSent: sentAfter })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('followUpsSent', '=', expected.followUpsSent)
    // "Need more time" since the read moved the date: that follow-up is no longer the one due.
    .where('dueDate', '=', expected.dueDate)
    .where('status', '=', 'open')
    .returning(columns)
    .executeTakeFirst();
}

/** Done with what was learned; only an open commitment of this owner changes. */
export async function markCommitmentDone(db: Db, teamId: string, id: number, ownerId: string, learningId: number, now: Date): Promise<Commitment | undefined> {
  return db
    .updateTable('commitment')
    .set({ status: 'done', doneAt: now, doneLearningId: learningId })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('ownerId', '=', ownerId)
    .where('status', '=', 'open')
    .returning(columns)
    .executeTakeFirst();
}

/**
 * "Need more time": a new due date, and the follow-ups start over for it. `fromDueDate` makes a
 * second click on the same follow-up change nothing.
 */
export async function extendCommitment(db: Db, teamId: string, id: number, ownerId: string, fromDueDate: string, dueDate: string): Promise<Commitment | undefined> {
  return db
    .updateTable('commitment')
    .set({ dueDate, followUpsSent: 0 })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('ownerId', '=', ownerId)
    .where('status', '=', 'open')
    .where('dueDate', '=', fromDueDate)
    .returning(columns)
    .executeTakeFirst();
}

export async function dropCommitment(db: Db, teamId: string, id: number, ownerId: string, reason: string | null): Promise<Commitment | undefined> {
  return db
    .updateTable('commitment')
    .set({ status: 'dropped', droppedReason: reason })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('ownerId', '=', ownerId)
    .where('status', '=', 'open')
    .returning(columns)
    .executeTakeFirst();
}

/** A channel's open commitments (from its reviews), soonest due first: what the pulse's lowest statement points to. */
export async function listOpenChannelCommitments(db: Db, teamId: string, channelId: string, limit = 3): Promise<{ id: number; ownerId: string; text: string; dueDate: string }[]> {
  return db
    .selectFrom('commitment')
    .innerJoin('review', (join) => join.onRef('review.teamId', '=', 'commitment.teamId').onRef('review.id', '=', 'commitment.reviewId'))
    .select(['commitment.id', 'commitment.ownerId', 'commitment.text', 'commitment.dueDate'])
    .where('commitment.teamId', '=', teamId)
    .where('review.channelId', '=', channelId)
    .where('commitment.status', '=', 'open')
    .orderBy('commitment.dueDate')
    .orderBy('commitment.id')
    .limit(limit)
    .execute();
}
