import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { sql } from 'kysely';
import { BenchSlack } from './fake-slack';
import { codeRevision, count, fmt, machine, ms, openDatabase, percentile, ratio, runDate, runLoad, seedThreads, ServerProcess, signedReplies, TEAM_ID, type BenchDatabase, type Thread } from './load';
import { SINGLE_REPLY_INSERT } from './server';
import { benchmarksPath, subsectionTitle, writeBenchmarks } from './support';

// bench:ingest — thread replies stored before their 200, against two baselines at the same concurrency and
// pool size, side by side in one run. Method and figures: BENCHMARKS.md, section "Thread-reply ingest".

const REPLIES = count('BENCH_REPLIES', 20_000);
const WARM_UP = count('BENCH_WARM_UP', 1_000);
const SENDERS = 32;
const POOL_SIZE = 10;

interface Run {
  rate: number;
  p50?: number;
  p99?: number;
  stored: number;
  distinct: number;
  non200: number;
}

async function main(): Promise<void> {
  const database = await openDatabase('bench_ingest_');
  const slack = await new BenchSlack().start();
  const env = { apiUrl: slack.apiUrl, databaseUrl: database.schema.url, poolSize: POOL_SIZE };
  const threads = await seedThreads(database.db, 'C', 50);
  const servers = { learnloop: await ServerProcess.start('learnloop', env), bolt: await ServerProcess.start('bolt-insert', env) };
  try {
    // Warm both servers (and the table) before anything is timed.
    let tsBase = 1_900_000_000;
    for (const server of [servers.learnloop, servers.bolt]) await runLoad(server.port, signedReplies(threads, WARM_UP, tsBase++, `EvWarm${tsBase}`), SENDERS);
    const runs = { learnloop: [] as Run[], bolt: [] as Run[], bare: [] as Run[] };
    for (let round = 0; round < 2; round++) {
      runs.bolt.push(await viaHttp(database, servers.bolt, threads, tsBase++));
      runs.learnloop.push(await viaHttp(database, servers.learnloop, threads, tsBase++));
      runs.bare.push(await bareInserts(database, threads, tsBase++));
    }
    const mean = (list: Run[], key: keyof Run) => list.reduce((sum, r) => sum + (r[key] ?? 0), 0) / list.length;
    const p99Ratio = mean(runs.learnloop, 'p99') / mean(runs.bolt, 'p99');
    const rateShare = mean(runs.learnloop, 'rate') / mean(runs.bare, 'rate');
    const exact = [...runs.learnloop, ...runs.bolt, ...runs.bare].every((r) => r.stored === REPLIES && r.distinct === REPLIES && r.non200 === 0);
    const row = (name: string, list: Run[]) =>
      `| ${name} | ${list.map((r) => fmt(r.rate)).join(' / ')} | ${list[0]!.p50 === undefined ? '—' : list.map((r) => `${ms(r.p50!)} / ${ms(r.p99!)}`).join('; ')} | ${list.map((r) => `${fmt(r.stored)} / ${fmt(r.distinct)}`).join('; ')} |`;
    const text = [
      subsectionTitle(database.kind),
      '',
      `${runDate()} · ${codeRevision()}`,
      machine(),
      await database.describe(),
      '',
      `${fmt(REPLIES)} replies per run, ${SENDERS} concurrent senders, pools of ${POOL_SIZE}; two rounds, each: bare Bolt + insert, Learnloop, bare insert loop`,
      '',
      '| | replies stored / s (round 1 / 2) | stored-before-200 p50 / p99 | rows stored / distinct ts |',
      '| --- | --- | --- | --- |',
      row('bare Bolt + the same insert', runs.bolt),
      row('Learnloop', runs.learnloop),
      row('bare insert loop (no HTTP)', runs.bare),
      '',
      `- Learnloop p99 ÷ bare Bolt + insert p99: **${ratio(p99Ratio)}** (goal ≤ 1.3×)`,
      `- Learnloop rate ÷ bare insert loop rate at equal concurrency and pool: **${fmt(rateShare * 100)} %** (goal ≥ 80 %)`,
      `- every reply stored exactly once, every answer 200: ${exact ? 'yes' : '**no**'}`,
      '',
    ].join('\n');
    writeBenchmarks(benchmarksPath(), '## Thread-reply ingest', database.kind, text, (parts) => `${METHOD}\n${parts.join('\n')}`);
    console.log(text);
  } finally {
    await servers.learnloop.stop();
    await servers.bolt.stop();
    await slack.stop();
    await database.close();
  }
}

