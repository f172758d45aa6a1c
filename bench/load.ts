import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '../src/platform/db/connect';
import { migrateToLatest } from '../src/platform/db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded';
import { createLogger } from '../src/logger';
import type { Db } from '../src/platform/db/connect';
import { sign } from './fake-slack';
import { createSchema, findRepoRoot, type BenchSchema, type DatabaseKind } from './support';
import type { ServerMode } from './server';

// What bench:ack, bench:ingest, bench:replicas and bench:soak share: a database with a migrated schema of
// their own, servers in processes of their own (bench/server.ts), and a keep-alive load generator that
// runs in the benchmark's process, apart from every server it measures.

export const TEAM_ID = 'T0TEAM1';
export const logger = createLogger('warn');

export interface BenchDatabase {
  kind: DatabaseKind;
  schema: BenchSchema;
  db: Db;
  describe(): Promise<string>;
  close(): Promise<void>;
}

/** The embedded PostgreSQL (or DATABASE_URL), a fresh schema, migrated. */
export async function openDatabase(prefix: string): Promise<BenchDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'learnloop-bench-'));
    embedded = await startEmbeddedPostgres(dataDir, logger);
    baseUrl = embedded.connectionString;
  }
  const schema = await createSchema(baseUrl, prefix);
  const handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '' }, logger);
  await migrateToLatest(handle.db, logger);
  return {
    kind: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
    schema,
    db: handle.db,
    async describe() {
      const pool = handle.pool;
      const one = async (query: string): Promise<string> => String(Object.values((await pool.query(query)).rows[0] ?? {})[0] ?? '?');
      return `${await one('select version()')} (fsync ${await one('show fsync')}, synchronous_commit ${await one('show synchronous_commit')}, shared_buffers ${await one('show shared_buffers')}, max_connections ${await one('show max_connections')})`;
    },
    async close() {
      await schema.drop().catch(() => undefined);
      await handle.close();
      await embedded?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One server under measurement, forked from dist/bench/server.js; optionally pinned to CPUs with taskset. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly mode: ServerMode,
  ) {}

  static async start(mode: ServerMode, env: { apiUrl: string; databaseUrl: string; poolSize?: number; dueAt?: Date; exposeGc?: boolean }, cpuList?: string): Promise<ServerProcess> {
    const script = join(__dirname, 'server.js');
    const childEnv = {
      ...process.env,
      BENCH_SLACK_API_URL: env.apiUrl,
      BENCH_DATABASE_URL: env.databaseUrl,
      BENCH_POOL_SIZE: String(env.poolSize ?? 10),
      ...(env.dueAt ? { BENCH_DUE_AT: env.dueAt.toISOString() } : {}),
    };
    const nodeFlags = env.exposeGc ? ['--expose-gc'] : [];
    const child =
      cpuList && hasTaskset()
        ? fork(script, [mode], { env: childEnv, execPath: 'taskset', execArgv: ['-c', cpuList, process.execPath, ...nodeFlags], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
        : fork(script, [mode], { env: childEnv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: nodeFlags });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { type: string; port: number }) => (message.type === 'ready' ? resolve(message.port) : reject(new Error('unexpected message'))));
      child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code} before it was ready`)));
    });
    return new ServerProcess(child, port, mode);
  }

  /**
   * CPU time (ms, user + system) and resident memory (bytes) of the server process now; with `gc` (and a
   * server started with exposeGc), also its live heap right after a full collection (the resident memory is
   * read before that collection, as it was under the load).
   */
  usage(options: { gc?: boolean } = {}): Promise<{ cpuMs: number; rss: number; liveHeap?: number }> {
    return new Promise((resolve) => {
      const onMessage = (message: { type: string; cpu: { user: number; system: number }; rss: number; liveHeap?: number }): void => {
        if (message.type !== 'usage') return;
        this.child.off('message', onMessage);
        resolve({ cpuMs: (message.cpu.user + message.cpu.system) / 1000, rss: message.rss, liveHeap: message.liveHeap });
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'usage', gc: options.gc === true });
    });
  }

  /** Runs the prompt job in the server process; resolves with its totals. */
  postDuePrompts(): Promise<unknown> {
    return new Promise((resolve) => {
      const onMessage = (message: { type: string; totals: unknown }): void => {
        if (message.type !== 'posted') return;
        this.child.off('message', onMessage);
        resolve(message.totals);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'post-due-prompts' });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

let tasksetAvailable: boolean | undefined;
export function hasTaskset(): boolean {
  if (tasksetAvailable === undefined) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
      tasksetAvailable = true;
    } catch {
      tasksetAvailable = false;
    }
  }
  return tasksetAvailable;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signed(body: string, contentType: string): SignedRequest {
  return { body, headers: { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...sign(body, Math.floor(Date.now() / 1000)) } };
}

/** A slash command as Slack sends it; `unique` keeps each body (and so its signature) distinct. */
export function signedCommand(command: string, text: string, unique: string, responseUrl: string): SignedRequest {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: TEAM_ID,
    team_domain: 'acme',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    user_id: 'U0BENCHUSER',
    user_name: 'bench',
    command,
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: `trigger-${unique}`,
  }).toString();
  return signed(body, 'application/x-www-form-urlencoded');
}

export interface Thread {
  channelId: string;
  threadTs: string;
}

/** `count` posted prompts whose threads Learnloop follows. */
export async function seedThreads(db: Db, prefix: string, count: number): Promise<Thread[]> {
  const threads: Thread[] = [];
  for (let i = 0; i < count; i++) {
    const channelId = `${prefix}${String(i).padStart(4, '0')}`;
    const threadTs = `${1_800_000_000 + i}.000100`;
    const postedAt = new Date();
    const prompt = await db
      .insertInto('prompt')
      .values({ teamId: TEAM_ID, channelId, scheduleId: null, scheduledFor: postedAt, status: 'posted', statusReason: null, questionId: 'd1', questionText: 'What are we learning this week?', claimedAt: postedAt, messageTs: threadTs, postedAt, requestedBy: null, nudgeAfterMinutes: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('trackedThread').values({ teamId: TEAM_ID, channelId, threadTs, kind: 'prompt', subjectId: prompt.id }).execute();
    threads.push({ channelId, threadTs });
  }
  return threads;
}

/** Signed `message` events, one distinct reply each (its own ts and event_id), spread over the threads. */
export function signedReplies(threads: Thread[], count: number, tsBase: number, idPrefix: string): SignedRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const thread = threads[i % threads.length]!;
    const ts = `${tsBase + Math.floor(i / 1_000_000)}.${String(i % 1_000_000).padStart(6, '0')}`;
    const body = JSON.stringify({
      token: 'legacy',
      team_id: TEAM_ID,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `${idPrefix}${i}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM_ID, user_id: 'U0BOT', is_bot: true }],
      event: { type: 'message', channel: thread.channelId, channel_type: 'channel', user: `U0BENCH${i % 40}`, text: `What we learned this week, reply ${i}`, ts, thread_ts: thread.threadTs, event_ts: ts },
    });
    return signed(body, 'application/json');
  });
}

