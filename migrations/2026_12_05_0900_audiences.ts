import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Who may read an item depends on where it was said: an item captured in a private
// channel is for that channel's members only. Each item records the private channel it came from (null:
// a public channel, a DM or no channel). Reflections and commitments take it from their review.
// channel_privacy remembers what Slack said of each channel, so items captured before this migration can
// be classified by the audience backfill job, and so a process need not ask Slack on every capture.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['thread_reply', 'learning', 'review']) {
    await db.schema.alterTable(table).addColumn('private_channel_id', 'text').execute();
  }
  await db.schema
    .createTable('channel_privacy')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('is_private', 'boolean', (col) => col.notNull())
    .addColumn('checked_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_privacy_pkey', ['team_id', 'channel_id'])
    .execute();
  // Private-channel items are few; the search and lists filter on this column with the viewer's channels.
  await db.schema.createIndex('learning_team_id_private_channel_id_index').on('learning').columns(['team_id', 'private_channel_id']).where(sql.ref('private_channel_id'), 'is not', null).execute();
  await db.schema.createIndex('thread_reply_team_id_private_channel_id_index').on('thread_reply').columns(['team_id', 'private_channel_id']).where(sql.ref('private_channel_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_privacy').execute();
  for (const table of ['thread_reply', 'learning', 'review']) {
    await db.schema.alterTable(table).dropColumn('private_channel_id').execute();
  }
}
