import { startLearnloop, StartupStopped, type Learnloop } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { EmbeddedDatabaseError } from './platform/db/embedded';
import { loadDotEnv } from './env-file';
import { createLogger, redactSecrets, type Logger } from './logger';
import { SlackStartupError } from './platform/slack/verify-token';

const SHUTDOWN_LIMIT_MS = 10_000;
// A stop during start-up may first wait for the embedded PostgreSQL to finish starting (pg_ctl
// waits up to 30 s) so that it can be stopped, rather than left running.
const STARTUP_STOP_LIMIT_MS = 45_000;

async function main(): Promise<void> {
  // Handlers first: without them a signal during start-up kills Node at once and leaves the
  // embedded PostgreSQL running.
  const startup = new AbortController();
  let logger: Logger | undefined;
  let learnloop: Learnloop | undefined;
  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger?.info({ signal }, 'shutting down');
    if (!learnloop) {
      // Start-up is under way: it stops what it has started, then main() exits below.
      startup.abort();
      setTimeout(() => {
        logger?.error(`start-up did not stop within ${STARTUP_STOP_LIMIT_MS / 1000} s; exiting anyway`);
        process.exit(1);
      }, STARTUP_STOP_LIMIT_MS).unref();
      return;
    }
    setTimeout(() => {
      logger?.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    learnloop
      .stop()
      .then(() => process.exit(0))
      .catch((error) => {
        logger?.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

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
  logger = createLogger(config.logLevel);
  try {
    learnloop = await startLearnloop(config, logger, systemClock, { signal: startup.signal });
  } catch (error) {
    if (error instanceof StartupStopped) {
      logger.info(error.message);
      process.exit(0);
    }
    const known = error instanceof SlackStartupError || error instanceof EmbeddedDatabaseError;
    logger.fatal({ err: known ? undefined : error }, known ? (error as Error).message : 'Learnloop could not start');
    process.stderr.write(`Learnloop could not start: ${redactSecrets((error as Error).message)}\n`);
    process.exit(1);
  }
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

void main();