export interface LoadResult {
  /** Milliseconds per request, by request index. */
  latencies: number[];
  /** When each request was sent (performance.timeOrigin + performance.now(), ms), by request index. */
  sentAt: number[];
  wallMs: number;
  non200: number;
  /** Answer bodies by request index, when asked for. */
  bodies: string[];
}

/** Sends every request to POST /slack/events with `concurrency` senders over keep-alive connections. */
export async function runLoad(port: number, requests: SignedRequest[], concurrency: number, options: { keepBodies?: boolean } = {}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = new Array(requests.length);
  const sentAt: number[] = new Array(requests.length);
  const bodies: string[] = [];
  let next = 0;
  let non200 = 0;
  const sender = async (): Promise<void> => {
    while (next < requests.length) {
      const index = next++;
      const { body, headers } = requests[index]!;
      const started = performance.now();
      sentAt[index] = performance.timeOrigin + started;
      const answer = await post(agent, port, body, headers).catch(() => ({ status: 0, body: '' }));
      latencies[index] = performance.now() - started;
      if (answer.status !== 200) non200 += 1;
      if (options.keepBodies) bodies[index] = answer.body;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, sender));
  } finally {
    agent.destroy();
  }
  return { latencies, sentAt, wallMs: performance.now() - started, non200, bodies };
}

function post(agent: Agent, port: number, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (n: number): string => `${fmt(n, n < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MB`;
export const ratio = (n: number): string => `${fmt(n, 2)}×`;

export function machine(): string {
  return `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB memory, node ${process.version}, ${process.platform}-${process.arch}`;
}

export function codeRevision(): string {
  try {
    const root = findRepoRoot();
    const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'migrations') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes in src/ or migrations/' : ''}`;
  } catch {
    return 'revision unknown (not a git checkout)';
  }
}

export const runDate = (): string => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

export const count = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
