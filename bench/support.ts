import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CamelCasePlugin, Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { Client } from 'pg';
import { connectDatabase, type DatabaseHandle } from '../src/platform/db/connect';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded';
import { migrateToLatest } from '../src/platform/db/migrate';
import type { Database } from '../src/platform/db/schema';
import { createLogger } from '../src/logger';

// What the benchmark scripts share: a run's set-up and clean-up, bounded waits, timing and figures, a seeded
// random, throwaway schemas, EXPLAIN of the SQL the app sent, BENCHMARKS.md.

export type DatabaseKind = 'embedded' | 'DATABASE_URL';

export interface BenchSchema {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export const FILE_INTRO = `# Benchmarks

Figures from the scripts in \`bench/\`, one \`## \` section per script (\`npm run bench:NAME\`). Each
script rewrites only its own section; speed is measured here, never in timed tests. Figures depend on
the machine and the database server, which every result names.
`;


/**
 * Where results are written: BENCHMARKS.md at the repository root, or BENCH_RESULTS_FILE (a smoke run with
 * tiny counts writes there, so it never replaces the measured figures).
 */
export function benchmarksPath(): string {
  return process.env.BENCH_RESULTS_FILE || join(findRepoRoot(), 'BENCHMARKS.md');
}

export const subsectionTitle = (database: DatabaseKind): string => (database === 'embedded' ? '### Last run: embedded PostgreSQL' : '### Last run: PostgreSQL at DATABASE_URL');

let rejectRun: (reason: Error) => void = () => undefined;
const aborted = new Promise<never>((_, reject) => (rejectRun = reject));
aborted.catch(() => undefined);

/** Stops every bounded wait at once (Ctrl-C, the run's own time limit). */
export function abortRun(reason: Error): void {
  rejectRun(reason);
}

/** Waits for `work`, but never longer than `ms`, and not past an interrupt (Ctrl-C, run limit). */
export async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout, aborted]);
  } finally {
    clearTimeout(timer);
  }
}

/** A small seeded PRNG so the shuffled schedule order is the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function findRepoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export async function createSchema(baseUrl: string, prefix: string): Promise<BenchSchema> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await withClient(baseUrl, (client) => client.query(`create schema ${name}`));
  const separator = baseUrl.includes('?') ? '&' : '?';
  return {
    name,
    url: `${baseUrl}${separator}options=${encodeURIComponent(`-c search_path=${name}`)}`,
    drop: () => withClient(baseUrl, (client) => client.query(`drop schema if exists ${name} cascade`)).then(() => undefined),
  };
}

/** Replaces this database's result in the `heading` section (keeping the other's) and leaves other sections alone. */
export function writeBenchmarks(path: string, heading: string, database: DatabaseKind, result: string, sectionOf: (results: string[]) => string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : FILE_INTRO;
  const lines = current.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === heading);
  const end = start < 0 ? -1 : lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const oldSection = start < 0 ? [] : lines.slice(start, end < 0 ? lines.length : end);

  const kept = new Map<string, string>();
  let title: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (title) kept.set(title, `${[title, ...body].join('\n').trimEnd()}\n`);
  };
  for (const line of oldSection) {
    if (line.startsWith('### ')) {
      flush();
      title = line.trimEnd();
      body = [];
    } else if (title) body.push(line);
  }
  flush();
  for (const key of [...kept.keys()]) if (!key.startsWith('### Last run: ')) kept.delete(key);
  kept.set(subsectionTitle(database), result);
  const order = [subsectionTitle('embedded'), subsectionTitle('DATABASE_URL')];
  const section = sectionOf(order.filter((key) => kept.has(key)).map((key) => kept.get(key)!)).trimEnd();

  const before = start < 0 ? lines : lines.slice(0, start);
  const after = start < 0 || end < 0 ? [] : lines.slice(end);
  const text = `${[before.join('\n').trimEnd(), '', section, ...(after.length ? ['', after.join('\n').trimEnd()] : [])].join('\n')}\n`;
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export interface DueSchedules {
  teamId: string;
  schedules: number;
  channels: number;
  /** Channel ids are this prefix and a 4-digit number. */
  channelPrefix: string;
  dueAt: Date;
}

/**
 * Daily 09:00 Europe/Berlin schedules, all due at `dueAt`, inserted in one statement in a fixed shuffled
 * order, so a channel's schedules lie apart in the table as if created over time.
 */
export async function seedDueSchedules(client: Client, seed: DueSchedules): Promise<void> {
  const random = mulberry32(20261123);
  const channels = Array.from({ length: seed.schedules }, (_, i) => `${seed.channelPrefix}${String(i % seed.channels).padStart(4, '0')}`);
  for (let i = channels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [channels[i], channels[j]] = [channels[j]!, channels[i]!];
  }
  await client.query(
    `insert into prompt_schedule (team_id, channel_id, created_by, cadence, time_zone, next_run_at)
     select $1, c.channel_id, 'U0BENCH', $2::jsonb, 'Europe/Berlin', $3
     from unnest($4::text[]) with ordinality as c(channel_id, n) order by c.n`,
    [seed.teamId, JSON.stringify({ kind: 'daily', time: { hour: 9, minute: 0 } }), seed.dueAt, channels],
  );
  await client.query('analyze prompt_schedule');
}

