import { sql, type Kysely } from 'kysely';

// Frozen once shipped. The nudge job looks every minute for posted prompts whose nudges are not queued
// yet; a partial index holds just those few rows instead of reading every posted prompt.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index prompt_team_id_pending_nudge_index on prompt (team_id, posted_at)
    where status = 'posted' and nudge_after_minutes is not null and nudges_queued_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('prompt_team_id_pending_nudge_index').execute();
}
