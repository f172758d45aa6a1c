import { sql, type Kysely, type Migration } from 'kysely';
import { migrations as allMigrations } from '../../../migrations';
import type { Logger } from '../../logger';

// Learnloop applies its migrations itself rather than through Kysely's Migrator: the Migrator
// looks for its tables by introspecting every schema in the database, which fails when another
// schema's tables are dropped at the same moment. This runner only ever reads the current schema.
// The bookkeeping table keeps the Migrator's name and columns, so existing databases carry on.
const MIGRATION_TABLE = 'kysely_migration';

/** Serialises runners on the same schema, across processes; released when the transaction ends. */
async function lockMigrations(trx: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.learnloop_migrations'))`.execute(trx);
  await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(trx);
}

async function appliedNames(trx: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(trx);
  return rows.map((row) => row.name);
}

/**
 * Brings the schema up to date in one transaction, so a failure leaves it as it was.
 * Throws with the failing migration's name, or when the database is newer than this code.
 */
export async function migrateToLatest(db: Kysely<any>, logger: Logger, migrations: Record<string, Migration> = allMigrations): Promise<void> {
  const names = Object.keys(migrations).sort();
  await db.transaction().execute(async (trx) => {
    await lockMigrations(trx);
    const applied = await appliedNames(trx);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      throw new Error(`The database has migrations this version of Learnloop does not know (${unknown.join(', ')}); run the newer version, or restore a backup.`);
    }
    for (const name of names.filter((n) => !applied.includes(n))) {
      try {
        await migrations[name]!.up(trx);
      } catch (error) {
        logger.error({ migration: name }, 'migration failed');
        throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(trx);
      logger.info({ migration: name }, 'migration applied');
    }
  });
}

/** Reverts every applied migration, newest first, in one transaction (for tests and clean-ups). */
export async function revertAllMigrations(db: Kysely<any>, logger: Logger, migrations: Record<string, Migration> = allMigrations): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockMigrations(trx);
    for (const name of (await appliedNames(trx)).reverse()) {
      const migration = migrations[name];
      if (!migration?.down) throw new Error(`Migration ${name} cannot be reverted by this version of Learnloop.`);
      await migration.down(trx);
      await sql`delete from ${sql.table(MIGRATION_TABLE)} where name = ${name}`.execute(trx);
      logger.info({ migration: name }, 'migration reverted');
    }
  });
}

// `npm run migrate`: apply migrations and exit non-zero on failure.
if (require.main === module) {
  void (async () => {
    const { loadDotEnv } = await import('../../env-file');
    loadDotEnv();
    const { createLogger } = await import('../../logger');
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
