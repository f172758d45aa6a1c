import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { migrations } from '../../migrations';
import { connectDatabase } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';
import { createTestSchema, databaseKind, testLogger } from '../support/test-db';

describe(`migrations (${databaseKind()} PostgreSQL)`, () => {
  it('run twice cleanly, and down and up again', async () => {
    const schema = await createTestSchema();
    const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    try {
      await migrateToLatest(handle.db, testLogger);
      await migrateToLatest(handle.db, testLogger);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());

      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema.name });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
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
      expect(rows.rows.filter((r) => !r.hasTeam).map((r) => r.tableName)).toEqual([]);
    } finally {
      await handle.close();
      await schema.drop();
    }
  });
});
