import { sql, type Kysely } from 'kysely';

// Frozen once shipped. The daily feedback limit counted feedback rows, and deleting a feedback removes
// its row (its text must go), so send, delete, send again got round the limit. Each send now also
// leaves a line here (who, when, no content) that outlives the feedback for the two days the limit needs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback_send')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('sender_id', 'text', (col) => col.notNull())
    .addColumn('feedback_id', 'integer', (col) => col.references('feedback.id').onDelete('set null'))
    .addColumn('sent_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('feedback_send_team_id_sender_id_sent_at_index').on('feedback_send').columns(['team_id', 'sender_id', 'sent_at']).execute();
  await db.schema.createIndex('feedback_send_feedback_id_index').on('feedback_send').column('feedback_id').where(sql.ref('feedback_id'), 'is not', null).execute();
  await sql`insert into feedback_send (team_id, sender_id, feedback_id, sent_at)
    select team_id, sender_id, id, created_at from feedback where status <> 'failed' and created_at > now() - interval '2 days'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_send').execute();
}
