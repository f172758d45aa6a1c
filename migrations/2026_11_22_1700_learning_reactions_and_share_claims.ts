import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Reactions on a learning's shared card rank the digest's learnings; the share
// claim lets a double click on "Share to channel" post one card, and a share cut short be tried again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('learning')
    .addColumn('reaction_count', 'integer', (col) => col.notNull().defaultTo(0).check(sql`reaction_count >= 0`))
    .addColumn('share_claimed_at', 'timestamptz')
    .execute();
  await sql`create index learning_team_id_shared_message_index on learning (team_id, shared_channel_id, shared_ts) where shared_ts is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('learning_team_id_shared_message_index').execute();
  await db.schema.alterTable('learning').dropColumn('share_claimed_at').dropColumn('reaction_count').execute();
}
