import { sql, type Kysely } from 'kysely';

// Frozen once shipped. How many people were in the channel when each digest was posted, so the chart's
// past weeks divide by the members of their time rather than of today.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('digest').addColumn('human_members', 'integer', (col) => col.check(sql`human_members >= 0`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('digest').dropColumn('human_members').execute();
}
