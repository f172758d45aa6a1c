import { sql, type Kysely } from 'kysely';

// Frozen once shipped. When (and by whom) a review was taken for closing, so a claim left by a process
// that died mid-close can be taken again in that person's name; the summary's ts is written as soon as
// it is posted, so a retaken close does not post it twice.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review').addColumn('closing_since', 'timestamptz').addColumn('closing_by', 'text').execute();
  await sql`update review set closing_since = now() where status = 'closing'`.execute(db);
  await sql`create index review_team_id_closing_since_index on review (team_id, closing_since) where status = 'closing'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('review_team_id_closing_since_index').execute();
  await db.schema.alterTable('review').dropColumn('closing_by').dropColumn('closing_since').execute();
}
