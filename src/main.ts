import { startLearnloop } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { EmbeddedDatabaseError } from './platform/db/embedded';
import { loadDotEnv } from './env-file';
import { createLogger, redactSecrets } from './logger';
import { SlackStartupError } from './platform/slack/verify-token';

const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let learnloop;
  try {
    learnloop = await startLearnloop(config, logger, systemClock);
  } catch (error) {
    const known = error instanceof SlackStartupError || error instanceof EmbeddedDatabaseError;
    logger.fatal({ err: known ? undefined : error }, known ? (error as Error).message : 'Learnloop could not start');
    process.stderr.write(`Learnloop could not start: ${redactSecrets((error as Error).message)}\n`);
    process.exit(1);
  }

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    learnloop
      .stop()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

void main();
