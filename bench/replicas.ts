import { cpus } from 'node:os';
import { sql } from 'kysely';
import { BenchSlack } from './fake-slack';
import { codeRevision, count, fmt, hasTaskset, machine, ms, openDatabase, percentile, runDate, runLoad, seedThreads, ServerProcess, signedReplies, TEAM_ID, type BenchDatabase } from './load';
import { benchmarksPath, promptPosts, seedDueSchedules, subsectionTitle, withClient, writeBenchmarks } from './support';

// bench:replicas — several Learnloop processes on one PostgreSQL: ingest with 1, 2 and 3 processes (each
// pinned to a CPU with taskset), then 10,000 due prompts posted by 3 processes at once. Method and figures:
// BENCHMARKS.md, section "Replicas".

const REPLIES = count('BENCH_REPLIES', 20_000);
const PROMPTS = count('BENCH_PROMPTS', 10_000);
const SENDERS = 32;
const DUE_AT = new Date('2026-11-23T08:00:00Z');

async function main(): Promise<void> {
  const database = await openDatabase('bench_replicas_');
  const slack = await new BenchSlack().start();
  const env = { apiUrl: slack.apiUrl, databaseUrl: database.schema.url, dueAt: DUE_AT };
  const threads = await seedThreads(database.db, 'C', 60);
  // One CPU per process while there are CPUs; PostgreSQL and the load generator share what is left.
  const pins = ['0', '1', '0'];
  const servers: ServerProcess[] = [];
  const lines: string[] = [];
  try {
    for (let i = 0; i < 3; i++) servers.push(await ServerProcess.start('learnloop', env, pins[i]));
    let tsBase = 1_950_000_000;
    for (const server of servers) await runLoad(server.port, signedReplies(threads, 500, tsBase++, `EvWarm${tsBase}`), SENDERS);

    const rows: string[] = [];
    let single = 0;
    for (const processes of [1, 2, 3]) {
      const events = signedReplies(threads, REPLIES, tsBase, `EvRep${processes}-`);
      // The load is spread round-robin: each process takes every n-th event, all at once, and the 32 senders
      // are split between them (11 + 11 + 10 for three).
      const senders = (i: number) => Math.floor(SENDERS / processes) + (i < SENDERS % processes ? 1 : 0);
      const shares = servers.slice(0, processes).map((server, i) => runLoad(server.port, events.filter((_, j) => j % processes === i), senders(i)));
      const started = Date.now();
      const loads = await Promise.all(shares);
      const wallMs = Math.max(...loads.map((l) => l.wallMs));
      const stored = await countStored(database, tsBase);
      const rate = (REPLIES / wallMs) * 1000;
      if (processes === 1) single = rate;
      const cpus = new Set(pins.slice(0, processes)).size;
      const pinned = hasTaskset();
      rows.push(`| ${processes} (${pinned ? `CPUs ${pins.slice(0, processes).join(', ')}` : 'not pinned'}) | ${fmt(rate)} | ${pinned ? fmt(rate / cpus) : '—'} | ${processes === 1 ? '1.00×' : `${fmt(rate / single, 2)}×`} | ${ms(percentile(loads.flatMap((l) => l.latencies), 99))} | ${fmt(stored.stored)} / ${fmt(stored.distinct)} | ${loads.reduce((n, l) => n + l.non200, 0)} |`);
      console.log(`${processes} process(es): ${fmt(rate)} replies/s in ${fmt(Date.now() - started)} ms; stored ${stored.stored}/${stored.distinct}`);
      tsBase += 1;
    }

    await seedDuePrompts(database, PROMPTS);
    slack.reset();
    const started = Date.now();
    const totals = await Promise.all(servers.map((server) => server.postDuePrompts()));
    const dispatchMs = Date.now() - started;
    const { posts: posted, distinct, duplicates } = promptPosts(slack.calls, 'CP');
    const notPosted = await sql<{ n: number }>`select count(*)::int as n from prompt where team_id = ${TEAM_ID} and status <> 'posted'`.execute(database.db.withoutPlugins());

    lines.push(
      subsectionTitle(database.kind),
      '',
      `${runDate()} · ${codeRevision()}`,
      `${machine()}; taskset ${hasTaskset() ? 'used' : 'not available (processes not pinned)'}`,
      await database.describe(),
      '',
      `(a) Thread-reply ingest, ${fmt(REPLIES)} signed \`message\` events, ${SENDERS} senders spread over the processes`,
      '',
      '| processes | replies stored / s | per pinned CPU | vs one process | p99 before 200 | rows / distinct ts | answers other than 200 |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `This machine has ${cpus().length} CPUs, shared by the Learnloop processes, PostgreSQL and the load generator: the per-CPU figure is what one pinned process did here, not a measurement on more cores.`,
      '',
      `(b) ${fmt(PROMPTS)} prompts due in the same minute, posted by 3 processes running the job at once`,
      '',
      '| | |',
      '| --- | --- |',
      `| time until all three finished | ${fmt(dispatchMs / 1000, 2)} s |`,
      `| \`chat.postMessage\` calls / distinct prompts | ${fmt(posted.length)} / ${fmt(distinct)} |`,
      `| duplicates (must be 0) | ${fmt(duplicates)} |`,
      `| prompt rows not posted / schedules never posted | ${fmt(notPosted.rows[0]?.n ?? -1)} / ${fmt(PROMPTS - distinct)} |`,
      `| posted by each process | ${totals.map((t) => fmt((t as { posted: number }).posted)).join(' + ')} |`,
      '',
    );
    const text = lines.join('\n');
    writeBenchmarks(benchmarksPath(), '## Replicas', database.kind, text, (parts) => `${METHOD}\n${parts.join('\n')}`);
    console.log(text);
  } finally {
    for (const server of servers) await server.stop();
    await slack.stop();
    await database.close();
  }
}

