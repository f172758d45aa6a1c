import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './connect';

/**
 * Records a signed request (by a hash of its X-Slack-Signature); false when it was seen before, i.e. the
 * same signed body sent again. One insert, shared by every Learnloop process on the database.
 */
export async function claimRequestReceipt(db: Db, teamId: string, signature: string): Promise<boolean> {
  const signatureHash = createHash('sha256').update(signature).digest('hex');
  // This insert runs before every command is acknowledged, so its commit does not wait for the disk
  // (synchronous_commit off, for this one transaction): a crash may forget the last receipts, which
  // only reopens a five-minute replay window that a crash has already interrupted.
  const inserted = await sql<{ team_id: string }>`
    insert into request_receipt (team_id, signature_hash)
    select ${teamId}, ${signatureHash} from (select set_config('synchronous_commit', 'off', true)) as commit_without_flush
    on conflict (team_id, signature_hash) do nothing
    returning team_id`.execute(db);
  return inserted.rows.length > 0;
}

/** Drops receipts older than the signature window (minutes); a replay of them is refused as stale anyway. */
export async function deleteOldRequestReceipts(db: Db, teamId: string, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('requestReceipt').where('teamId', '=', teamId).where('receivedAt', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