export interface PromptPosts {
  /** `chat.postMessage` calls that carried a prompt id, in arrival order. */
  posts: { channel: string; promptId: number }[];
  distinct: number;
  /** Prompt ids posted more than once, counted once per extra post (must be 0). */
  duplicates: number;
}

/** The prompts Slack received, from each `chat.postMessage`'s metadata, and how many were posted twice. */
export function promptPosts(calls: readonly { method: string; params: Record<string, any> }[], channelPrefix: string): PromptPosts {
  const posts = calls
    .filter((call) => call.method === 'chat.postMessage' && String(call.params.channel).startsWith(channelPrefix))
    .map((call) => ({ channel: String(call.params.channel), promptId: Number(call.params.metadata?.event_payload?.prompt_id) }));
  const distinct = new Set(posts.map((post) => post.promptId)).size;
  return { posts, distinct, duplicates: posts.length - distinct };
}

// ---------------------------------------------------------------------------------------------
// Figures

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (n: number): string => `${fmt(n, 1)} ms`;
/** The nearest-rank percentile of an ascending list (0 when it is empty). */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

export interface Stats {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function stats(times: readonly number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0, mean: sorted.reduce((sum, n) => sum + n, 0) / Math.max(1, sorted.length) };
}

/**
 * `runs` calls of `work`, `concurrency` at a time on a shared pool, each call timed on its own and bounded
 * by `limitMs`, after `warmUp` untimed calls (a running server's cache is warm).
 */
export async function timeCalls(
  runs: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
  options: { what: string; warmUp?: number; limitMs?: number },
): Promise<{ times: number[]; wallMs: number; stats: Stats }> {
  const limitMs = options.limitMs ?? 60_000;
  for (let i = 0; i < (options.warmUp ?? 0); i++) await bounded(work(i), limitMs, `warming up ${options.what}`);
  const times = new Array<number>(runs);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < runs; i = next++) {
        const t = performance.now();
        await bounded(work(i), limitMs, `${options.what}, run ${i}`);
        times[i] = performance.now() - t;
      }
    }),
  );
  return { times, wallMs: performance.now() - started, stats: stats(times) };
}

// ---------------------------------------------------------------------------------------------
// A run: the database, the schema, the app's Kysely setup, what every result names, clean-up

export interface RunInfo {
  date: string;
  database: DatabaseKind;
  postgres: string;
  settings: string;
  machine: string;
}

/** The SQL the app sent: the last statement always, every statement while `queries` is an array. */
export interface CapturedQueries {
  last?: CompiledQuery;
  queries?: CompiledQuery[];
}

export interface BenchContext {
  database: DatabaseKind;
  /** The app's own Kysely setup on the benchmark's pool, with a hook that keeps the SQL sent (for EXPLAIN). */
  db: Kysely<Database>;
  captured: CapturedQueries;
  /** A plain connection to the benchmark's schema, for loading and EXPLAIN. */
  client: Client;
  info: RunInfo;
  log(line: string): void;
}

export interface BenchOptions {
  /** `growth` for `bench:growth`: names the schema, the data directory and the messages. */
  name: string;
  runLimitMs: number;
  /** The app's log level during the run: `error` keeps its slow-query warnings out of the figures. */
  logLevel: 'warn' | 'error';
  poolSize?: number;
  migrateLimitMs?: number;
  /** End the process when done (something the code under test started keeps the event loop alive). */
  exitWhenDone?: boolean;
}

/**
 * Runs a benchmark end to end: a bounded run (its own limit, Ctrl-C), the embedded PostgreSQL unless
 * DATABASE_URL is set, a schema of its own with the real migrations, then `body`; the schema is dropped
 * afterwards (BENCH_KEEP_SCHEMA=1 with DATABASE_URL keeps it for EXPLAIN sessions) and the embedded server
 * stopped, whatever happened. A failure is one line and exit code 1.
 */
