import { createHash } from 'node:crypto';
import type { Db } from './connect';

/**
 * Records a signed request (by a hash of its X-Slack-Signature); false when it was seen before, i.e. the
 * same signed body sent again. One insert, shared by every Learnloop process on the database.
 */
export async function claimRequestReceipt(db: Db, teamId: string, signature: string): Promise<boolean> {
  const inserted = await db
    .insertInto('requestReceipt')
    .values({ teamId, signatureHash: createHash('sha256').update(signature).digest('hex') })
    .onConflict((oc) => oc.columns(['teamId', 'signatureHash']).doNothing())
    .returning('teamId')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Drops receipts older than the signature window (minutes); a replay of them is refused as stale anyway. */
export async function deleteOldRequestReceipts(db: Db, teamId: string, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('requestReceipt').where('teamId', '=', teamId).where('receivedAt', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
