import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Distribution mode: one installation per workspace (team_id = T…) or per
// Enterprise Grid org for an org-wide install (team_id = the org's E… id), its tokens encrypted
// (AES-256-GCM, key_version names the key); the single-use OAuth states; and the org each workspace
// belongs to, so an org-wide install serves it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installation')
    .addColumn('team_id', 'text', (col) => col.notNull().primaryKey())
    .addColumn('enterprise_id', 'text')
    .addColumn('is_enterprise_install', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('app_id', 'text')
    .addColumn('bot_id', 'text', (col) => col.notNull())
    .addColumn('bot_user_id', 'text', (col) => col.notNull())
    .addColumn('bot_scopes', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('installer_user_id', 'text')
    .addColumn('url', 'text')
    .addColumn('key_version', 'text', (col) => col.notNull())
    .addColumn('bot_token', 'text', (col) => col.notNull())
    .addColumn('refresh_token', 'text')
    .addColumn('token_expires_at', 'timestamptz')
    .addColumn('refresh_claimed_until', 'timestamptz')
    .addColumn('installed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('installation_token_expires_at_index').on('installation').column('token_expires_at').where(sql.ref('refresh_token'), 'is not', null).execute();
  await db.schema.createIndex('installation_enterprise_id_index').on('installation').column('enterprise_id').execute();

  await db.schema
    .createTable('oauth_state')
    .addColumn('state_hash', 'text', (col) => col.notNull().primaryKey())
    .addColumn('install_options', 'jsonb', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('oauth_state_expires_at_index').on('oauth_state').column('expires_at').execute();

  await db.schema.alterTable('workspace').addColumn('enterprise_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspace').dropColumn('enterprise_id').execute();
  await db.schema.dropTable('oauth_state').execute();
  await db.schema.dropTable('installation').execute();
}
