import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Posts made in answer to a person's action are claimed by a unique key before any
// Slack call, so two presses at once (or a double-submitted form) post once: a community question by its
// asker, words and day; a coffee-pairing round per community (one a day); a project by the form it came
// from; a "We're stuck" flag by its sender (or none), words and day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('community_question').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('community_question_team_id_community_id_asker_id_dedupe_key_index').unique().on('community_question').columns(['team_id', 'community_id', 'asker_id', 'dedupe_key']).execute();

  await db.schema
    .createTable('community_pairing_round')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('community_id', 'integer', (col) => col.notNull())
    .addColumn('round', 'integer', (col) => col.notNull())
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('community_pairing_round_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('community_pairing_round_community_fkey', ['team_id', 'community_id'], 'community', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('community_pairing_round_team_id_community_id_round_index').unique().on('community_pairing_round').columns(['team_id', 'community_id', 'round']).execute();
  await db.schema.createIndex('community_pairing_round_team_id_community_id_day_index').unique().on('community_pairing_round').columns(['team_id', 'community_id', 'day']).execute();
  // Rounds run before this claim existed: the next round number follows them.
  await sql`insert into community_pairing_round (team_id, community_id, round, day, created_at)
    select team_id, community_id, round, min(created_at)::date, min(created_at) from community_pairing group by team_id, community_id, round
    on conflict do nothing`.execute(db);

  await db.schema.alterTable('project').addColumn('submission_key', 'text').execute();
  await db.schema.createIndex('project_team_id_submission_key_index').unique().on('project').columns(['team_id', 'submission_key']).execute();

  await db.schema.alterTable('project_flag').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('project_flag_team_id_project_id_dedupe_key_index').unique().on('project_flag').columns(['team_id', 'project_id', 'dedupe_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('project_flag_team_id_project_id_dedupe_key_index').execute();
  await db.schema.alterTable('project_flag').dropColumn('dedupe_key').execute();
  await db.schema.dropIndex('project_team_id_submission_key_index').execute();
  await db.schema.alterTable('project').dropColumn('submission_key').execute();
  await db.schema.dropTable('community_pairing_round').execute();
  await db.schema.dropIndex('community_question_team_id_community_id_asker_id_dedupe_key_index').execute();
  await db.schema.alterTable('community_question').dropColumn('dedupe_key').execute();
}