export function runBench(options: BenchOptions, body: (context: BenchContext) => Promise<void>): void {
  const main = async (): Promise<void> => {
    const runLimit = setTimeout(() => abortRun(new Error(`the benchmark exceeded ${options.runLimitMs / 60_000} minutes`)), options.runLimitMs);
    process.once('SIGINT', () => abortRun(new Error('interrupted')));
    process.once('SIGTERM', () => abortRun(new Error('terminated')));
    const logger = createLogger(options.logLevel);
    const database: DatabaseKind = process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded';
    const log = (line: string): void => console.log(line);

    let embedded: EmbeddedPostgres | undefined;
    let dataDir: string | undefined;
    let schema: BenchSchema | undefined;
    let handle: DatabaseHandle | undefined;
    let client: Client | undefined;
    try {
      let baseUrl = process.env.DATABASE_URL;
      if (!baseUrl) {
        dataDir = mkdtempSync(join(tmpdir(), `learnloop-bench-${options.name}-`));
        embedded = await bounded(startEmbeddedPostgres(dataDir, logger), 120_000, 'starting the embedded PostgreSQL');
        baseUrl = embedded.connectionString;
      }
      schema = await createSchema(baseUrl, `bench_${options.name}_`);
      handle = await connectDatabase({ databaseUrl: schema.url, dataDir: '', ...(options.poolSize ? { poolSize: options.poolSize } : {}) }, logger);
      await bounded(migrateToLatest(handle.db, logger), options.migrateLimitMs ?? 60_000, 'migrating');
      const captured: CapturedQueries = {};
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: handle.pool }),
        plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
        log: (event) => {
          captured.last = event.query;
          captured.queries?.push(event.query);
        },
      });
      client = new Client({ connectionString: schema.url });
      await client.connect();
      const info = await describeRun(client, database);
      log(`bench:${options.name} on ${database === 'embedded' ? 'the embedded PostgreSQL' : 'DATABASE_URL'}: ${info.postgres}`);
      log(info.machine);
      await body({ database, db, captured, client, info, log });
    } finally {
      await client?.end().catch(() => undefined);
      // db shares handle's pool: closing handle ends it.
      await handle?.close().catch((error) => console.error('could not close the database:', error));
      if (process.env.BENCH_KEEP_SCHEMA === '1' && !embedded) console.log(`kept schema ${schema?.name}`);
      else await schema?.drop().catch((error) => console.error(`could not drop schema ${schema?.name}:`, error));
      await embedded?.stop().catch((error) => console.error('could not stop the embedded PostgreSQL:', error));
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      clearTimeout(runLimit);
    }
  };
  const run = main().catch((error) => {
    console.error(`bench:${options.name} failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
  if (options.exitWhenDone) void run.finally(() => process.exit());
}

/** The PostgreSQL version and settings, and the machine: every result names them. */
async function describeRun(client: Client, database: DatabaseKind): Promise<RunInfo> {
  const version = (await client.query<{ version: string }>('select version()')).rows[0]?.version ?? 'unknown';
  const setting = async (name: string): Promise<string> => (await client.query<{ v: string }>(`select current_setting('${name}') as v`)).rows[0]?.v ?? '?';
  return {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    database,
    postgres: version,
    settings: `shared_buffers ${await setting('shared_buffers')}, work_mem ${await setting('work_mem')}, jit ${await setting('jit')}, max_parallel_workers_per_gather ${await setting('max_parallel_workers_per_gather')}`,
    machine: `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB memory, node ${process.version}, ${process.platform}-${process.arch}`,
  };
}

/** The opening lines of a result: its subsection title, when and where it ran. */
export function resultHeader(info: RunInfo): string {
  return `${subsectionTitle(info.database)}

${info.date} · ${info.machine}
${info.postgres} (${info.settings})`;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of a statement the app sent, one line per plan line. */
export async function explainQuery(client: Client, query: CompiledQuery): Promise<string[]> {
  const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]);
  return plan.rows.map((row) => row['QUERY PLAN']);
}

/**
 * Writes the run's result into its `heading` section of BENCHMARKS.md (or BENCH_RESULTS_FILE). A smoke run
 * (tiny counts) never replaces measured figures unless BENCH_RESULTS_FILE says where it may write.
 */
export function saveResult(context: Pick<BenchContext, 'database' | 'log'>, result: { heading: string; markdown: string; sectionOf: (results: string[]) => string; smokeScale?: number }): void {
  if (result.smokeScale !== undefined && result.smokeScale < 1 && !process.env.BENCH_RESULTS_FILE) {
    context.log(`scale ${result.smokeScale}: a smoke run, BENCHMARKS.md left alone (set BENCH_RESULTS_FILE to write the result elsewhere)`);
    return;
  }
  const path = benchmarksPath();
  writeBenchmarks(path, result.heading, context.database, result.markdown, result.sectionOf);
  context.log(`wrote the ${subsectionTitle(context.database).slice(4)} result to ${path}`);
}

/** How many of these learnings and replies belong to a workspace other than `teamId` (a tenancy check: must be 0). */
export async function countForeignRows(client: Client, teamId: string, ids: { learningIds: readonly number[]; replyIds: readonly number[] }): Promise<number> {
  const foreign = await client.query<{ n: number }>(
    `select (select count(*) from learning where id = any($1::int[]) and team_id <> $3) + (select count(*) from thread_reply where id = any($2::bigint[]) and team_id <> $3) as n`,
    [ids.learningIds, ids.replyIds, teamId],
  );
  return Number(foreign.rows[0]?.n ?? 0);
}
