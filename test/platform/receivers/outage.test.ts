import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { connectDatabase, type DatabaseHandle } from '../../../src/platform/db/connect';
import { freshDataDir } from '../../support/data-dir';
import { seedPostedPrompt } from '../../support/factories';
import { FakeSlack } from '../../support/fake-slack';
import { form, postToSlackEndpoint, SIGNING_SECRET } from '../../support/signed-request';
import { TcpProxy } from '../../support/tcp-proxy';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTestSchema, testLogger } from '../../support/test-db';

/**
 * A PostgreSQL outage longer than Slack's whole retry schedule, with that schedule compressed: Slack
 * sends an event, then retries after about 1 and 5 minutes, then drops it. Here a minute is SCALE ms,
 * so the 10-minute outage and the retries keep their real proportions.
 */
const SCALE = Number(process.env.OUTAGE_TEST_MINUTE_MS ?? 600);
const SLACK_RETRIES_AT = [0, 1 * SCALE, 5 * SCALE];
const OUTAGE_MS = 10 * SCALE;
const CHANNEL = 'C0TEAM';
const PROMPT_TS = '1790000000.000100';

let tsCounter = 0;
const replyEvent = (text: string) => ({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0BOB', text, ts: `1790001000.${String(++tsCounter).padStart(6, '0')}`, thread_ts: PROMPT_TS });

function envelope(teamId: string, event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({ token: 'legacy', team_id: teamId, api_app_id: 'A0APP', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });
}

/** Delivers one event as Slack does: again at each retry time while the answer is not 200; false when Slack would drop it. */
async function deliverLikeSlack(baseUrl: string, body: string): Promise<boolean> {
  const started = Date.now();
  for (const [attempt, at] of SLACK_RETRIES_AT.entries()) {
    await sleep(Math.max(0, started + at - Date.now()));
    const headers: Record<string, string> = attempt === 0 ? {} : { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_error' };
    const response = await postToSlackEndpoint(baseUrl, body, 'application/json', { headers }).catch(() => undefined);
    if (response?.status === 200) return true;
  }
  return false;
}

describe('a PostgreSQL outage longer than Slack retries for', () => {
  let app: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const schema = await createTestSchema();
    const target = TcpProxy.target(schema.url);
    proxy = await new TcpProxy(target.host, target.port).start();
    app = await startTestApp({ schema: { ...schema, url: TcpProxy.route(schema.url, proxy) }, env: { LEARNLOOP_SPOOL_RETRY_MS: '100' } });
    await seedPostedPrompt(app.db, app.teamId, CHANNEL, PROMPT_TS);
  });
  afterAll(async () => {
    proxy.restore();
    await app?.stop();
    await proxy?.stop();
  });

  it('stores every reply of steady traffic exactly once, none dropped by Slack', async () => {
    const sent: Promise<boolean>[] = [];
    const texts: string[] = [];
    const send = (): void => {
      const event = replyEvent(`steady ${texts.length}`);
      texts.push(event.text);
      sent.push(deliverLikeSlack(app.baseUrl, envelope(app.teamId, event, `EvSteady${texts.length}`)));
    };
    // Before, during and after the outage: one reply every 20 ms.
    const traffic = setInterval(send, 20);
    await sleep(SCALE / 2);
    proxy.cut();
    await sleep(OUTAGE_MS);
    proxy.restore();
    await sleep(SCALE / 2);
    clearInterval(traffic);

    const delivered = await Promise.all(sent);
    expect(delivered.filter((ok) => !ok)).toHaveLength(0);
    await waitUntil(async () => (await spoolDepth(app.baseUrl)) === 0, 30_000);
    const rows = await app.db.selectFrom('threadReply').select(['ts', 'text']).where('teamId', '=', app.teamId).where('text', 'like', 'steady %').execute();
    expect(rows).toHaveLength(texts.length);
    expect(new Set(rows.map((row) => row.ts)).size).toBe(texts.length);
    expect(rows.map((row) => row.text).sort()).toEqual([...texts].sort());
  }, 60_000);

  it('keeps a /learned typed during the outage, says so, and saves it with its confirmation when the database is back', async () => {
    proxy.cut();
    const response = await app.command('/learned', 'pair on the migration before Friday #deploys', { response_url: app.slack.responseUrl('kept-learning') });
    expect(response.status).toBe(200);
    // In the command's answer, or (when the outage showed only after the answer) through its response_url.
    const told = () => [response.body, ...app.slack.responses.filter((r) => r.path.endsWith('kept-learning')).map((r) => r.body)];
    const keptSentence = (body: unknown) => JSON.stringify(body ?? '').includes("Learnloop can't save right now, so I've kept your learning");
    await waitUntil(async () => told().some(keptSentence));
    expect(told().find(keptSentence)).toMatchObject({ response_type: 'ephemeral' });
    const toldBefore = told().length;
    proxy.restore();
    await waitUntil(async () => (await app.db.selectFrom('learning').select('id').where('teamId', '=', app.teamId).where('text', 'like', 'pair on the migration%').execute()).length === 1);
    await waitUntil(async () => 1 + app.slack.responses.filter((r) => r.path.endsWith('kept-learning')).length > toldBefore);
    // The confirmation of the saved learning; the kept sentence was said once, not twice.
    const kept = app.slack.responses.filter((r) => r.path.endsWith('kept-learning'));
    expect(kept.filter((r) => JSON.stringify(r.body).includes('pair on the migration'))).toHaveLength(1);
    expect(told().filter(keptSentence)).toHaveLength(1);
  });
});

describe('a process killed with SIGKILL while it spools', () => {
  const MAIN = resolve(__dirname, '..', '..', '..', 'dist', 'src', 'main.js');
  let slack: FakeSlack;
  let proxy: TcpProxy;
  let direct: DatabaseHandle;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: run `npm run build` (npm test does) first');
    slack = await new FakeSlack().start();
    const schema = await createTestSchema();
    const target = TcpProxy.target(schema.url);
    proxy = await new TcpProxy(target.host, target.port).start();
    direct = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, testLogger);
    const dataDir = freshDataDir();
    const port = await freePort();
    const env = { SLACK_BOT_TOKEN: 'xoxb-process-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_URL: TcpProxy.route(schema.url, proxy), DATA_DIR: dataDir, PORT: String(port), LEARNLOOP_SCHEDULER: 'off', LEARNLOOP_SPOOL_RETRY_MS: '100', LOG_LEVEL: 'warn' };
    Object.assign(processEnv, env);
  });
  const processEnv: Record<string, string> = {};
  afterAll(async () => {
    running?.kill('SIGKILL');
    proxy.restore();
    await proxy?.stop();
    await direct?.close();
    await slack?.stop();
  });

  it('replays its spool when it starts again', async () => {
    const baseUrl = `http://127.0.0.1:${processEnv.PORT}`;
    running = start(MAIN, processEnv);
    await waitUntil(async () => (await fetch(`${baseUrl}/healthz`).then((r) => r.status).catch(() => 0)) === 200, 45_000);
    await seedPostedPrompt(direct.db, slack.teamId, CHANNEL, PROMPT_TS);

    proxy.cut();
    const events = Array.from({ length: 20 }, (_, n) => replyEvent(`killed ${n}`));
    for (const [n, event] of events.entries()) {
      const response = await postToSlackEndpoint(baseUrl, envelope(slack.teamId, event, `EvKilled${n}`), 'application/json');
      expect(response.status).toBe(200);
    }
    const learned = await postToSlackEndpoint(
      baseUrl,
      form({ team_id: slack.teamId, channel_id: 'C0GENERAL', user_id: 'U0ALICE', command: '/learned', text: 'kept through a kill', response_url: slack.responseUrl('killed-learning'), trigger_id: 't1' }),
      'application/x-www-form-urlencoded',
    );
    expect(learned.status).toBe(200);
    running.kill('SIGKILL');
    await new Promise((done) => running!.once('exit', done));

    proxy.restore();
    running = start(MAIN, processEnv);
    await waitUntil(async () => (await direct.db.selectFrom('threadReply').select('id').where('text', 'like', 'killed %').execute()).length === 20, 45_000);
    await waitUntil(async () => (await direct.db.selectFrom('learning').select('id').where('text', '=', 'kept through a kill').execute()).length === 1, 10_000);
    await waitUntil(async () => (await spoolDepth(baseUrl)) === 0, 10_000);
    const distinct = await sql<{ n: number }>`select count(distinct ts)::int as n from thread_reply where text like 'killed %'`.execute(direct.db);
    expect(distinct.rows[0]?.n).toBe(20);
    running.kill('SIGTERM');
    await new Promise((done) => running!.once('exit', done));
    running = undefined;
  }, 120_000);
});

function start(main: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.resume();
  return child;
}

async function spoolDepth(baseUrl: string): Promise<number> {
  const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as { spool?: { depth: number } };
  return health.spool?.depth ?? -1;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}
