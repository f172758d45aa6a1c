import { sql, type Kysely } from 'kysely';

// Frozen once shipped. One row per signed slash command or interaction seen, so the same signed request
// sent again within Slack's signature window is ignored, whichever Learnloop process receives it. Holds a
// hash of the X-Slack-Signature header, never the signature or the body.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_receipt')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('signature_hash', 'text', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('request_receipt_pkey', ['team_id', 'signature_hash'])
    .execute();
  await db.schema.createIndex('request_receipt_team_id_received_at_index').on('request_receipt').columns(['team_id', 'received_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_receipt').execute();
}
