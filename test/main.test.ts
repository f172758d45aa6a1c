import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeSlack } from './support/fake-slack';
import { SIGNING_SECRET } from './support/signed-request';

/**
 * The built app as a user runs it (`node dist/src/main.js`, what `npm start` runs), with no
 * DATABASE_URL: the embedded PostgreSQL under DATA_DIR. `npm test` builds dist first.
 */
const MAIN = resolve(__dirname, '..', 'dist', 'src', 'main.js');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>, cwd?: string): Running {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

// Generous: starting (or recovering) PostgreSQL waits on fsync, which is slow on a busy CI disk.
async function waitForHealth(port: number, output: () => string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no healthy answer on port ${port} within ${timeoutMs / 1000} s; the process printed:\n${output()}`);
}

async function waitForOutput(running: Running, text: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!running.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`the process did not print "${text}" within ${timeoutMs / 1000} s; it printed:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const freePort = async (): Promise<number> => {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
};

describe('learnloop process on the embedded database', () => {
  let slack: FakeSlack;
  let dataDir: string;
  const started: Running[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: run `npm run build` (npm test does) first');
    slack = await new FakeSlack().start();
    dataDir = mkdtempSync(join(tmpdir(), 'learnloop-data-'));
  });
  afterAll(async () => {
    for (const running of started) running.child.kill('SIGKILL');
    await slack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (port: number): Record<string, string> => ({
    SLACK_BOT_TOKEN: 'xoxb-process-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
  });

  it('starts, refuses a second process on the same DATA_DIR, recovers after a kill, and stops on SIGTERM', async () => {
    const firstPort = await freePort();
    const first = run(env(firstPort));
    started.push(first);
    await waitForHealth(firstPort, first.output);

    const second = run(env(await freePort()));
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('Another Learnloop process');

    // A killed run leaves its lock and its PostgreSQL behind; the next start recovers both.
    first.child.kill('SIGKILL');
    await first.exited;
    const thirdPort = await freePort();
    const third = run(env(thirdPort));
    started.push(third);
    await waitForHealth(thirdPort, third.output);
    expect(third.output()).toContain('stale');

    const stoppedAt = Date.now();
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(third.output()).toContain('embedded PostgreSQL stopped');
    expect(existsSync(join(dataDir, 'learnloop.pid'))).toBe(false);
    expect(third.output()).not.toContain('xoxb-process-test');
  }, 120_000);

  it('stops the embedded PostgreSQL when SIGTERM arrives while start-up waits for Slack', async () => {
    // Slack unreachable: start-up retries auth.test for up to 25 s with the database already running.
    slack.fail('auth.test', { network: true }, 100);
    try {
      const running = run(env(await freePort()));
      started.push(running);
      await waitForOutput(running, 'Slack did not answer auth.test');
      expect(running.output()).toContain('embedded PostgreSQL started');

      const stoppedAt = Date.now();
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      expect(running.output()).toContain('embedded PostgreSQL stopped');
      expect(running.output()).toContain('Learnloop was stopped before it finished starting');
      expect(running.output()).not.toContain('Learnloop is running');
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(existsSync(join(dataDir, 'learnloop.pid'))).toBe(false);
    } finally {
      slack.reset();
    }
  }, 60_000);

  it('stops the embedded PostgreSQL when SIGINT arrives while it is first being set up', async () => {
    const freshDir = mkdtempSync(join(tmpdir(), 'learnloop-data-'));
    try {
      const running = run({ ...env(await freePort()), DATA_DIR: freshDir });
      started.push(running);
      await waitForOutput(running, 'initialising the embedded PostgreSQL');
      running.child.kill('SIGINT');
      expect(await running.exited).toBe(0);
      // It finishes starting the server it was setting up, so that it can stop it: none is left running.
      expect(running.output()).toContain('embedded PostgreSQL stopped');
      expect(running.output()).not.toContain('Learnloop is running');
      expect(existsSync(join(freshDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(existsSync(join(freshDir, 'learnloop.pid'))).toBe(false);
    } finally {
      rmSync(freshDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('ends start-up with a clear message when Slack refuses the token', async () => {
    slack.fail('auth.test', { error: 'invalid_auth' });
    const running = run(env(await freePort()));
    started.push(running);
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    expect(running.output()).not.toContain('xoxb-process-test');
  }, 30_000);

  it('ends a Socket Mode start-up with one sentence naming SLACK_APP_TOKEN when Slack refuses the app token', async () => {
    slack.fail('apps.connections.open', { error: 'missing_scope' }, 100);
    try {
      const running = run({ ...env(await freePort()), SLACK_APP_TOKEN: 'xapp-1-A0APP-1-processtest' });
      started.push(running);
      const startedAt = Date.now();
      expect(await running.exited).toBe(1);
      expect(Date.now() - startedAt).toBeLessThan(30_000);
      expect(running.output()).toContain(
        'Learnloop could not start: Slack refused SLACK_APP_TOKEN (missing_scope): set SLACK_APP_TOKEN to an app-level token (xapp-…) with the connections:write scope',
      );
      expect(running.output()).not.toMatch(/\n\s+at /);
      expect(running.output()).not.toContain('processtest');
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      slack.reset();
    }
  }, 60_000);

  // Only as root does the embedded server run as another user (the postgres OS user).
  (process.getuid?.() === 0 ? it : it.skip)('explains a DATA_DIR the postgres user cannot reach when running as root', async () => {
    const privateParent = mkdtempSync(join(tmpdir(), 'learnloop-private-'));
    const running = run({ ...env(await freePort()), DATA_DIR: join(privateParent, 'data') });
    started.push(running);
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('cannot reach DATA_DIR');
    rmSync(privateParent, { recursive: true, force: true });
  });

  it('names the bot token and the signing secret or app token at once when nothing is set', async () => {
    // In a folder with no .env: nothing at all configured, as on a fresh clone.
    const running = run({}, dataDir);
    started.push(running);
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('2 settings need attention');
    expect(running.output()).toContain('SLACK_BOT_TOKEN is missing');
    expect(running.output()).toContain('SLACK_SIGNING_SECRET is missing (needed in HTTP mode)');
    expect(running.output()).toContain('Or set SLACK_APP_TOKEN to use Socket Mode');
  });

  it('exits with every bad variable named when the configuration is wrong', async () => {
    const running = run({ SLACK_BOT_TOKEN: 'nope', PORT: 'x', DATA_DIR: dataDir });
    started.push(running);
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('SLACK_BOT_TOKEN');
    expect(running.output()).toContain('SLACK_SIGNING_SECRET');
    expect(running.output()).toContain('PORT');
  });
});
