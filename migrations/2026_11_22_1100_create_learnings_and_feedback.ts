import { sql, type Kysely } from 'kysely';

// Frozen once shipped. The team knowledge base (learnings, searchable with public prompt replies)
// and peer feedback.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('link', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('team'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('experience'))
    // Who it was learned from (a message's author, a feedback's sender).
    .addColumn('credited_user_id', 'text')
    .addColumn('source_permalink', 'text')
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'integer')
    .addColumn('channel_id', 'text')
    .addColumn('shared_channel_id', 'text')
    .addColumn('shared_ts', 'text')
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, text)`).stored())
    .addColumn('updated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learning_visibility_check', sql`visibility in ('team', 'private')`)
    .addCheckConstraint('learning_text_length_check', sql`char_length(text) between 1 and 3000`)
    .execute();
  await db.schema.createIndex('learning_search_index').on('learning').using('gin').column('search').execute();
  await db.schema.createIndex('learning_tags_index').on('learning').using('gin').column('tags').execute();
  await db.schema.createIndex('learning_team_id_created_at_index').on('learning').columns(['team_id', 'created_at']).execute();
  await db.schema.createIndex('learning_team_id_user_id_index').on('learning').columns(['team_id', 'user_id']).execute();

  // Public prompt replies are searchable with the learnings.
  await db.schema
    .alterTable('thread_reply')
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, text)`).stored())
    .execute();
  await db.schema.createIndex('thread_reply_search_index').on('thread_reply').using('gin').column('search').execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('situation', 'text')
    .addColumn('behaviour', 'text')
    .addColumn('impact', 'text')
    .addColumn('text', 'text')
    .addColumn('context_permalink', 'text')
    .addColumn('delivered_channel_id', 'text')
    .addColumn('delivered_ts', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('thanked_at', 'timestamptz')
    .addColumn('shared_with_mentor_at', 'timestamptz')
    .addColumn('saved_learning_id', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('feedback_status_check', sql`status in ('pending', 'delivered', 'failed')`)
    .addCheckConstraint('feedback_has_content_check', sql`coalesce(situation, behaviour, impact, text) is not null`)
    .execute();
  await db.schema.createIndex('feedback_team_id_sender_id_created_at_index').on('feedback').columns(['team_id', 'sender_id', 'created_at']).execute();
  await db.schema.createIndex('feedback_team_id_recipient_id_created_at_index').on('feedback').columns(['team_id', 'recipient_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback').execute();
  await db.schema.dropIndex('thread_reply_search_index').execute();
  await db.schema.alterTable('thread_reply').dropColumn('search').execute();
  await db.schema.dropTable('learning').execute();
}
