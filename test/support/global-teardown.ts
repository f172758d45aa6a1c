import type { EmbeddedPostgres } from '../../src/db/embedded';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __learnloopEmbedded?: EmbeddedPostgres }).__learnloopEmbedded?.stop();
}
