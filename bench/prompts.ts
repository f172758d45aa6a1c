/**
 * `npm run bench:prompts`: how fast Learnloop posts a minute's worth of due prompts (one process, then
 * two at once), against a real PostgreSQL (DATABASE_URL, or the embedded one) and the fake Slack
 * Web API. Prints a summary and rewrites the `## Prompts` section of BENCHMARKS.md.
 *
 * Everything is local (127.0.0.1), bounded in count and time, and stops by itself: the app, the
 * fake Slack, the second app process, the benchmark schema and the embedded server.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { startLearnloop, type Learnloop } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded';
import { createLogger, type Logger } from '../src/logger';
import { postDuePrompts } from '../src/features/prompts/jobs/post-due-prompts';
import { BenchSlack, SIGNING_SECRET } from './fake-slack';
import { abortRun, benchmarksPath, bounded, createSchema, findRepoRoot, promptPosts, seedDueSchedules, subsectionTitle, writeBenchmarks, type BenchSchema } from './support';

// (a) dispatch
// BENCH_SCHEDULES makes a quick look smaller (a multiple of the 500 channels).
const SCHEDULES = Number(process.env.BENCH_SCHEDULES) > 0 ? Number(process.env.BENCH_SCHEDULES) : 10_000;
const CHANNELS = 500;
const SLACK_LATENCY_MS = 2;
// 09:00 Europe/Berlin, the schedules' daily time; `now` is 5 s into that minute.
const DUE_AT = new Date('2026-11-23T08:00:00Z');
const RUN_AT = new Date(DUE_AT.getTime() + 5_000);

// Bounds: every phase, and the whole run.
const PHASE_LIMIT_MS = 240_000;
const RUN_LIMIT_MS = 15 * 60_000;

const BOT_TOKEN = 'xoxb-bench-token';

// ---------------------------------------------------------------------------------------------
// Small helpers



/** A logger that counts lines by level and message (printed at the end) and shows errors at once. */
function countingLogger(level = 'warn'): { logger: Logger; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let shown = 0;
  const logger = createLogger(level, {
    write(line: string) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        const key = `${entry.level !== undefined && entry.level >= 50 ? 'error' : 'warn'}: ${entry.msg ?? '?'}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if ((entry.level ?? 0) >= 50 && shown++ < 5) process.stderr.write(line);
      } catch {
        process.stderr.write(line);
      }
    },
  });
  return { logger, counts };
}

function mergeCounts(into: Map<string, number>, from: Iterable<[string, number]>): void {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

/** CPU time of all cores (ms), busy and in total: the machine's share includes PostgreSQL. */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

const machineBusySince = (from: { busy: number; total: number }): number => {
  const now = machineTimes();
  return now.total > from.total ? (now.busy - from.busy) / (now.total - from.total) : 0;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number): string => `${fmt(ratio * 100)} %`;
const seconds = (ms: number): string => `${fmt(ms / 1000, 2)} s`;


function appEnv(apiUrl: string, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LEARNLOOP_SCHEDULER: 'off',
    LOG_LEVEL: 'warn',
    // Each process keeps its own spool under its own DATA_DIR.
    DATA_DIR: mkdtempSync(join(tmpdir(), 'learnloop-bench-data-')),
  };
}

// ---------------------------------------------------------------------------------------------
// The second app process of the two-process dispatch run (this same file, forked).

type ToChild = { type: 'run'; now: string } | { type: 'stop' };
type FromChild =
  | { type: 'ready' }
  | { type: 'done'; summary: Record<string, number>; logs: [string, number][]; cpuMs: number }
  | { type: 'failed'; message: string };

async function secondProcessMain(): Promise<void> {
  const { apiUrl, databaseUrl } = JSON.parse(process.env.BENCH_SECOND_PROCESS ?? '{}') as { apiUrl: string; databaseUrl: string };
  const { logger, counts } = countingLogger();
  const send = (message: FromChild): void => void process.send?.(message);
  // Never outlive the benchmark: a parent that went away, or the run limit, stops this process.
  const limit = setTimeout(() => process.exit(3), RUN_LIMIT_MS);
  limit.unref();
  let learnloop: Learnloop | undefined;
  const stop = async (code: number): Promise<void> => {
    await learnloop?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('disconnect', () => void stop(0));
  try {
    learnloop = await startLearnloop(loadConfig(appEnv(apiUrl, databaseUrl)), logger, systemClock);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).message });
    return stop(1);
  }
  const app = learnloop;
  process.on('message', (message: ToChild) => {
    if (message.type === 'stop') return void stop(0);
    const cpu = process.cpuUsage();
    postDuePrompts(app.deps)
      .run(new Date(message.now))
      .then((summary) => send({ type: 'done', summary, logs: [...counts], cpuMs: cpuMs(process.cpuUsage(cpu)) }))
      .catch((error: Error) => send({ type: 'failed', message: error.message }));
  });
  send({ type: 'ready' });
}

class SecondProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(apiUrl: string, databaseUrl: string): Promise<SecondProcess> {
    const child = fork(__filename, ['--second-process'], {
      env: { ...process.env, BENCH_SECOND_PROCESS: JSON.stringify({ apiUrl, databaseUrl }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const second = new SecondProcess(child);
    try {
      await bounded(second.next(), 60_000, 'starting the second app process');
    } catch (error) {
      second.kill();
      throw error;
    }
    return second;
  }

  /** The child's next message; a child that exits first is an error. */
  private next(): Promise<Extract<FromChild, { type: 'ready' | 'done' }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromChild): void => {
        cleanup();
        if (message.type === 'failed') reject(new Error(`second app process: ${message.message}`));
        else resolve(message);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`the second app process exited (${code})`));
      };
      const cleanup = (): void => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
    });
  }

  async run(now: Date): Promise<{ summary: Record<string, number>; logs: [string, number][]; cpuMs: number }> {
    const done = this.next();
    this.child.send({ type: 'run', now: now.toISOString() } satisfies ToChild);
    const message = await done;
    if (message.type !== 'done') throw new Error('unexpected message from the second app process');
    return message;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ToChild);
    await bounded(exited, 15_000, 'stopping the second app process').catch(() => this.kill());
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------
// The benchmark schema



/** Starts a phase from a clean WAL state, so a checkpoint triggered by the previous phase does not land in it. */
async function checkpoint(client: Client): Promise<void> {
  // Needs superuser or pg_checkpoint; without it the phase simply runs after whatever came before.
  await client.query('checkpoint').catch(() => undefined);
}


// ---------------------------------------------------------------------------------------------
// (a) Dispatch of 10,000 schedules due in the same minute

interface DispatchResult {
  processes: number;
  ms: number;
  postCalls: number;
  posted: number;
  missing: number;
  duplicates: number;
  perProcess: number[];
  outOfOrderChannels: number;
  outOfOrderPosts: number;
  concurrentChannels: number;
  maxInFlight: number;
  /** CPU time ÷ wall time of each app process (the first also runs the fake Slack): near 100 % = saturated. */
  busy: number[];
  machineBusy: number;
}

/** Empties the prompt tables and inserts the schedules in one statement, in a shuffled channel order. */
async function seedSchedules(client: Client, teamId: string): Promise<void> {
  await client.query('truncate thread_reply, tracked_thread, prompt, prompt_schedule restart identity cascade');
  await seedDueSchedules(client, { teamId, schedules: SCHEDULES, channels: CHANNELS, channelPrefix: 'CB', dueAt: DUE_AT });
  await checkpoint(client);
}

async function measureDispatch(
  client: Client,
  slack: BenchSlack,
  app: Learnloop,
  second: SecondProcess | undefined,
  logs: Map<string, number>,
): Promise<DispatchResult> {
  await seedSchedules(client, app.deps.teamId);
  slack.reset();
  slack.latencyMs = SLACK_LATENCY_MS;

  let secondCpuMs = 0;
  const machine = machineTimes();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const runs = [
    postDuePrompts(app.deps).run(RUN_AT),
    ...(second ? [second.run(RUN_AT).then((r) => (mergeCounts(logs, r.logs), (secondCpuMs = r.cpuMs), r.summary))] : []),
  ];
  const summaries = await bounded(Promise.all(runs), PHASE_LIMIT_MS, `dispatch with ${runs.length} process(es)`);
  const ms = performance.now() - started;
  const busy = [cpuMs(process.cpuUsage(cpu)) / ms, ...(second ? [secondCpuMs / ms] : [])];
  const machineBusy = machineBusySince(machine);
  slack.latencyMs = 0;

  const { posts, distinct, duplicates } = promptPosts(slack.calls, 'CB');
  const rows = await client.query<{ id: number; scheduled_for: Date; status: string }>('select id, scheduled_for, status from prompt');
  const byId = new Map(rows.rows.map((row) => [row.id, row]));

  // Within a channel, Slack must receive the prompts in (scheduled_for, id) order.
  const lastByChannel = new Map<string, { at: number; id: number }>();
  const outOfOrder = new Set<string>();
  let outOfOrderPosts = 0;
  for (const post of posts) {
    const key = { at: byId.get(post.promptId)?.scheduled_for.getTime() ?? 0, id: post.promptId };
    const last = lastByChannel.get(post.channel);
    if (last && (key.at < last.at || (key.at === last.at && key.id < last.id))) {
      outOfOrderPosts += 1;
      outOfOrder.add(post.channel);
    }
    lastByChannel.set(post.channel, last && (last.at > key.at || (last.at === key.at && last.id > key.id)) ? last : key);
  }
  const inFlight = [...slack.maxInFlight].filter(([key]) => key.startsWith('chat.postMessage CB')).map(([, n]) => n);
  // 10,000 recorded calls with their blocks would otherwise weigh on the next phase's garbage collector.
  slack.reset();

  return {
    processes: runs.length,
    ms,
    postCalls: posts.length,
    posted: rows.rows.filter((row) => row.status === 'posted').length,
    missing: SCHEDULES - distinct,
    duplicates,
    perProcess: summaries.map((s) => s.posted ?? 0),
    outOfOrderChannels: outOfOrder.size,
    outOfOrderPosts,
    concurrentChannels: inFlight.filter((n) => n > 1).length,
    maxInFlight: Math.max(0, ...inFlight),
    busy,
    machineBusy,
  };
}

// ---------------------------------------------------------------------------------------------
// The result

interface RunInfo {
  date: string;
  code: string;
  database: 'embedded' | 'DATABASE_URL';
  postgres: string;
  settings: string;
  machine: string;
}



function promptsSection(results: string[]): string {
  return `## Prompts

\`npm run bench:prompts\` builds, then runs \`bench/prompts.ts\` against the embedded PostgreSQL, or against
\`DATABASE_URL\` when it is set (\`DATABASE_URL=postgres://… npm run bench:prompts\`). It takes a minute or
two and needs nothing else: it starts the real app in HTTP mode (\`startLearnloop\`, scheduler off,
\`LOG_LEVEL=warn\`) against a fake Slack Web API (\`bench/fake-slack.ts\`), works in a schema of its own that it
drops afterwards, and sends traffic to 127.0.0.1 only. Each run replaces the result for its kind of
database below.

**(a) Dispatch.** ${fmt(SCHEDULES)} active daily schedules in ${fmt(CHANNELS)} channels (${SCHEDULES / CHANNELS} each, inserted in
one statement in a fixed shuffled order, so a channel's schedules lie apart as if created over time)
are all due in the same minute. The clock runs from the call of \`postDuePrompts(deps).run(now)\` until
it returns: claiming in batches (\`claimDuePrompts\`), choosing the question, \`chat.postMessage\` and
recording the outcome of every prompt. The fake Slack answers each call after ${SLACK_LATENCY_MS} ms (a fast
network) and records every call in arrival order and how many \`chat.postMessage\` calls were in flight
at once per channel. Duplicates are prompt ids (from the message metadata) posted more than once;
order violations are posts that reached a channel before one with a smaller (scheduled_for, id).
The two-process run repeats this on freshly seeded schedules with a second app process (a forked
\`node\`, its own pool of 10 connections, the same schema and the same fake Slack) running the job at
the same moment, as in the race test; the time is until both finished.

Thread-reply ingest moved to \`npm run bench:ingest\` (section *Thread-reply ingest*), where it is measured
against baselines at the same concurrency and pool size, with the load generator in a process of its own.

Each measured phase starts with a \`CHECKPOINT\` (when the role may run one), so that WAL written by the
previous phase does not trigger a checkpoint inside it. "Node CPU ÷ wall time" is the CPU time a node
process used during the phase over its length: 100 % means its one JavaScript thread was busy throughout; "machine
CPU busy" is the share of all cores' time that was not idle (node, PostgreSQL and anything else).

${results.join('\n')}`;
}

function resultMarkdown(info: RunInfo, single: DispatchResult, double: DispatchResult): string {
  const row = (label: string, a: string, b: string): string => `| ${label} | ${a} | ${b} |`;
  return `${subsectionTitle(info.database)}

${info.date} · ${info.code}
${info.machine}
${info.postgres} (${info.settings})

(a) Dispatch of ${fmt(SCHEDULES)} prompts due in the same minute, ${fmt(CHANNELS)} channels, fake Slack latency ${SLACK_LATENCY_MS} ms

| | one process | two processes |
| --- | --- | --- |
${[
  row('time to claim and post all', seconds(single.ms), seconds(double.ms)),
  row('prompts / second', fmt((SCHEDULES / single.ms) * 1000), fmt((SCHEDULES / double.ms) * 1000)),
  row('`chat.postMessage` calls', fmt(single.postCalls), fmt(double.postCalls)),
  row('prompts posted by each process', single.perProcess.map((n) => fmt(n)).join(' + '), double.perProcess.map((n) => fmt(n)).join(' + ')),
  row('prompt rows `posted` / not posted', `${fmt(single.posted)} / ${fmt(single.missing)}`, `${fmt(double.posted)} / ${fmt(double.missing)}`),
  row('duplicates (must be 0)', fmt(single.duplicates), fmt(double.duplicates)),
  row('out-of-order posts (channels affected)', `${fmt(single.outOfOrderPosts)} (${fmt(single.outOfOrderChannels)})`, `${fmt(double.outOfOrderPosts)} (${fmt(double.outOfOrderChannels)})`),
  row('channels with 2+ posts in flight at once (max in flight)', `${fmt(single.concurrentChannels)} (${single.maxInFlight})`, `${fmt(double.concurrentChannels)} (${double.maxInFlight})`),
  row('node CPU ÷ wall time, per app process (the first also runs the fake Slack)', single.busy.map(pct).join(' + '), double.busy.map(pct).join(' + ')),
  row(`machine CPU busy, all ${cpus().length} cores (PostgreSQL included)`, pct(single.machineBusy), pct(double.machineBusy)),
].join('\n')}
`;
}

/** Which code was measured: the commit, and whether the working tree differed from it (read-only git). */
function codeRevision(root: string): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'migrations') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes in src/ or migrations/' : ''}`;
  } catch {
    return 'revision unknown (not a git checkout)';
  }
}



// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const runLimit = setTimeout(() => abortRun(new Error(`the benchmark exceeded ${RUN_LIMIT_MS / 60_000} minutes`)), RUN_LIMIT_MS);
  process.once('SIGINT', () => abortRun(new Error('interrupted')));
  process.once('SIGTERM', () => abortRun(new Error('terminated')));
  const { logger, counts } = countingLogger();
  const database: RunInfo['database'] = process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded';
  // Before this run starts anything of its own: is something else using the CPUs?
  const idle = machineTimes();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const busyBefore = machineBusySince(idle);

  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let schema: BenchSchema | undefined;
  let slack: BenchSlack | undefined;
  let app: Learnloop | undefined;
  let second: SecondProcess | undefined;
  let client: Client | undefined;
  try {
    let baseUrl = process.env.DATABASE_URL;
    if (!baseUrl) {
      dataDir = mkdtempSync(join(tmpdir(), 'learnloop-bench-'));
      embedded = await bounded(startEmbeddedPostgres(dataDir, logger), 120_000, 'starting the embedded PostgreSQL');
      baseUrl = embedded.connectionString;
    }
    schema = await createSchema(baseUrl, 'bench_');
    slack = await new BenchSlack().start();
    app = await bounded(startLearnloop(loadConfig(appEnv(slack.apiUrl, schema.url)), logger, systemClock), 60_000, 'starting the app');
    client = new Client({ connectionString: schema.url });
    await client.connect();

    const version = (await client.query<{ version: string }>('select version()')).rows[0]?.version ?? 'unknown';
    const setting = async (name: string): Promise<string> => (await client!.query<{ v: string }>(`select current_setting('${name}') as v`)).rows[0]?.v ?? '?';
    const info: RunInfo = {
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      code: codeRevision(findRepoRoot()),
      database,
      postgres: version,
      settings: `fsync ${await setting('fsync')}, synchronous_commit ${await setting('synchronous_commit')}, shared_buffers ${await setting('shared_buffers')}, max_connections ${await setting('max_connections')}`,
      machine: `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB memory, node ${process.version}, ${process.platform}-${process.arch}, CPU ${pct(busyBefore)} busy in the second before the run`,
    };
    // Everything here is CPU-bound on small machines: anything else running skews the figures.
    if (busyBefore > 0.2) console.warn(`warning: the CPUs were ${pct(busyBefore)} busy before the run; something else is running and the figures will be low`);
    console.log(`bench:prompts on ${database === 'embedded' ? 'the embedded PostgreSQL' : 'DATABASE_URL'}: ${version}`);
    console.log(info.machine);

    console.log(`(a) dispatching ${fmt(SCHEDULES)} prompts, one process…`);
    const single = await measureDispatch(client, slack, app, undefined, counts);
    console.log(`    ${seconds(single.ms)}, ${fmt((SCHEDULES / single.ms) * 1000)} prompts/s, duplicates ${single.duplicates}, out of order ${single.outOfOrderPosts}, channels with concurrent posts ${single.concurrentChannels}, node busy ${single.busy.map(pct).join(' + ')}, machine busy ${pct(single.machineBusy)}`);
    console.log(`(a) dispatching ${fmt(SCHEDULES)} prompts, two processes…`);
    second = await SecondProcess.start(slack.apiUrl, schema.url);
    const double = await measureDispatch(client, slack, app, second, counts);
    await second.stop();
    second = undefined;
    console.log(`    ${seconds(double.ms)}, ${fmt((SCHEDULES / double.ms) * 1000)} prompts/s (${double.perProcess.join(' + ')}), duplicates ${double.duplicates}, out of order ${double.outOfOrderPosts} in ${double.outOfOrderChannels} channels, channels with concurrent posts ${double.concurrentChannels}, node busy ${double.busy.map(pct).join(' + ')}, machine busy ${pct(double.machineBusy)}`);

    const path = benchmarksPath();
    writeBenchmarks(path, '## Prompts', database, resultMarkdown(info, single, double), promptsSection);
    console.log(`wrote the ${subsectionTitle(database).slice(4)} result to ${path}`);
    if (counts.size > 0) console.log(`log lines at warn or above: ${[...counts].map(([key, n]) => `${n} × ${key}`).join('; ')}`);
    if (single.duplicates + double.duplicates > 0) process.exitCode = 1;
  } finally {
    second?.kill();
    await client?.end().catch(() => undefined);
    await app?.stop().catch((error) => console.error('could not stop the app:', error));
    await slack?.stop().catch(() => undefined);
    await schema?.drop().catch((error) => console.error(`could not drop schema ${schema?.name}:`, error));
    await embedded?.stop().catch((error) => console.error('could not stop the embedded PostgreSQL:', error));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(runLimit);
  }
}

if (process.argv.includes('--second-process')) {
  secondProcessMain().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(`bench:prompts failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
