import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

// What the benchmark scripts share: bounded waits, a seeded random, throwaway schemas, BENCHMARKS.md.

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
