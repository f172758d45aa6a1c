import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Communities of practice: the community (the #tags it follows, its home channel,
// its weekly digest's claim), its members and leads (with the team they come from and whether they take
// part in coffee pairings), questions asked of it, pairing rounds, and whether a person may be found by
// `/learnloop who`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text')
    .addColumn('tags', sql`text[]`, (col) => col.notNull())
    .addColumn('home_channel_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active').check(sql`status in ('active', 'archived')`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('next_digest_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_digest_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('community_pkey', ['team_id', 'id'])
    .execute();
  await sql`create unique index community_team_id_name_index on community (team_id, lower(name)) where status = 'active'`.execute(db);
  await sql`create index community_tags_index on community using gin (tags)`.execute(db);

  await db.schema
    .createTable('community_member')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('community_id', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().defaultTo('member').check(sql`role in ('member', 'lead')`))
    // The channel of the team they come from: pairings cross teams.
    .addColumn('home_team_channel_id', 'text')
    .addColumn('pairing', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('joined_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('community_member_pkey', ['team_id', 'community_id', 'user_id'])
    .addForeignKeyConstraint('community_member_community_fkey', ['team_id', 'community_id'], 'community', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('community_member_team_id_user_id_index').on('community_member').columns(['team_id', 'user_id']).execute();

  await db.schema
    .createTable('community_question')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('community_id', 'integer', (col) => col.notNull())
    // The asker, kept so only they can say "This helped"; `anonymous` keeps their name off every surface.
    .addColumn('asker_id', 'text', (col) => col.notNull())
    .addColumn('anonymous', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('source_permalink', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('helped_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('community_question_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('community_question_community_fkey', ['team_id', 'community_id'], 'community', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('community_question_team_id_message_ts_index').on('community_question').columns(['team_id', 'message_ts']).execute();

  await db.schema
    .createTable('community_pairing')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('id', 'serial', (col) => col.notNull())
    .addColumn('community_id', 'integer', (col) => col.notNull())
    .addColumn('round', 'integer', (col) => col.notNull())
    .addColumn('user_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('community_pairing_pkey', ['team_id', 'id'])
    .addForeignKeyConstraint('community_pairing_community_fkey', ['team_id', 'community_id'], 'community', ['team_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('community_pairing_team_id_community_id_round_index').on('community_pairing').columns(['team_id', 'community_id', 'round']).execute();

  await db.schema.alterTable('person').addColumn('findable', 'boolean', (col) => col.notNull().defaultTo(true)).execute();
  // The community flow reads recent tagged learnings by tag.
  await sql`create index learning_team_id_tags_created_at_index on learning using gin (tags) where visibility = 'team' and private_channel_id is null and not anonymous`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index learning_team_id_tags_created_at_index`.execute(db);
  await db.schema.alterTable('person').dropColumn('findable').execute();
  for (const table of ['community_pairing', 'community_question', 'community_member', 'community']) await db.schema.dropTable(table).execute();
}
