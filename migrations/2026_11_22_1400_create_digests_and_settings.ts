import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Weekly channel digests (schedule + one claimed row per occurrence) and
// workspace settings (retention).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_schedule')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('minute', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('digest_schedule_pkey', ['team_id', 'channel_id'])
    .execute();
  await db.schema
    .createIndex('digest_schedule_next_run_at_index')
    .on('digest_schedule')
    .columns(['next_run_at', 'team_id'])
    .where(sql.ref('enabled'), '=', true)
    .execute();

  // Inserting the row is the claim: two processes never post the same week's digest.
  await db.schema
    .createTable('digest')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('digest_team_id_channel_id_scheduled_for_key', ['team_id', 'channel_id', 'scheduled_for'])
    .addCheckConstraint('digest_status_check', sql`status in ('claimed', 'posted', 'failed', 'skipped')`)
    .execute();

  await db.schema
    .createTable('workspace_setting')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('retention_days', 'integer')
    .addColumn('min_group_size', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('last_retention_run_at', 'timestamptz')
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Indexes for the digest and stats over large channels.
  await db.schema.createIndex('thread_reply_team_id_channel_id_created_at_index').on('thread_reply').columns(['team_id', 'channel_id', 'created_at']).execute();
  await db.schema.createIndex('learning_team_id_channel_id_created_at_index').on('learning').columns(['team_id', 'channel_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('learning_team_id_channel_id_created_at_index').execute();
  await db.schema.dropIndex('thread_reply_team_id_channel_id_created_at_index').execute();
  for (const table of ['workspace_setting', 'digest', 'digest_schedule']) await db.schema.dropTable(table).execute();
}
