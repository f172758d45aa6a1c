import { sql, type Kysely } from 'kysely';

// Frozen once shipped. The team learning pulse: a channel's schedule, the workspace's statements, each
// pulse run, who was invited and who answered, and the answers themselves. Answers and free text carry
// no user id and no time: they are unlinkable to a person by construction (see the pulse feature's
// queries for how their rows are also rewritten in a random order on every answer).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pulse_schedule')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('every', 'text', (col) => col.notNull().check(sql`every in ('monthly', 'biweekly')`))
    // Monthly: the nth (1-4, or 5 for the last) weekday of the month; biweekly: every other weekday from `anchor`.
    .addColumn('nth', 'integer')
    .addColumn('weekday', 'integer', (col) => col.notNull())
    .addColumn('hour', 'integer', (col) => col.notNull())
    .addColumn('minute', 'integer', (col) => col.notNull())
    .addColumn('anchor', 'text')
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('next_run_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pulse_schedule_pkey', ['team_id', 'channel_id'])
    .execute();
  await sql`create index pulse_schedule_team_id_next_run_at_index on pulse_schedule (team_id, next_run_at) where enabled`.execute(db);

  await db.schema
    .createTable('pulse_statement_set')
    .addColumn('team_id', 'text', (col) => col.notNull().primaryKey())
    .addColumn('statements', sql`text[]`, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('pulse_run')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    // Set when the channel is private: its results reach exports of its members only (the audience rule).
    .addColumn('private_channel_id', 'text')
    // The schedule's occurrence (or the moment of `pulse now`): one run per occurrence, the claim.
    .addColumn('scheduled_for', 'timestamptz', (col) => col.notNull())
    // The statements as they were asked: later edits never change what a past pulse meant.
    .addColumn('statements', sql`text[]`, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open').check(sql`status in ('open', 'closed', 'failed')`))
    .addColumn('invited_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('opened_at', 'timestamptz', (col) => col.notNull())
    .addColumn('closes_at', 'timestamptz', (col) => col.notNull())
    .addColumn('remind_at', 'timestamptz', (col) => col.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('results_ts', 'text')
    // The last try to post the results: a try that did not get through is taken again a while later.
    .addColumn('results_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pulse_run_pkey', ['team_id', 'id'])
    .addUniqueConstraint('pulse_run_team_id_channel_id_scheduled_for_key', ['team_id', 'channel_id', 'scheduled_for'])
    .execute();
  await sql`create index pulse_run_team_id_open_index on pulse_run (team_id, closes_at) where status = 'open'`.execute(db);
  await db.schema.createIndex('pulse_run_team_id_channel_id_closed_at_index').on('pulse_run').columns(['team_id', 'channel_id', 'closed_at']).execute();

  // Who was asked (for reminders and the "everyone answered" close); nothing about what they said.
  await db.schema
    .createTable('pulse_invitee')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('pulse_run_id', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('pulse_invitee_pkey', ['team_id', 'pulse_run_id', 'user_id'])
    .addForeignKeyConstraint('pulse_invitee_run_fkey', ['team_id', 'pulse_run_id'], 'pulse_run', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('pulse_invitee_team_id_user_id_index').on('pulse_invitee').columns(['team_id', 'user_id']).execute();

  // Who answered: no time, no link to an answer.
  await db.schema
    .createTable('pulse_participation')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('pulse_run_id', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('pulse_participation_pkey', ['team_id', 'pulse_run_id', 'user_id'])
    .addForeignKeyConstraint('pulse_participation_run_fkey', ['team_id', 'pulse_run_id'], 'pulse_run', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('pulse_participation_team_id_user_id_index').on('pulse_participation').columns(['team_id', 'user_id']).execute();

  // One row per answer sheet: a random key, the scores in statement order; no user id, no time.
  await db.schema
    .createTable('pulse_answer')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('pulse_run_id', 'integer', (col) => col.notNull())
    .addColumn('scores', sql`smallint[]`, (col) => col.notNull())
    .addPrimaryKeyConstraint('pulse_answer_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('pulse_answer_run_fkey', ['team_id', 'pulse_run_id'], 'pulse_run', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('pulse_answer_team_id_pulse_run_id_index').on('pulse_answer').columns(['team_id', 'pulse_run_id']).execute();

  // "What would help us learn more?": its own table, so free text cannot be matched to a score sheet either.
  await db.schema
    .createTable('pulse_free_text')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('pulse_run_id', 'integer', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('pulse_free_text_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('pulse_free_text_run_fkey', ['team_id', 'pulse_run_id'], 'pulse_run', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('pulse_free_text_team_id_pulse_run_id_index').on('pulse_free_text').columns(['team_id', 'pulse_run_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['pulse_free_text', 'pulse_answer', 'pulse_participation', 'pulse_invitee', 'pulse_run', 'pulse_statement_set', 'pulse_schedule']) await db.schema.dropTable(table).execute();
}
