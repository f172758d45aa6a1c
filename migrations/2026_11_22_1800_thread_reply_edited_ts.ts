import type { Kysely } from 'kysely';

// Frozen once shipped. The Slack ts of the edit a stored reply shows, so an older edit delivered late
// (a Slack retry) never overwrites a newer one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('thread_reply').addColumn('edited_ts', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('thread_reply').dropColumn('edited_ts').execute();
}
