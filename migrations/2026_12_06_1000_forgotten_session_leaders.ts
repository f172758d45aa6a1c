import { sql, type Kysely } from 'kysely';

// Frozen once shipped. After /learnloop forget-me a session keeps its leader and backup as the placeholder
// 'U_FORGOTTEN'; when both of them asked to be forgotten, the two columns are equal. Real people must
// still differ.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table learning_session drop constraint learning_session_leaders_check`.execute(db);
  await sql`alter table learning_session add constraint learning_session_leaders_check check (leader_id <> backup_leader_id or leader_id = 'U_FORGOTTEN')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table learning_session drop constraint learning_session_leaders_check`.execute(db);
  await sql`alter table learning_session add constraint learning_session_leaders_check check (leader_id <> backup_leader_id)`.execute(db);
}
