import { sql } from 'kysely';
import { createTestDatabase } from '../../support/test-db';
import { NOT_WORKSPACE_TABLES } from '../../../src/platform/db/delete-workspace-data';

/*
 * Keys ready for sharding by workspace: every table of the schema, present and future, carries team_id,
 * and its primary key, every unique index and every foreign key to another workspace table include it.
 * Then PostgreSQL sharded by workspace (Citus, distributed by team_id, colocated) is a configuration
 * change: each key and each join stays inside one workspace's shard.
 */


describe('keys ready for sharding by workspace', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function tables(): Promise<string[]> {
    const rows = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(database.db.withoutPlugins());
    return rows.rows.map((row) => row.table_name).filter((name) => !NOT_WORKSPACE_TABLES.has(name));
  }

  it('finds the tables (the scan itself works)', async () => {
    expect(await tables()).toEqual(expect.arrayContaining(['learning', 'thread_reply', 'prompt', 'workspace']));
  });

  it('gives every table a team_id column', async () => {
    const rows = await sql<{ table_name: string }>`
      select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'team_id'`.execute(database.db.withoutPlugins());
    const withTeam = new Set(rows.rows.map((row) => row.table_name));
    expect((await tables()).filter((table) => !withTeam.has(table))).toEqual([]);
  });

  it('gives every table a primary key', async () => {
    const rows = await sql<{ table_name: string }>`
      select t.relname as table_name from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and x.indisprimary`.execute(database.db.withoutPlugins());
    const withKey = new Set(rows.rows.map((row) => row.table_name));
    expect((await tables()).filter((table) => !withKey.has(table)).map((table) => `${table}: no primary key`)).toEqual([]);
  });

  it('puts team_id in every primary key and every unique index', async () => {
    const rows = await sql<{ table_name: string; index_name: string; columns: string[] }>`
      select t.relname as table_name, i.relname as index_name,
        array(select a.attname from unnest(x.indkey) as k(attnum) join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum)::text[] as columns
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and (x.indisunique or x.indisprimary)`.execute(database.db.withoutPlugins());
    const offenders = rows.rows
      .filter((row) => !NOT_WORKSPACE_TABLES.has(row.table_name) && !row.columns.includes('team_id'))
      .map((row) => `${row.table_name}: ${row.index_name} (${row.columns.join(', ')})`);
    expect(offenders).toEqual([]);
    expect(rows.rows.length).toBeGreaterThan(10);
  });

  it('puts team_id on both sides of every foreign key between workspace tables', async () => {
    const rows = await sql<{ table_name: string; constraint_name: string; columns: string[]; referenced: string; referenced_columns: string[] }>`
      select t.relname as table_name, c.conname as constraint_name,
        array(select a.attname from unnest(c.conkey) with ordinality as k(attnum, place) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.place)::text[] as columns,
        r.relname as referenced,
        array(select a.attname from unnest(c.confkey) with ordinality as k(attnum, place) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.place)::text[] as referenced_columns
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_class r on r.oid = c.confrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and c.contype = 'f'`.execute(database.db.withoutPlugins());
    const offenders = rows.rows
      // team_id must reference team_id, at the same place in both column lists, or a row could point into another workspace.
      .filter((row) => !row.columns.includes('team_id') || row.referenced_columns[row.columns.indexOf('team_id')] !== 'team_id')
      .map((row) => `${row.table_name}.${row.constraint_name} (${row.columns.join(', ')}) → ${row.referenced} (${row.referenced_columns.join(', ')})`);
    expect(offenders).toEqual([]);
  });
});
