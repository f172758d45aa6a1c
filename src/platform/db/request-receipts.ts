import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './connect';
import { Batcher } from './batcher';

/**
 * Records signed requests (by a hash of X-Slack-Signature), shared by every Learnloop process on the
 * database: `claim` resolves false when the same signed body was seen before. It runs before every
 * command is acknowledged, so concurrent claims share one statement (see Batcher), and that statement's
 * commit does not wait for the disk (synchronous_commit off, for its own transaction only): a crash
 * may forget the last receipts, which only reopens a five-minute replay window a crash already broke.
 */
export function requestReceipts(db: Db): { claim(teamId: string, signature: string): Promise<boolean> } {
  const batcher = new Batcher<{ teamId: string; signatureHash: string }, boolean>((batch) => claimAll(db, batch), { maxBatch: 200, maxConcurrent: 2 });
  return { claim: (teamId, signature) => batcher.submit({ teamId, signatureHash: createHash('sha256').update(signature).digest('hex') }) };
}

async function claimAll(db: Db, batch: { teamId: string; signatureHash: string }[]): Promise<boolean[]> {
  const inserted = await sql<{ team_id: string; signature_hash: string }>`
    insert into request_receipt (team_id, signature_hash)
    select receipt.team_id, receipt.signature_hash
    from unnest(${batch.map((r) => r.teamId)}::text[], ${batch.map((r) => r.signatureHash)}::text[]) as receipt(team_id, signature_hash),
      (select set_config('synchronous_commit', 'off', true)) as commit_without_flush
    on conflict (team_id, signature_hash) do nothing
    returning team_id, signature_hash`.execute(db.withoutPlugins());
  const fresh = new Set(inserted.rows.map((row) => `${row.team_id} ${row.signature_hash}`));
  // The same signed body twice in one statement: only its first copy is new.
  return batch.map((receipt) => fresh.delete(`${receipt.teamId} ${receipt.signatureHash}`));
}

/** Drops receipts older than the signature window (minutes); a replay of them is refused as stale anyway. */
export async function deleteOldRequestReceipts(db: Db, teamId: string, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('requestReceipt').where('teamId', '=', teamId).where('receivedAt', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
