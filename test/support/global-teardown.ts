import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../src/platform/db/embedded';

/** Drops the run's test schemas (see test-db.ts), then stops the embedded PostgreSQL if the run started one. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'learnloop\\_test\\_%'`);
      for (const { nspname } of rows) await client.query(`drop schema if exists ${client.escapeIdentifier(nspname)} cascade`);
    } finally {
      await client.end();
    }
  }
  await (globalThis as { __learnloopEmbedded?: EmbeddedPostgres }).__learnloopEmbedded?.stop();
}
