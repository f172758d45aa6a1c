import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Digest and stats count public replies per period, by channel and workspace-wide:
// partial covering indexes let PostgreSQL answer count(*) and count(distinct user_id) from the index alone.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index thread_reply_team_id_created_at_public_index on thread_reply (team_id, created_at) include (user_id) where visibility = 'public'`.execute(db);
  await sql`create index thread_reply_team_id_channel_id_created_at_public_index on thread_reply (team_id, channel_id, created_at) include (user_id) where visibility = 'public'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('thread_reply_team_id_created_at_public_index').execute();
  await db.schema.dropIndex('thread_reply_team_id_channel_id_created_at_public_index').execute();
}
