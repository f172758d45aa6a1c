import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Action-learning projects: the charter, its people (members with their supervisor's
// answer, the sponsor, the coach), its learning modules and who finished them, the learning sets it ran
// (one per posted prompt of its schedule, for their buttons), "we're stuck" flags and recognitions.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('challenge', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('private_channel_id', 'text')
    .addColumn('starts_on', 'date', (col) => col.notNull())
    .addColumn('ends_on', 'date', (col) => col.notNull())
    .addColumn('hours_per_week', 'integer', (col) => col.notNull())
    .addColumn('set_cadence', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('wave', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active').check(sql`status in ('active', 'paused', 'closed')`))
    .addColumn('schedule_id', 'integer')
    .addColumn('charter_ts', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('next_sponsor_check_in_at', 'timestamptz')
    .addColumn('last_sponsor_check_in_at', 'timestamptz')
    .addColumn('midpoint_review_id', 'integer')
    .addColumn('midpoint_claimed_at', 'timestamptz')
    .addColumn('final_proposed_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_pkey', ['team_id', 'id'])
    .execute();
  await db.schema.createIndex('project_team_id_status_index').on('project').columns(['team_id', 'status']).execute();
  await db.schema.createIndex('project_team_id_wave_index').on('project').columns(['team_id', 'wave']).execute();

  await db.schema
    .createTable('project_person')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('project_id', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('member', 'sponsor', 'coach')`))
    .addColumn('supervisor_id', 'text')
    .addColumn('supervisor_answer', 'text', (col) => col.check(sql`supervisor_answer in ('agreed', 'talk')`))
    .addColumn('supervisor_answered_at', 'timestamptz')
    .addPrimaryKeyConstraint('project_person_pkey', ['team_id', 'project_id', 'user_id'])
    .addForeignKeyConstraint('project_person_project_fkey', ['team_id', 'project_id'], 'project', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('project_person_team_id_user_id_index').on('project_person').columns(['team_id', 'user_id']).execute();

  await db.schema
    .createTable('project_module')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('project_id', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('link', 'text')
    .addColumn('due_on', 'date', (col) => col.notNull())
    .addColumn('question', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('post_claimed_at', 'timestamptz')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('message_ts', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_module_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('project_module_project_fkey', ['team_id', 'project_id'], 'project', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('project_module_team_id_due_on_index').on('project_module').columns(['team_id', 'due_on']).where(sql.ref('posted_at'), 'is', null).execute();

  await db.schema
    .createTable('project_module_done')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('module_id', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('done_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_module_done_pkey', ['team_id', 'module_id', 'user_id'])
    .addForeignKeyConstraint('project_module_done_module_fkey', ['team_id', 'module_id'], 'project_module', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  // One row per learning set (a posted prompt of the project's schedule): claimed before its buttons are posted.
  await db.schema
    .createTable('project_set')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('prompt_id', 'integer', (col) => col.notNull())
    .addColumn('project_id', 'integer', (col) => col.notNull())
    .addColumn('buttons_ts', 'text')
    .addColumn('claimed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_set_pkey', ['team_id', 'prompt_id'])
    .addForeignKeyConstraint('project_set_project_fkey', ['team_id', 'project_id'], 'project', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('project_flag')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('project_id', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('stuck', 'recognition')`))
    // A stuck flag without a name keeps no user id at all.
    .addColumn('user_id', 'text')
    .addColumn('recipient_id', 'text')
    .addColumn('feedback_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_flag_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('project_flag_project_fkey', ['team_id', 'project_id'], 'project', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('project_flag_team_id_project_id_index').on('project_flag').columns(['team_id', 'project_id', 'kind', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['project_flag', 'project_set', 'project_module_done', 'project_module', 'project_person', 'project']) await db.schema.dropTable(table).execute();
}
