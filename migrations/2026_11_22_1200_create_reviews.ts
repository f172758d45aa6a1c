import { sql, type Kysely } from 'kysely';

// Frozen once shipped. After-action reviews, their reflections and the commitments that follow them;
// per-channel settings; anonymous learnings (from reflections shared without a name).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('facilitator_id', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    // The message a reaction or shortcut started it on; one review per message.
    .addColumn('source_ts', 'text')
    .addColumn('thread_ts', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('close_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('summary_ts', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('review_status_check', sql`status in ('starting', 'open', 'closing', 'closed')`)
    .addCheckConstraint('review_trigger_check', sql`trigger in ('command', 'modal', 'reaction', 'shortcut')`)
    .execute();
  await db.schema
    .createIndex('review_team_id_channel_id_source_ts_index')
    .on('review')
    .columns(['team_id', 'channel_id', 'source_ts'])
    .unique()
    .where(sql.ref('source_ts'), 'is not', null)
    .execute();
  await db.schema.createIndex('review_team_id_channel_id_created_at_index').on('review').columns(['team_id', 'channel_id', 'created_at']).execute();
  await db.schema
    .createIndex('review_close_at_index')
    .on('review')
    .columns(['close_at', 'team_id'])
    .where(sql.ref('status'), '=', 'open')
    .execute();

  await db.schema
    .createTable('reflection')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('review_id', 'integer', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('expected', 'text')
    .addColumn('actual', 'text')
    .addColumn('why_difference', 'text')
    .addColumn('next_time', 'text')
    .addColumn('anonymous', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('reflection_team_id_review_id_user_id_key', ['team_id', 'review_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('commitment')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('review_id', 'integer', (c) => c.references('review.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('follow_ups_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dropped_reason', 'text')
    .addColumn('done_learning_id', 'integer')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('commitment_status_check', sql`status in ('open', 'done', 'dropped')`)
    .execute();
  await db.schema.createIndex('commitment_team_id_owner_id_status_index').on('commitment').columns(['team_id', 'owner_id', 'status']).execute();
  await db.schema.createIndex('commitment_team_id_review_id_index').on('commitment').columns(['team_id', 'review_id']).execute();

  await db.schema
    .createTable('channel_setting')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('review_emoji', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_setting_pkey', ['team_id', 'channel_id'])
    .execute();

  await db.schema.alterTable('learning').addColumn('anonymous', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('feedback').addColumn('status_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').dropColumn('status_reason').execute();
  await db.schema.alterTable('learning').dropColumn('anonymous').execute();
  for (const table of ['channel_setting', 'commitment', 'reflection', 'review']) await db.schema.dropTable(table).execute();
}
