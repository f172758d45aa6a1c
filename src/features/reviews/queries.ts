import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { CommitmentStatus, Database, ReflectionRow, ReviewRow, ReviewTable } from '../../platform/db/schema';

export type Review = ReviewRow;
export type Reflection = ReflectionRow;

/** What a new review is made of (privateChannelId: the channel when it is private); the rest follows its posting and close. */
export type NewReview = Pick<Insertable<ReviewTable>, 'teamId' | 'channelId' | 'privateChannelId' | 'title' | 'link' | 'startedBy' | 'facilitatorId' | 'trigger' | 'sourceTs' | 'closeAt' | 'externalId'>;

/**
 * Saves a review before anything is posted. A review started on a message is unique per message
 * (the partial unique index on team, channel and source_ts): a second trigger gets the existing one.
 */
export async function insertReview(db: Db, review: NewReview): Promise<{ review: Review; created: boolean }> {
  if (review.externalId) {
    // A retried webhook or API call: the same external id finds the review the first one started.
    const byId = await db
      .insertInto('review')
      .values({ ...review, status: 'open' })
      .onConflict((oc) => oc.columns(['teamId', 'externalId']).where('externalId', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (byId) return { review: byId, created: true };
    const existing = await findReviewByExternalId(db, review.teamId, review.externalId);
    if (!existing) throw new Error('review insert conflicted on its external id but no review was found');
    return { review: existing, created: false };
  }
  const inserted = await db
    .insertInto('review')
    .values({ ...review, status: 'open' })
    .onConflict((oc) => oc.columns(['teamId', 'channelId', 'sourceTs']).where('sourceTs', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { review: inserted, created: true };
  const existing = await findReviewOnMessage(db, review.teamId, review.channelId, review.sourceTs ?? '');
  if (!existing) throw new Error('review insert conflicted but no review was found');
  return { review: existing, created: false };
}

export async function findReviewByExternalId(db: Db, teamId: string, externalId: string): Promise<Review | undefined> {
  return db.selectFrom('review').selectAll().where('teamId', '=', teamId).where('externalId', '=', externalId).executeTakeFirst();
}

/** Records where the review was posted and starts following its thread, in one transaction. */
export async function markReviewPosted(db: Db, teamId: string, review: { id: number; channelId: string }, posted: { messageTs: string; threadTs: string }): Promise<Review> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('review').set(posted).where('teamId', '=', teamId).where('id', '=', review.id).returningAll().executeTakeFirstOrThrow();
    // A thread Learnloop already follows (a prompt's) keeps its kind; its replies stay with it.
    await trx
      .insertInto('trackedThread')
      .values({ teamId, channelId: review.channelId, threadTs: posted.threadTs, kind: 'review', subjectId: review.id })
      .onConflict((oc) => oc.columns(['teamId', 'channelId', 'threadTs']).doNothing())
      .execute();
    return updated;
  });
}

/** Removes a review whose message could not be posted, so a later try starts afresh. */
export async function deleteUnpostedReview(db: Db, teamId: string, id: number): Promise<void> {
  await db.deleteFrom('review').where('teamId', '=', teamId).where('id', '=', id).where('messageTs', 'is', null).execute();
}

export async function findReview(db: Db, teamId: string, id: number): Promise<Review | undefined> {
  return db.selectFrom('review').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** The review started on this message, or living in the thread of (or posted as) this message. */
export async function findReviewOnMessage(db: Db, teamId: string, channelId: string, ts: string): Promise<Review | undefined> {
  return db
    .selectFrom('review')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where((eb) => eb.or([eb('sourceTs', '=', ts), eb('threadTs', '=', ts), eb('messageTs', '=', ts)]))
    .orderBy('id')
    .executeTakeFirst();
}

export async function findLatestOpenReview(db: Db, teamId: string, channelId: string): Promise<Review | undefined> {
  return db
    .selectFrom('review')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('status', '=', 'open')
    .where('messageTs', 'is not', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The channel's open reviews (newest first) and its most recently closed ones. */
export async function listChannelReviews(db: Db, teamId: string, channelId: string, limits = { open: 10, closed: 5 }): Promise<{ open: Review[]; closed: Review[] }> {
  const base = db.selectFrom('review').selectAll().where('teamId', '=', teamId).where('channelId', '=', channelId).where('messageTs', 'is not', null);
  const [open, closed] = await Promise.all([
    base.where('status', 'in', ['open', 'closing']).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limits.open).execute(),
    base.where('status', '=', 'closed').orderBy('closedAt', 'desc').orderBy('id', 'desc').limit(limits.closed).execute(),
  ]);
  return { open, closed };
}

/** A close claim older than this was left by a process that stopped mid-close; another closer may take it. */
export const STALE_CLOSE_CLAIM_MS = 10 * 60_000;

/** Open, or taken for closing so long ago that its closer must have died. */
function closable(eb: ExpressionBuilder<Database, 'review'>, now: Date) {
  return eb.or([
    eb('status', '=', 'open'),
    eb.and([eb('status', '=', 'closing'), eb('closingSince', '<', new Date(now.getTime() - STALE_CLOSE_CLAIM_MS))]),
  ]);
}

/**
 * Takes a review for closing (status 'closing'); undefined when it is not closable any more, so two
 * closers (a button and the scheduler, or two processes) never both post a summary.
 */
export async function claimReviewForClose(db: Db, teamId: string, id: number, now: Date, closingBy: string): Promise<Review | undefined> {
  return db
    .updateTable('review')
    .set({ status: 'closing', closingSince: now, closingBy })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('messageTs', 'is not', null)
    .where((eb) => closable(eb, now))
    .returningAll()
    .executeTakeFirst();
}

/**
 * Claims reviews whose close time has come, and closes a process left half-done; rows another process
 * is claiming are skipped.
 */
export async function claimDueReviews(db: Db, teamId: string, now: Date, limit = 20): Promise<Review[]> {
  return db
    .updateTable('review')
    // A close taken over keeps the name of the person who asked for it.
    .set((eb) => ({ status: 'closing', closingSince: now, closingBy: eb.case().when('status', '=', 'closing').then(eb.ref('closingBy')).else(null).end() }))
    .where('teamId', '=', teamId)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('review')
        .select('id')
        .where('teamId', '=', teamId)
        .where('messageTs', 'is not', null)
        .where((inner) =>
          inner.or([
            inner.and([inner('status', '=', 'open'), inner('closeAt', '<=', now)]),
            inner.and([inner('status', '=', 'closing'), inner('closingSince', '<', new Date(now.getTime() - STALE_CLOSE_CLAIM_MS))]),
          ]),
        )
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    // Re-checked under the row lock: a closer may have finished meanwhile.
    .where((eb) => closable(eb, now))
    .returningAll()
    .execute();
}

/** Gives a claimed review back when its summary could not be posted; the next close tries again. */
export async function releaseReviewClaim(db: Db, teamId: string, id: number): Promise<void> {
  await db.updateTable('review').set({ status: 'open', closingSince: null, closingBy: null }).where('teamId', '=', teamId).where('id', '=', id).where('status', '=', 'closing').execute();
}

/** Notes the summary as soon as it is in the thread, so a close taken over later does not post it again. */
export async function recordReviewSummary(db: Db, teamId: string, id: number, summaryTs: string): Promise<void> {
  await db.updateTable('review').set({ summaryTs }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function markReviewClosed(db: Db, teamId: string, id: number, closed: { closedAt: Date; closedBy: string | null; summaryTs: string | null }): Promise<Review> {
  return db.updateTable('review').set({ ...closed, status: 'closed', closingSince: null, closingBy: null }).where('teamId', '=', teamId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Saves a person's reflection; a second submission replaces their answers (one row per person and review). */
export async function upsertReflection(
  db: Db,
  reflection: { teamId: string; reviewId: number; userId: string; expected: string | null; actual: string | null; whyDifference: string | null; nextTime: string | null; anonymous: boolean },
  now: Date,
): Promise<{ reflection: Reflection; created: boolean }> {
  const { teamId, reviewId, userId, ...answers } = reflection;
  const row = await db
    .insertInto('reflection')
    .values(reflection)
    .onConflict((oc) => oc.columns(['teamId', 'reviewId', 'userId']).doUpdateSet({ ...answers, updatedAt: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { reflection: row, created: row.updatedAt === null };
}

export async function findReflection(db: Db, teamId: string, reviewId: number, userId: string): Promise<Reflection | undefined> {
  return db.selectFrom('reflection').selectAll().where('teamId', '=', teamId).where('reviewId', '=', reviewId).where('userId', '=', userId).executeTakeFirst();
}

/** A review's reflections, oldest first (the order of the summary's "next time" items). */
export async function listReflections(db: Db, teamId: string, reviewId: number): Promise<Reflection[]> {
  return db.selectFrom('reflection').selectAll().where('teamId', '=', teamId).where('reviewId', '=', reviewId).orderBy('createdAt').orderBy('id').execute();
}

/** The channel's review trigger emoji, or null for the default. */
export async function findReviewEmoji(db: Db, teamId: string, channelId: string): Promise<string | null> {
  const row = await db.selectFrom('channelSetting').select('reviewEmoji').where('teamId', '=', teamId).where('channelId', '=', channelId).executeTakeFirst();
  return row?.reviewEmoji ?? null;
}

export async function upsertReviewEmoji(db: Db, teamId: string, channelId: string, emoji: string, updatedBy: string): Promise<void> {
  await db
    .insertInto('channelSetting')
    .values({ teamId, channelId, reviewEmoji: emoji, updatedBy })
    .onConflict((oc) => oc.columns(['teamId', 'channelId']).doUpdateSet({ reviewEmoji: emoji, updatedBy }))
    .execute();
}

export interface ChannelCommitment {
  id: number;
  reviewId: number;
  reviewTitle: string;
  reviewMessageTs: string | null;
  reviewThreadTs: string | null;
  ownerId: string;
  text: string;
  dueDate: string;
  status: CommitmentStatus;
}

/**
 * Read-only: open commitments from the channel's reviews, soonest due first. The commitments feature
 * owns every write to the table.
 */
export async function listOpenCommitmentsForChannel(db: Db, teamId: string, channelId: string, options: { excludeReviewId?: number; limit?: number } = {}): Promise<ChannelCommitment[]> {
  let query = db
    .selectFrom('commitment')
    .innerJoin('review', 'review.id', 'commitment.reviewId')
    .select([
      'commitment.id', 'review.id as reviewId', 'review.title as reviewTitle', 'review.messageTs as reviewMessageTs', 'review.threadTs as reviewThreadTs',
      'commitment.ownerId', 'commitment.text', 'commitment.dueDate', 'commitment.status',
    ])
    .where('commitment.teamId', '=', teamId)
    .where('review.teamId', '=', teamId)
    .where('review.channelId', '=', channelId)
    .where('commitment.status', '=', 'open');
  if (options.excludeReviewId !== undefined) query = query.where('review.id', '<>', options.excludeReviewId);
  return query.orderBy('commitment.dueDate').orderBy('commitment.id').limit(options.limit ?? 20).execute();
}

/** Read-only: open commitments per review. */
export async function countOpenCommitments(db: Db, teamId: string, reviewIds: readonly number[]): Promise<Map<number, number>> {
  if (reviewIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('commitment')
    .select(['reviewId', sql<number>`count(*)`.as('n')])
    .where('teamId', '=', teamId)
    .where('reviewId', 'in', [...reviewIds])
    .where('status', '=', 'open')
    .groupBy('reviewId')
    .execute();
  return new Map(rows.map((row) => [row.reviewId as number, Number(row.n)]));
}
