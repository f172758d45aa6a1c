import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../src/platform/db/connect';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { createLogger } from '../../src/logger';

/** Every schema a test makes starts with this; global teardown drops them all. */
export const TEST_SCHEMA_PREFIX = 'learnloop_test_';

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

function baseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup starts the database).');
  return url;
}

/** Which server the suite runs on, for test names and benchmark notes. */
export const databaseKind = (): string => (process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded');

export interface TestSchema {
  name: string;
  /** A connection string whose search_path is this schema only. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema: each test file (or test) gets a clean database of its own. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `${TEST_SCHEMA_PREFIX}${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl() });
  await admin.connect();
  await admin.query(`create schema ${name}`);
  await admin.end();
  const separator = baseUrl().includes('?') ? '&' : '?';
  return {
    name,
    url: `${baseUrl()}${separator}options=${encodeURIComponent(`-c search_path=${name}`)}`,
    // Schemas are dropped together by the global teardown: a drop here could wait on locks held
    // by a connection a test has not closed yet, and one drop at the end is quicker.
    async drop() {},
  };
}

/** A migrated database in a fresh schema, for query and job tests. */
export async function createTestDatabase(): Promise<DatabaseHandle & { schema: TestSchema }> {
  const schema = await createTestSchema();
  const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
  await migrateToLatest(handle.db, testLogger);
  return {
    ...handle,
    schema,
    async close() {
      await handle.close();
      await schema.drop();
    },
  };
}
