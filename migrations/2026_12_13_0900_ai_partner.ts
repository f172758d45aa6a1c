import { sql, type Kysely } from 'kysely';

// Frozen once shipped. The optional AI partner: whether a workspace turned it on and its daily request
// budget, the channels that opted out, the per-day request count that enforces the budget across
// processes, and drafts. A draft is kept only while its one reader decides (then published, or its text
// is dropped); a published one keeps the model and prompt version it came from. Prompts and raw answers
// are never stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ai_setting')
    .addColumn('team_id', 'text', (col) => col.primaryKey())
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('daily_budget', 'integer', (col) => col.notNull().defaultTo(100))
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('ai_channel_opt_out')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('opted_out_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ai_channel_opt_out_pkey', ['team_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('ai_request_day')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('requests', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('ai_request_day_pkey', ['team_id', 'day'])
    .execute();

  await db.schema
    .createTable('ai_draft')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('review_synthesis', 'digest_themes', 'next_question', 'ask')`))
    .addColumn('subject_id', 'integer')
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('thread_ts', 'text')
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('drafting', 'draft', 'published', 'discarded')`))
    .addColumn('body', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('candidates', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('model', 'text', (col) => col.notNull())
    .addColumn('prompt_version', 'text', (col) => col.notNull())
    .addColumn('dm_channel_id', 'text')
    .addColumn('dm_ts', 'text')
    .addColumn('published_ts', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ai_draft_pkey', ['team_id', 'id'])
    .execute();
  // One draft per person per review, digest or prompt: a second press (or a second process) finds the first.
  await sql`create unique index ai_draft_team_id_kind_subject_id_user_id_index on ai_draft (team_id, kind, subject_id, user_id) where subject_id is not null`.execute(db);
  await db.schema.createIndex('ai_draft_team_id_user_id_index').on('ai_draft').columns(['team_id', 'user_id']).execute();
  // Who asked for a digest with `digest now` (null for a scheduled one): they are its poster, who gets its themes.
  await db.schema.alterTable('digest').addColumn('requested_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('digest').dropColumn('requested_by').execute();
  await db.schema.dropTable('ai_draft').execute();
  await db.schema.dropTable('ai_request_day').execute();
  await db.schema.dropTable('ai_channel_opt_out').execute();
  await db.schema.dropTable('ai_setting').execute();
}
