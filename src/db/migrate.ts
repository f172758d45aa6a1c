import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../migrations';
import type { Logger } from '../logger';

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, logger: Logger): Promise<void> {
  // Name the schema: the Migrator looks for its tables across all schemas otherwise,
  // and another schema's kysely_migration table would fool it.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') logger.info({ migration: result.migrationName }, 'migration applied');
    if (result.status === 'Error') logger.error({ migration: result.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

// `npm run migrate`: apply migrations and exit non-zero on failure.
if (require.main === module) {
  void (async () => {
    const { loadDotEnv } = await import('../env-file');
    loadDotEnv();
    const { createLogger } = await import('../logger');
    const { connectDatabase } = await import('./connect');
    const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
    let handle: Awaited<ReturnType<typeof connectDatabase>> | undefined;
    try {
      handle = await connectDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' }, logger);
      await migrateToLatest(handle.db, logger);
      logger.info('database is up to date');
    } catch (error) {
      logger.error({ err: error }, 'migration failed');
      process.exitCode = 1;
    } finally {
      await handle?.close();
    }
  })();
}
