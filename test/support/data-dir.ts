import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A DATA_DIR of its own for each app a test starts: each process keeps its own spool there. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'learnloop-test-data-'));
}
