import type { Db } from '../db/connect';
import { listInstallationKeys, openRow, sealRow } from './installation-store';
import type { TokenCipher } from './token-cipher';

/**
 * Encrypts every stored token again under the current key (the first of LEARNLOOP_ENCRYPTION_KEY), reading
 * each under whichever configured key its version names. Row by row, each in its own transaction with the
 * row locked, so a refresh racing it cannot be overwritten with an older token. Returns what it did.
 */
export async function rekeyInstallations(db: Db, cipher: TokenCipher): Promise<{ rekeyed: number; current: number }> {
  let rekeyed = 0;
  let current = 0;
  for (const { teamId, keyVersion } of await listInstallationKeys(db)) {
    if (keyVersion === cipher.currentVersion) {
      current += 1;
      continue;
    }
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('installation').selectAll().where('teamId', '=', teamId).forUpdate().executeTakeFirst();
      if (!row || row.keyVersion === cipher.currentVersion) return;
      const sealed = sealRow(cipher, openRow(cipher, row));
      await trx.updateTable('installation').set({ keyVersion: sealed.keyVersion, botToken: sealed.botToken, refreshToken: sealed.refreshToken }).where('teamId', '=', teamId).execute();
      rekeyed += 1;
    });
  }
  return { rekeyed, current };
}

// `npm run rekey`: after LEARNLOOP_ENCRYPTION_KEY is set to a new key and the old one moved to
// LEARNLOOP_PREVIOUS_ENCRYPTION_KEYS. Once it reports every token current, the old key can be removed.
if (require.main === module) {
  void (async () => {
    const { loadDotEnv } = await import('../../env-file');
    loadDotEnv();
    const { createLogger } = await import('../../logger');
    const { loadConfig, ConfigError } = await import('../../config');
    const { connectDatabase } = await import('../db/connect');
    const { migrateToLatest } = await import('../db/migrate');
    const { TokenCipher } = await import('./token-cipher');
    let config;
    try {
      config = loadConfig(process.env);
    } catch (error) {
      process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
      process.exit(1);
    }
    const logger = createLogger(config.logLevel);
    if (!config.distribution) {
      process.stderr.write('npm run rekey is for distribution mode (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, LEARNLOOP_ENCRYPTION_KEY); single-workspace mode stores no tokens.\n');
      process.exit(1);
    }
    let handle: Awaited<ReturnType<typeof connectDatabase>> | undefined;
    try {
      handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, logger);
      await migrateToLatest(handle.db, logger);
      const result = await rekeyInstallations(handle.db, new TokenCipher(config.distribution.encryptionKeys));
      logger.info(result, 'every stored token is encrypted under LEARNLOOP_ENCRYPTION_KEY; previous keys can be removed');
    } catch (error) {
      logger.error({ err: error }, 'rekey failed; tokens not yet rekeyed keep their previous key, run it again');
      process.exitCode = 1;
    } finally {
      await handle?.close();
    }
  })();
}

