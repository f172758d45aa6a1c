import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';
import type { Logger } from '../../logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

// bigint counts (count(*)) come back as strings by default; our counts fit in a JS number.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: Pool;
  embedded: EmbeddedPostgres | undefined;
  /** Closes the pool and stops the embedded server if we started one. */
  close(): Promise<void>;
}

const SLOW_QUERY_MS = 200;

/** Opens PostgreSQL: DATABASE_URL when given, otherwise an embedded server kept under dataDir. */
export async function connectDatabase(
  options: { databaseUrl: string | undefined; dataDir: string; poolSize?: number },
  logger: Logger,
): Promise<DatabaseHandle> {
  const embedded = options.databaseUrl === undefined ? await startEmbeddedPostgres(options.dataDir, logger) : undefined;
  const pool = new Pool({
    connectionString: options.databaseUrl ?? embedded?.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // A client losing its server (restart, failover) must not crash the process: idle clients report
  // through the pool, busy ones through their own 'error' event (the query itself fails too).
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'database connection lost')));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    // Nested objects (jsonb payloads carrying Block Kit's block_id/action_id) keep their keys as stored.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    log(event) {
      if (event.level === 'error') {
        logger.error({ err: event.error, durationMs: Math.round(event.queryDurationMillis) }, 'query failed');
      } else if (event.queryDurationMillis > SLOW_QUERY_MS) {
        logger.warn({ durationMs: Math.round(event.queryDurationMillis), sql: event.query.sql.slice(0, 200) }, 'slow query');
      }
    },
  });
  let closed = false;
  return {
    db,
    pool,
    embedded,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await embedded?.stop();
    },
  };
}
