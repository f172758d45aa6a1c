import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded';
import { createLogger } from '../../src/logger';

/**
 * Tests run against DATABASE_URL when it is set (CI: Debian's PostgreSQL), otherwise against
 * the embedded PostgreSQL, started once for the whole run. Each test file makes its own schema.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'learnloop-test-db-'));
  const embedded = await startEmbeddedPostgres(dir, createLogger('warn'));
  process.env.TEST_DATABASE_URL = embedded.connectionString;
  (globalThis as { __learnloopEmbedded?: typeof embedded }).__learnloopEmbedded = embedded;
}
