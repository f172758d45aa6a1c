import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Growth: the workspace's competency map (each with the #tags that count as evidence
// and four level names), the competency someone picked for an item (a learning, a feedback, a reflection,
// a commitment, a check-in, a session), personal growth goals with their confirmation, and whether a
// person is open to mentoring.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('competency')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('tags', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('levels', sql`text[]`, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('competency_pkey', ['team_id', 'id'])
    .execute();
  await sql`create unique index competency_team_id_name_index on competency (team_id, lower(name)) where retired_at is null`.execute(db);
  await sql`create index competency_tags_index on competency using gin (tags)`.execute(db);

  await db.schema
    .createTable('competency_pick')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('item_kind', 'text', (col) => col.notNull())
    .addColumn('item_id', 'integer', (col) => col.notNull())
    .addColumn('competency_id', 'integer', (col) => col.notNull())
    .addColumn('picked_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('competency_pick_pkey', ['team_id', 'item_kind', 'item_id', 'competency_id'])
    .addForeignKeyConstraint('competency_pick_competency_fkey', ['team_id', 'competency_id'], 'competency', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('competency_pick_item_kind_check', sql`item_kind in ('learning', 'feedback', 'reflection', 'commitment', 'check_in', 'session')`)
    .execute();
  await db.schema.createIndex('competency_pick_team_id_competency_id_index').on('competency_pick').columns(['team_id', 'competency_id', 'item_kind']).execute();

  await db.schema
    .createTable('growth_goal')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('competency_id', 'integer', (col) => col.notNull())
    .addColumn('target_level', 'integer', (col) => col.notNull().check(sql`target_level between 1 and 4`))
    .addColumn('due_date', 'date')
    .addColumn('time_zone', 'text', (col) => col.notNull())
    // false: a level claimed without a goal set first (time-to-competency then counts from the first evidence).
    .addColumn('was_goal', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open').check(sql`status in ('open', 'claimed', 'confirmed', 'withdrawn')`))
    .addColumn('confirmer_id', 'text')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('started_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('growth_goal_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('growth_goal_competency_fkey', ['team_id', 'competency_id'], 'competency', ['team_id', 'id'])
    .execute();
  await db.schema.createIndex('growth_goal_team_id_user_id_index').on('growth_goal').columns(['team_id', 'user_id', 'status']).execute();
  await db.schema.createIndex('growth_goal_team_id_competency_id_index').on('growth_goal').columns(['team_id', 'competency_id', 'status']).execute();

  await db.schema.alterTable('person').addColumn('open_to_mentoring', 'boolean', (col) => col.notNull().defaultTo(false)).execute();

  // A person's evidence is read over their last weeks.
  await db.schema.createIndex('learning_team_id_user_id_created_at_index').on('learning').columns(['team_id', 'user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('learning_team_id_user_id_created_at_index').execute();
  await db.schema.alterTable('person').dropColumn('open_to_mentoring').execute();
  await db.schema.dropTable('growth_goal').execute();
  await db.schema.dropTable('competency_pick').execute();
  await db.schema.dropTable('competency').execute();
}
