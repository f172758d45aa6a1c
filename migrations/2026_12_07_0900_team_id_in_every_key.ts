import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Keys ready for sharding by workspace: every primary key, unique index and foreign
// key between workspace tables includes team_id, so PostgreSQL sharded by team_id (Citus, colocated
// tables) is a configuration change. Ids stay serial and unique; they are just no longer a key alone.

const TABLES_KEYED_BY_ID = [
  'prompt_schedule', 'prompt', 'tracked_thread', 'channel_question', 'prompt_skip', 'scheduled_dm', 'feedback', 'review',
  'reflection', 'commitment', 'mentoring_pair', 'check_in', 'learning_session', 'digest', 'learning', 'thread_reply', 'feedback_send',
];

// [table, constraint, column, referenced table, on delete]. A composite key set to null on delete names its
// own column only (PostgreSQL 15+): team_id stays.
const FOREIGN_KEYS: [string, string, string, string, string][] = [
  ['prompt', 'prompt_schedule_id_fkey', 'schedule_id', 'prompt_schedule', 'set null (schedule_id)'],
  ['thread_reply', 'thread_reply_thread_id_fkey', 'thread_id', 'tracked_thread', 'cascade'],
  ['reflection', 'reflection_review_id_fkey', 'review_id', 'review', 'cascade'],
  ['commitment', 'commitment_review_id_fkey', 'review_id', 'review', 'set null (review_id)'],
  ['check_in', 'check_in_pair_id_fkey', 'pair_id', 'mentoring_pair', 'cascade'],
  ['session_attendee', 'session_attendee_session_id_fkey', 'session_id', 'learning_session', 'cascade'],
  ['feedback', 'feedback_saved_learning_id_fkey', 'saved_learning_id', 'learning', 'set null (saved_learning_id)'],
  ['commitment', 'commitment_done_learning_id_fkey', 'done_learning_id', 'learning', 'set null (done_learning_id)'],
  ['feedback_send', 'feedback_send_feedback_id_fkey', 'feedback_id', 'feedback', 'set null (feedback_id)'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, constraint] of FOREIGN_KEYS) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  for (const table of TABLES_KEYED_BY_ID) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_pkey`)} primary key (team_id, id)`.execute(db);
  }
  await sql`drop index prompt_schedule_id_scheduled_for_index`.execute(db);
  await sql`create unique index prompt_schedule_id_scheduled_for_index on prompt (team_id, schedule_id, scheduled_for)`.execute(db);
  for (const [table, constraint, column, referenced, onDelete] of FOREIGN_KEYS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(constraint)} foreign key (team_id, ${sql.ref(column)}) references ${sql.table(referenced)} (team_id, id) on delete ${sql.raw(onDelete)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, constraint] of FOREIGN_KEYS) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  await sql`drop index prompt_schedule_id_scheduled_for_index`.execute(db);
  await sql`create unique index prompt_schedule_id_scheduled_for_index on prompt (schedule_id, scheduled_for)`.execute(db);
  for (const table of TABLES_KEYED_BY_ID) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_pkey`)} primary key (id)`.execute(db);
  }
  for (const [table, constraint, column, referenced, onDelete] of FOREIGN_KEYS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(constraint)} foreign key (${sql.ref(column)}) references ${sql.table(referenced)} (id) on delete ${sql.raw(onDelete.replace(/ \(.*\)$/, ''))}`.execute(db);
  }
}
