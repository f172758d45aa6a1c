import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspace')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('bot_user_id', 'text')
    .addColumn('uninstalled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per Slack event_id we have processed, so a retried delivery is handled once.
  await db.schema
    .createTable('event_receipt')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_receipt_pkey', ['team_id', 'event_id'])
    .execute();
  await db.schema.createIndex('event_receipt_created_at_index').on('event_receipt').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_receipt').execute();
  await db.schema.dropTable('workspace').execute();
}
