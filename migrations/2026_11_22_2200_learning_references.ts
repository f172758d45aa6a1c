import { sql, type Kysely } from 'kysely';

// Frozen once shipped. A feedback saved as a learning and a commitment done with one point at that
// learning; deleting the learning (Undo, forget-me, retention) now clears the pointer in the database
// itself, instead of in each place that deletes learnings.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update feedback set saved_learning_id = null where saved_learning_id is not null and not exists (select 1 from learning l where l.id = feedback.saved_learning_id)`.execute(db);
  await sql`update commitment set done_learning_id = null where done_learning_id is not null and not exists (select 1 from learning l where l.id = commitment.done_learning_id)`.execute(db);
  await sql`alter table feedback add constraint feedback_saved_learning_id_fkey foreign key (saved_learning_id) references learning (id) on delete set null`.execute(db);
  await sql`alter table commitment add constraint commitment_done_learning_id_fkey foreign key (done_learning_id) references learning (id) on delete set null`.execute(db);
  // Deleting a learning looks up what points at it.
  await sql`create index feedback_saved_learning_id_index on feedback (saved_learning_id) where saved_learning_id is not null`.execute(db);
  await sql`create index commitment_done_learning_id_index on commitment (done_learning_id) where done_learning_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('commitment_done_learning_id_index').execute();
  await db.schema.dropIndex('feedback_saved_learning_id_index').execute();
  await sql`alter table commitment drop constraint commitment_done_learning_id_fkey`.execute(db);
  await sql`alter table feedback drop constraint feedback_saved_learning_id_fkey`.execute(db);
}