async function countStored(database: BenchDatabase, tsBase: number): Promise<{ stored: number; distinct: number }> {
  const result = await sql<{ stored: number; distinct_ts: number }>`
    select count(*)::int as stored, count(distinct ts)::int as distinct_ts from thread_reply where ts like ${`${tsBase}.%`}`.execute(database.db.withoutPlugins());
  return { stored: result.rows[0]?.stored ?? 0, distinct: result.rows[0]?.distinct_ts ?? 0 };
}

/** `count` daily schedules in 500 channels, all due at DUE_AT, seeded as bench:prompts seeds them. */
async function seedDuePrompts(database: BenchDatabase, count: number): Promise<void> {
  await withClient(database.schema.url, (client) => seedDueSchedules(client, { teamId: TEAM_ID, schedules: count, channels: 500, channelPrefix: 'CP', dueAt: DUE_AT }));
}

const METHOD = `## Replicas

\`npm run bench:replicas\` builds, then runs \`bench/replicas.ts\` against the embedded PostgreSQL (or
\`DATABASE_URL\`), in a schema of its own. Three Learnloop processes (\`startLearnloop\`, HTTP mode, pool of 10
each) share one PostgreSQL, each pinned with \`taskset -c\` to one CPU (0, 1, 0: this machine has two, so the
third shares CPU 0 with the first, and PostgreSQL and the load generator run on both). (a) The same 20,000
signed \`message\` events are sent to 1, 2 and 3 processes, spread round-robin, 32 keep-alive senders in all,
from the benchmark's own process; rows are counted afterwards. (b) 10,000 daily prompt schedules in 500
channels, all due in the same minute, then the prompt job runs in all three processes at the same moment
(over IPC); every \`chat.postMessage\` reaching the fake Slack carries its prompt id in its metadata, so
duplicates are ids posted more than once. On a machine with more CPUs the per-CPU column is the figure to
carry over; on two CPUs, three processes cannot ingest 2.5× what one does, and this table says what they do.
`;

// A benchmark is a command: once its figures are written it ends, whatever keep-alive socket is left open.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
