
import type { Db } from './connect';

/** Records that an event is being processed; false when it was already (a Slack retry). */
export async function claimEventReceipt(db: Db, teamId: string, eventId: string, eventType: string): Promise<boolean> {
  const inserted = await db
    .insertInto('eventReceipt')
    .values({ teamId, eventId, eventType })
    .onConflict((oc) => oc.columns(['teamId', 'eventId']).doNothing())
    .returning('eventId')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Whether an event (or a replayed spool entry) was already recorded. */
export async function hasEventReceipt(db: Db, teamId: string, eventId: string): Promise<boolean> {
  const row = await db.selectFrom('eventReceipt').select('eventId').where('teamId', '=', teamId).where('eventId', '=', eventId).executeTakeFirst();
  return row !== undefined;
}

/** Forgets a receipt whose processing failed, so Slack's retry is processed. */
export async function deleteEventReceipt(db: Db, teamId: string, eventId: string): Promise<void> {
  await db.deleteFrom('eventReceipt').where('teamId', '=', teamId).where('eventId', '=', eventId).execute();
}

/** Drops receipts older than Slack's retry window (hours); keeps the table small. */
export async function deleteOldEventReceipts(db: Db, teamId: string, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('eventReceipt').where('teamId', '=', teamId).where('createdAt', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

