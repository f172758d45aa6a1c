import { NOT_WORKSPACE_TABLES } from '../../../src/platform/db/delete-workspace-data';
import { sql } from 'kysely';
import { migrations } from '../../../migrations';
import { connectDatabase } from '../../../src/platform/db/connect';
import { migrateToLatest, revertAllMigrations } from '../../../src/platform/db/migrate';
import { createTestSchema, databaseKind, testLogger } from '../../support/test-db';

describe(`migrations (${databaseKind()} PostgreSQL)`, () => {
  it('run twice cleanly, and down and up again', async () => {
    const schema = await createTestSchema();
    const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    try {
      await migrateToLatest(handle.db, testLogger);
      await migrateToLatest(handle.db, testLogger);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());

      await revertAllMigrations(handle.db, testLogger);
      const left = await sql<{ tableName: string }>`select table_name from information_schema.tables where table_schema = ${schema.name} and table_name <> 'kysely_migration'`.execute(handle.db);
      expect(left.rows).toEqual([]);
      await migrateToLatest(handle.db, testLogger);

      const tables = await sql<{ tableName: string }>`select table_name from information_schema.tables where table_schema = ${schema.name}`.execute(handle.db);
      const names = tables.rows.map((r) => r.tableName);
      expect(names).toEqual(expect.arrayContaining(['workspace', 'event_receipt']));
    } finally {
      await handle.close();
      await schema.drop();
    }
  });

  it('gives every workspace table a team_id column', async () => {
    const schema = await createTestSchema();
    const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    try {
      await migrateToLatest(handle.db, testLogger);
      const rows = await sql<{ tableName: string; hasTeam: boolean }>`
        select t.table_name, exists (
          select 1 from information_schema.columns c
          where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'team_id'
        ) as has_team
        from information_schema.tables t
        where t.table_schema = ${schema.name} and t.table_name not like 'kysely_%'`.execute(handle.db);
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(rows.rows.filter((r) => !r.hasTeam && !NOT_WORKSPACE_TABLES.has(r.tableName)).map((r) => r.tableName)).toEqual([]);
    } finally {
      await handle.close();
      await schema.drop();
    }
  });

  it('lets two processes migrate the same empty schema at once, applying each migration once', async () => {
    const schema = await createTestSchema();
    const first = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    const second = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    try {
      await Promise.all([migrateToLatest(first.db, testLogger), migrateToLatest(second.db, testLogger)]);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(first.db);
      expect(applied.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('rolls a failing migration back whole and names it', async () => {
    const schema = await createTestSchema();
    const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    try {
      const broken = {
        ...migrations,
        '2999_01_01_0000_broken': { up: async () => { await sql`select * from no_such_table`.execute(handle.db); } },
      };
      await expect(migrateToLatest(handle.db, testLogger, broken)).rejects.toThrow(/Migration 2999_01_01_0000_broken failed: .*no_such_table/);
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema.name} and table_name <> 'kysely_migration'`.execute(handle.db);
      expect(tables.rows[0]!.n).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('refuses a database migrated by a newer Learnloop', async () => {
    const schema = await createTestSchema();
    const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    try {
      await migrateToLatest(handle.db, testLogger);
      await sql`insert into kysely_migration (name, timestamp) values ('2999_01_01_0000_from_the_future', 'now')`.execute(handle.db);
      await expect(migrateToLatest(handle.db, testLogger)).rejects.toThrow(/does not know \(2999_01_01_0000_from_the_future\)/);
    } finally {
      await handle.close();
    }
  });
});
