import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Event-driven reviews: API tokens (only their hash), the per-minute request count
// that rate-limits each token across processes, the external id that makes a retried webhook start one
// review, and the mapping (with its signing secret) from a PagerDuty service or a GitHub repository to a
// channel. Reviews may now be started by the API, a webhook or a Workflow Builder step.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_token')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('api_token_pkey', ['team_id', 'id'])
    .execute();
  await db.schema.createIndex('api_token_team_id_token_hash_index').unique().on('api_token').columns(['team_id', 'token_hash']).execute();
  await sql`create unique index api_token_team_id_name_index on api_token (team_id, lower(name)) where revoked_at is null`.execute(db);

  await db.schema
    .createTable('api_request_minute')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('token_id', 'integer', (col) => col.notNull())
    .addColumn('minute', 'timestamptz', (col) => col.notNull())
    .addColumn('requests', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('api_request_minute_pkey', ['team_id', 'token_id', 'minute'])
    .execute();

  await db.schema.alterTable('review').addColumn('external_id', 'text').execute();
  await sql`create unique index review_team_id_external_id_index on review (team_id, external_id) where external_id is not null`.execute(db);
  await sql`alter table review drop constraint review_trigger_check`.execute(db);
  await sql`alter table review add constraint review_trigger_check check (trigger in ('command', 'modal', 'reaction', 'shortcut', 'api', 'webhook', 'workflow'))`.execute(db);

  await db.schema
    .createTable('event_source')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('pagerduty', 'github')`))
    // A PagerDuty service id, or a GitHub owner/repo (lowercase).
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_source_pkey', ['team_id', 'source', 'key'])
    .execute();
  await db.schema
    .createTable('event_source_secret')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('pagerduty', 'github')`))
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('set_by', 'text', (col) => col.notNull())
    .addColumn('set_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_source_secret_pkey', ['team_id', 'source'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_source_secret').execute();
  await db.schema.dropTable('event_source').execute();
  await sql`alter table review drop constraint review_trigger_check`.execute(db);
  await sql`alter table review add constraint review_trigger_check check (trigger in ('command', 'modal', 'reaction', 'shortcut'))`.execute(db);
  await sql`drop index review_team_id_external_id_index`.execute(db);
  await db.schema.alterTable('review').dropColumn('external_id').execute();
  await db.schema.dropTable('api_request_minute').execute();
  await db.schema.dropTable('api_token').execute();
}
