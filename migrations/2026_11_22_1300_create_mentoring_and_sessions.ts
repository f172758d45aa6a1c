import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Mentoring pairs, their reminders and check-ins; leader-led sessions.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mentoring_pair')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo('biweekly'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('request_note', 'text')
    .addColumn('request_channel_id', 'text')
    .addColumn('request_ts', 'text')
    // The next reminder to the mentor: the claim moves it on.
    .addColumn('next_reminder_at', 'timestamptz')
    .addColumn('unanswered_reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_check_in_at', 'timestamptz')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('mentoring_pair_status_check', sql`status in ('requested', 'active', 'paused', 'declined', 'ended')`)
    .addCheckConstraint('mentoring_pair_cadence_check', sql`cadence in ('weekly', 'biweekly', 'monthly')`)
    .addCheckConstraint('mentoring_pair_distinct_check', sql`mentor_id <> mentee_id`)
    .execute();
  // One live pairing per mentor and mentee (declined and ended ones may repeat).
  await db.schema
    .createIndex('mentoring_pair_team_id_mentor_id_mentee_id_index')
    .on('mentoring_pair')
    .columns(['team_id', 'mentor_id', 'mentee_id'])
    .unique()
    .where(sql.ref('status'), 'in', ['requested', 'active', 'paused'])
    .execute();
  await db.schema
    .createIndex('mentoring_pair_next_reminder_at_index')
    .on('mentoring_pair')
    .columns(['next_reminder_at', 'team_id'])
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('check_in')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('pair_id', 'integer', (c) => c.notNull().references('mentoring_pair.id').onDelete('cascade'))
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('mentee_learned', 'text')
    .addColumn('mentor_learned', 'text')
    .addColumn('mentee_reflection', 'text')
    .addColumn('mentee_answered_at', 'timestamptz')
    .addColumn('held_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('check_in_team_id_pair_id_index').on('check_in').columns(['team_id', 'pair_id']).execute();

  await db.schema
    .createTable('learning_session')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('organiser_id', 'text', (c) => c.notNull())
    .addColumn('leader_id', 'text', (c) => c.notNull())
    .addColumn('backup_leader_id', 'text', (c) => c.notNull())
    // Who will lead: the leader until they decline, then the backup once they take over.
    .addColumn('confirmed_leader_id', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('length_minutes', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    // What the session's own job has done; each step is claimed by moving this forward.
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('announced'))
    .addColumn('announcement_ts', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('learning_session_status_check', sql`status in ('scheduled', 'confirmed', 'postponed', 'held', 'cancelled')`)
    .addCheckConstraint('learning_session_leaders_check', sql`leader_id <> backup_leader_id`)
    .execute();
  await db.schema.createIndex('learning_session_team_id_starts_at_index').on('learning_session').columns(['team_id', 'starts_at']).execute();

  await db.schema
    .createTable('session_attendee')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('learning_session.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_attendee_pkey', ['team_id', 'session_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['session_attendee', 'learning_session', 'check_in', 'mentoring_pair']) await db.schema.dropTable(table).execute();
}