async function viaHttp(database: BenchDatabase, server: ServerProcess, threads: Thread[], tsBase: number): Promise<Run> {
  const events = signedReplies(threads, REPLIES, tsBase, `Ev${server.mode}${tsBase}-`);
  await checkpoint(database);
  const load = await runLoad(server.port, events, SENDERS);
  return { rate: (REPLIES / load.wallMs) * 1000, p50: percentile(load.latencies, 50), p99: percentile(load.latencies, 99), non200: load.non200, ...(await stored(database, tsBase)) };
}

/** The yardstick: the same statement, no HTTP, run by SENDERS concurrent workers over a pool of the same size. */
async function bareInserts(database: BenchDatabase, threads: Thread[], tsBase: number): Promise<Run> {
  const pool = new Pool({ connectionString: database.schema.url, max: POOL_SIZE });
  await checkpoint(database);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < REPLIES) {
        const i = next++;
        const thread = threads[i % threads.length]!;
        const ts = `${tsBase}.${String(i).padStart(6, '0')}`;
        await pool.query(SINGLE_REPLY_INSERT, [TEAM_ID, thread.channelId, thread.threadTs, `U0BENCH${i % 40}`, `What we learned this week, reply ${i}`, ts, 'https://acme.slack.com/archives/x']);
      }
    }),
  );
  const wallMs = performance.now() - started;
  await pool.end();
  return { rate: (REPLIES / wallMs) * 1000, non200: 0, ...(await stored(database, tsBase)) };
}

async function stored(database: BenchDatabase, tsBase: number): Promise<{ stored: number; distinct: number }> {
  const result = await sql<{ stored: number; distinct_ts: number }>`
    select count(*)::int as stored, count(distinct ts)::int as distinct_ts from thread_reply where ts like ${`${tsBase}.%`}`.execute(database.db.withoutPlugins());
  return { stored: result.rows[0]?.stored ?? 0, distinct: result.rows[0]?.distinct_ts ?? 0 };
}

/** Each run starts without the previous one's WAL to flush (when the role may checkpoint). */
async function checkpoint(database: BenchDatabase): Promise<void> {
  await sql`checkpoint`.execute(database.db).catch(() => undefined);
}

const METHOD = `## Thread-reply ingest

\`npm run bench:ingest\` builds, then runs \`bench/ingest.ts\` against the embedded PostgreSQL (or \`DATABASE_URL\`),
in a schema of its own with 50 followed prompt threads. Three ways of storing the same 20,000 replies, each
at 32 concurrent senders over a pool of 10 connections, in two alternating rounds:
- **Learnloop** (\`startLearnloop\`, HTTP mode, its own process): signed \`message\` events POSTed to
  \`/slack/events\` over keep-alive connections; a reply is answered 200 only once it is stored;
- **bare Bolt + the same insert** (its own process): a Bolt app with \`processBeforeResponse\` whose message
  listener runs the single-row insert Learnloop used before it batched (find the followed thread, insert,
  ignore a duplicate ts) on a \`pg\` pool of 10 — the framework's floor for "stored before the 200";
- **bare insert loop**: that statement run by 32 concurrent workers on a pool of 10, no HTTP at all.
Learnloop is not running that statement: it answers thread replies without going through Bolt's listeners
and stores the replies that arrive together in one multi-row insert (one commit for many). Both baselines
store one row per statement, so the ratios compare Learnloop with what the framework and the driver give
without that batching, not with the same SQL.
The load generator (and the fake Slack) run in the benchmark's own process, apart from both servers. The
events are built and signed before the clock starts; a run's rate is replies ÷ wall time from the first send
to the last answer; each run starts after a \`CHECKPOINT\`. Afterwards every run's rows are counted: stored =
distinct ts = sent. \`BENCH_REPLIES\` and \`BENCH_WARM_UP\` make a quick look smaller.
`;

// A benchmark is a command: once its figures are written it ends, whatever keep-alive socket is left open.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
