import { sql, type Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { FeedbackRow, FeedbackTable } from '../../platform/db/schema';
import { DAY_MS } from '../../platform/time/units';

/**
 * Peer feedback. Its text is private to sender and recipient: nothing here is ever joined into search,
 * every query filters the team, and changes a person makes filter their own id (recipient or sender).
 */
export type Feedback = FeedbackRow;

/** What a new feedback is made of; delivery, thanks and the rest are set as it goes. */
export type NewFeedback = Pick<Insertable<FeedbackTable>, 'teamId' | 'senderId' | 'recipientId' | 'situation' | 'behaviour' | 'impact' | 'text' | 'contextPermalink'>;

/** The daily limit looks back at most a day (in the sender's zone); send lines older than this can go. */
export const FEEDBACK_SEND_KEPT_MS = 2 * DAY_MS;

/**
 * Stored as pending before any Slack call, so a failed delivery loses nothing; with it, a line in the
 * send log that the daily limit counts even after the feedback is deleted. The limit is checked here,
 * under a lock per sender, so two sends at the same instant cannot both take the last place.
 * Undefined when the sender is at the limit.
 */
export async function insertFeedback(db: Db, feedback: NewFeedback, now: Date, limit: { since: Date; max: number }): Promise<Feedback | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`feedback-limit:${feedback.teamId}:${feedback.senderId}`}))`.execute(trx);
    if ((await countFeedbackSentSince(trx, feedback.teamId, feedback.senderId, limit.since)) >= limit.max) return undefined;
    const row = await trx.insertInto('feedback').values({ ...feedback, status: 'pending' }).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('feedbackSend').values({ teamId: feedback.teamId, senderId: feedback.senderId, feedbackId: row.id, sentAt: now }).execute();
    return row;
  });
}

export async function markFeedbackDelivered(db: Db, teamId: string, id: number, channelId: string, ts: string): Promise<void> {
  await db
    .updateTable('feedback')
    .set({ status: 'delivered', deliveredChannelId: channelId, deliveredTs: ts })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .execute();
}

/** A feedback that never reached its recipient does not count towards the sender's daily limit. */
export async function markFeedbackFailed(db: Db, teamId: string, id: number, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('feedback').set({ status: 'failed', statusReason: reason }).where('teamId', '=', teamId).where('id', '=', id).execute();
    await trx.deleteFrom('feedbackSend').where('teamId', '=', teamId).where('feedbackId', '=', id).execute();
  });
}

/** Records the recipient's thanks once; the thanked feedback, or undefined when it was already thanked (or is not theirs). */
export async function markFeedbackThanked(db: Db, teamId: string, id: number, recipientId: string, now: Date): Promise<Feedback | undefined> {
  return db
    .updateTable('feedback')
    .set({ thankedAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .where('thankedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Marks it for the recipient's mentor once; the feedback, or undefined when already shared (or not theirs). */
export async function markFeedbackSharedWithMentor(db: Db, teamId: string, id: number, recipientId: string, now: Date): Promise<Feedback | undefined> {
  return db
    .updateTable('feedback')
    .set({ sharedWithMentorAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .where('sharedWithMentorAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Links the learning saved from it; false when one was already linked (a second click loses the race). */
export async function setFeedbackSavedLearning(db: Db, teamId: string, id: number, recipientId: string, learningId: number): Promise<boolean> {
  const result = await db
    .updateTable('feedback')
    .set({ savedLearningId: learningId })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .where('savedLearningId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Forgets send lines older than `olderThan` (the hourly clean-up). */
export async function deleteOldFeedbackSends(db: Db, teamId: string, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('feedbackSend').where('teamId', '=', teamId).where('sentAt', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Feedback the sender sent since `since`, deleted ones included, failed deliveries not (the daily limit counts these). */
export async function countFeedbackSentSince(db: Db, teamId: string, senderId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('feedbackSend')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('teamId', '=', teamId)
    .where('senderId', '=', senderId)
    .where('sentAt', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The sender's own feedback, newest first. */
export async function listFeedbackSentBy(db: Db, teamId: string, senderId: string, limit = 10): Promise<Feedback[]> {
  return db
    .selectFrom('feedback')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('senderId', '=', senderId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Whether feedback `id` is in the workspace, between whoever: tells "not yours" apart from "withdrawn". */
export async function feedbackExists(db: Db, teamId: string, id: number): Promise<boolean> {
  const row = await db.selectFrom('feedback').select('id').where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** One feedback, only when `party` is its recipient or sender (as given). */
export async function findFeedback(db: Db, teamId: string, id: number, party: { recipientId: string } | { senderId: string }): Promise<Feedback | undefined> {
  let query = db.selectFrom('feedback').selectAll().where('teamId', '=', teamId).where('id', '=', id);
  query = 'recipientId' in party ? query.where('recipientId', '=', party.recipientId) : query.where('senderId', '=', party.senderId);
  return query.executeTakeFirst();
}

/** Deletes the row itself (not a flag); only its sender's id matches. */
export async function deleteFeedbackBySender(db: Db, teamId: string, id: number, senderId: string): Promise<Feedback | undefined> {
  return db
    .deleteFrom('feedback')
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('senderId', '=', senderId)
    .returningAll()
    .executeTakeFirst();
}
