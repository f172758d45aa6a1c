import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Scheduled reflection prompts, the threads Learnloop follows, their replies,
// per-person preferences and the queue of budgeted DMs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace').addColumn('url', 'text').execute();

  await db.schema
    .createTable('prompt_schedule')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('cadence', 'jsonb', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('question_set', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('paused_reason', 'text')
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('nudge_after_minutes', 'integer')
    .addColumn('last_result', 'text')
    .addColumn('last_result_reason', 'text')
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('prompt_schedule_status_check', sql`status in ('active', 'paused')`)
    .addCheckConstraint('prompt_schedule_question_set_check', sql`question_set in ('default', 'custom', 'mixed')`)
    .execute();
  await db.schema.createIndex('prompt_schedule_team_id_channel_id_index').on('prompt_schedule').columns(['team_id', 'channel_id']).execute();
  await db.schema
    .createIndex('prompt_schedule_next_run_at_index')
    .on('prompt_schedule')
    .columns(['next_run_at', 'team_id'])
    .where(sql.ref('status'), '=', 'active')
    .execute();

  // One row per occurrence: inserting it is the claim, so two processes never post it twice.
  await db.schema
    .createTable('prompt')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('schedule_id', 'integer', (c) => c.references('prompt_schedule.id').onDelete('set null'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('question_id', 'text')
    .addColumn('question_text', 'text')
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message_ts', 'text')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('requested_by', 'text')
    .addColumn('nudge_after_minutes', 'integer')
    .addColumn('nudges_queued_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('prompt_status_check', sql`status in ('claimed', 'posted', 'failed', 'skipped')`)
    .execute();
  await db.schema.createIndex('prompt_schedule_id_scheduled_for_index').on('prompt').columns(['schedule_id', 'scheduled_for']).unique().execute();
  await db.schema.createIndex('prompt_team_id_channel_id_created_at_index').on('prompt').columns(['team_id', 'channel_id', 'created_at']).execute();
  await db.schema
    .createIndex('prompt_claimed_index')
    .on('prompt')
    .columns(['team_id', 'claimed_at'])
    .where(sql.ref('status'), '=', 'claimed')
    .execute();

  // Threads whose replies Learnloop keeps: prompts now, reviews and sessions later.
  await db.schema
    .createTable('tracked_thread')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('tracked_thread_team_id_channel_id_thread_ts_key', ['team_id', 'channel_id', 'thread_ts'])
    .execute();
  await db.schema.createIndex('tracked_thread_team_id_kind_subject_id_index').on('tracked_thread').columns(['team_id', 'kind', 'subject_id']).execute();

  await db.schema
    .createTable('thread_reply')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('tracked_thread.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // Slack's ts of the reply; null for a private reply, which never exists in Slack.
    .addColumn('ts', 'text')
    .addColumn('permalink', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('thread_reply_visibility_check', sql`visibility in ('public', 'private')`)
    .execute();
  await db.schema
    .createIndex('thread_reply_team_id_channel_id_ts_index')
    .on('thread_reply')
    .columns(['team_id', 'channel_id', 'ts'])
    .unique()
    .where(sql.ref('ts'), 'is not', null)
    .execute();
  await db.schema.createIndex('thread_reply_thread_id_index').on('thread_reply').column('thread_id').execute();
  await db.schema.createIndex('thread_reply_team_id_user_id_index').on('thread_reply').columns(['team_id', 'user_id']).execute();

  await db.schema
    .createTable('channel_question')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('channel_question_team_id_channel_id_index').on('channel_question').columns(['team_id', 'channel_id']).execute();

  await db.schema
    .createTable('prompt_skip')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('prompt_skip_team_id_channel_id_index').on('prompt_skip').columns(['team_id', 'channel_id']).execute();

  // What Learnloop knows of a person: their own settings and a cached Slack profile.
  await db.schema
    .createTable('person')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('muted_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('person_pkey', ['team_id', 'user_id'])
    .execute();

  // Every scheduled (budgeted) DM: queued, claimed, then sent, deferred or dropped with a reason.
  await db.schema
    .createTable('scheduled_dm')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('only_useful_on_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('status_reason', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('scheduled_dm_team_id_dedupe_key_key', ['team_id', 'dedupe_key'])
    .addCheckConstraint('scheduled_dm_status_check', sql`status in ('pending', 'sending', 'sent', 'dropped', 'failed')`)
    .execute();
  await db.schema
    .createIndex('scheduled_dm_due_index')
    .on('scheduled_dm')
    .columns(['due_at', 'team_id'])
    .where(sql.ref('status'), 'in', ['pending', 'sending'])
    .execute();
  await db.schema.createIndex('scheduled_dm_team_id_user_id_sent_at_index').on('scheduled_dm').columns(['team_id', 'user_id', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['scheduled_dm', 'person', 'prompt_skip', 'channel_question', 'thread_reply', 'tracked_thread', 'prompt', 'prompt_schedule']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('workspace').dropColumn('url').execute();
}
