/**
 * `npm run bench:digest`: computing the weekly digest figures and the `/learnloop stats` figures for one
 * channel with 1,000,000 stored replies and 100,000 learnings, on a real PostgreSQL (DATABASE_URL, or the
 * embedded one) in a schema of its own with the real migrations. Loopback only, bounded, stops itself.
 * Prints p50/p95 and the plan of the heaviest query; rewrites the `## Digest and stats` section of BENCHMARKS.md.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { connectDatabase, type DatabaseHandle } from '../src/platform/db/connect';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/db/embedded';
import { migrateToLatest } from '../src/platform/db/migrate';
import * as stats from '../src/features/digest/queries/stats';
import { createLogger } from '../src/logger';
import { computeDigest } from '../src/features/digest/flows/digest-figures';
import { digestChartSvg } from '../src/features/digest/chart-svg';
import { renderPng, stopChartRenderer } from '../src/platform/chart/chart';
import { findRepoRoot } from './support';

const TEAM = 'T0BENCH';
const CHANNEL = 'C0BENCH';
const REPLIES = 1_000_000;
const LEARNINGS = 100_000;
const PEOPLE = 200;
const DAYS = 730; // two years of history
const RUNS = 30;
const TARGET_P95_MS = 200;
const END = new Date('2026-11-27T15:00:00Z');
const RUN_LIMIT_MS = 10 * 60_000;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function load(client: Client): Promise<void> {
  const end = END.toISOString();
  await client.query(`insert into tracked_thread (team_id, channel_id, thread_ts, kind, subject_id)
    select $1, $2, 't' || g, 'prompt', g from generate_series(1, 1000) g`, [TEAM, CHANNEL]);
  // Replies spread evenly over two years, 3 % private.
  for (let start = 0; start < REPLIES; start += 250_000) {
    await client.query(
      `insert into thread_reply (team_id, thread_id, channel_id, user_id, text, visibility, created_at)
       select $1, (select min(id) from tracked_thread) + g % 1000, $2, 'U' || (g::bigint * 7919 % $3), 'we learned to dry-run migrations', case when g % 33 = 0 then 'private' else 'public' end,
              $4::timestamptz - (g::double precision / $5) * ($6 || ' days')::interval
       from generate_series($7::int, $8::int) g`,
      [TEAM, CHANNEL, PEOPLE, end, REPLIES, DAYS, start + 1, Math.min(REPLIES, start + 250_000)],
    );
  }
  await client.query(
    `insert into learning (team_id, user_id, text, tags, visibility, channel_id, shared_channel_id, anonymous, created_at)
     select $1, 'U' || (g::bigint * 104729 % $2), 'learning ' || g, array['tag' || (g % 25), 'tag' || (g % 7)],
            case when g % 20 = 0 then 'private' else 'team' end,
            case when g % 2 = 0 then $3 else 'C0ELSE' end, case when g % 4 = 1 then $3 else null end, g % 50 = 0,
            $4::timestamptz - (g::double precision / $5) * ($6 || ' days')::interval
     from generate_series(1, $5::int) g`,
    [TEAM, PEOPLE, CHANNEL, end, LEARNINGS, DAYS],
  );
  await client.query(
    `insert into review (team_id, channel_id, title, started_by, trigger, status, closed_at, created_at)
     select $1, $2, 'review ' || g, 'U1', 'command', 'closed', $3::timestamptz - (g || ' days')::interval + interval '2 days', $3::timestamptz - (g || ' days')::interval
     from generate_series(1, 700) g`,
    [TEAM, CHANNEL, end],
  );
  await client.query(
    `insert into commitment (team_id, review_id, owner_id, text, due_date, status, created_by, done_at, created_at)
     select r.team_id, r.id, 'U' || (r.id % 50), 'do it', (r.created_at + interval '14 days')::date,
            case when r.id % 3 = 0 then 'open' else 'done' end, 'U1', case when r.id % 3 = 0 then null else r.created_at + interval '10 days' end, r.created_at
     from review r, generate_series(1, 2)`,
  );
  await client.query('vacuum analyze');
}

async function time(work: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await work(); // warm-up, untimed
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? 0 };
}


function writeSection(markdown: string): string {
  const path = join(findRepoRoot(), 'BENCHMARKS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('\n## Digest and stats');
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${markdown}`;
  else {
    const after = current.indexOf('\n## ', start + 1);
    next = `${current.slice(0, start).trimEnd()}\n\n${markdown}${after === -1 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
  return path;
}

async function main(): Promise<void> {
  const runLimit = setTimeout(() => {
    console.error('bench:digest ran past its limit; stopping');
    process.exit(2);
  }, RUN_LIMIT_MS);
  const logger = createLogger('error'); // the app's slow-query warnings would drown the figures
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let handle: DatabaseHandle | undefined;
  let client: Client | undefined;
  let baseUrl = process.env.DATABASE_URL;
  const schemaName = `bench_${randomBytes(6).toString('hex')}`;
  try {
    if (!baseUrl) {
      dataDir = mkdtempSync(join(tmpdir(), 'learnloop-bench-digest-'));
      embedded = await startEmbeddedPostgres(dataDir, logger);
      baseUrl = embedded.connectionString;
    }
    const admin = new Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create schema ${schemaName}`);
    await admin.end();
    const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schemaName}`)}`;
    handle = await connectDatabase({ databaseUrl: url, dataDir: '' }, logger);
    await migrateToLatest(handle.db, logger);
    client = new Client({ connectionString: url });
    await client.connect();
    const version = (await client.query<{ version: string }>('select version()')).rows[0]?.version ?? '?';
    console.log(`bench:digest on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'the embedded PostgreSQL'}: ${version}`);
    const loadStarted = performance.now();
    await load(client);
    const loadMs = performance.now() - loadStarted;
    console.log(`loaded ${REPLIES.toLocaleString('en-US')} replies and ${LEARNINGS.toLocaleString('en-US')} learnings in ${(loadMs / 1000).toFixed(1)} s`);

    const db = handle.db;
    const members = Array.from({ length: PEOPLE }, (_, i) => `U${i}`);
    // The digest as it is posted: its figures, then the PNG of its 8-week chart (rendered in the worker thread).
    const digest = await time(async () => {
      const figures = await computeDigest({ db }, { teamId: TEAM, channelId: CHANNEL, periodEnd: END, members });
      return renderPng(digestChartSvg(figures.weeks));
    });
    const from = new Date(END.getTime() - 90 * 86_400_000);
    const statsRun = await time(() =>
      Promise.all([
        stats.countReplies(db, TEAM, CHANNEL, from, END),
        stats.countLearnings(db, TEAM, CHANNEL, from, END),
        stats.countReviews(db, TEAM, CHANNEL, from, END),
        stats.countCommitments(db, TEAM, CHANNEL, from, END),
        stats.countActiveLearners(db, TEAM, null, from, END),
        stats.countReplies(db, TEAM, null, from, END),
        stats.listLearningTags(db, TEAM, null, from, END, 10),
        stats.countReviews(db, TEAM, null, from, END),
        stats.commitmentCompletion(db, TEAM, null, from, END),
        stats.medianDaysToCommitmentDone(db, TEAM, null, from, END),
        stats.countCheckIns(db, TEAM, null, from, END),
      ]),
    );
    // The heaviest: active learners over 90 days (a union of every reply and learning in the period).
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) select count(*) from (
         select user_id from thread_reply where team_id = $1 and created_at >= $2 and created_at < $3 and visibility = 'public'
         union
         select user_id from learning where team_id = $1 and created_at >= $2 and created_at < $3 and visibility = 'team') people`,
      [TEAM, from, END],
    );
    const planText = plan.rows.map((r) => r['QUERY PLAN']).filter((line) => !/^\s*(Planning|Buffers: shared hit=\d+$)/.test(line) || /Execution|Planning Time/.test(line)).slice(0, 30).join('\n');
    const met = (p95: number): string => (p95 < TARGET_P95_MS ? 'met' : 'NOT met');
    console.log(`digest figures (${RUNS} runs): p50 ${ms(digest.p50)}, p95 ${ms(digest.p95)}, max ${ms(digest.max)} — target p95 < ${TARGET_P95_MS} ms ${met(digest.p95)}`);
    console.log(`stats figures 90d, channel + workspace (${RUNS} runs): p50 ${ms(statsRun.p50)}, p95 ${ms(statsRun.p95)}, max ${ms(statsRun.max)} — ${met(statsRun.p95)}`);
    console.log(planText);

    const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`;
    const path = writeSection(`## Digest and stats

\`npm run bench:digest\` builds, then runs \`bench/digest.ts\` against the embedded PostgreSQL, or \`DATABASE_URL\` when set.
A schema of its own (dropped afterwards), the real migrations, and a \`generate_series\` load: one channel with
${REPLIES.toLocaleString('en-US')} replies (3 % private) and ${LEARNINGS.toLocaleString('en-US')} learnings (5 % private, half recorded in the channel)
by ${PEOPLE} people over two years, 700 reviews with 1,400 commitments; \`VACUUM ANALYZE\`; one untimed pass, then
${RUNS} timed runs of each. "Digest" is every figure of one weekly digest (\`computeDigest\`: this week, last week,
8 weekly buckets, newest learnings, reviews, commitments, thanks) and the PNG of its 8-week chart (\`renderPng\`,
in Learnloop's chart worker thread; the first render, which loads the renderer, is the untimed pass); Slack calls
not included. "Stats" is
\`/learnloop stats 90d\` for an admin: the channel's figures and the workspace's, run in parallel on the pool.

### Last run: ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL'}

${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${version.split(',')[0]}; ${machine}; load ${(loadMs / 1000).toFixed(1)} s.

| figures | runs | p50 | p95 | max | target p95 < ${TARGET_P95_MS} ms |
|---|---|---|---|---|---|
| digest (1 week + 8-week chart, PNG rendered) | ${RUNS} | ${ms(digest.p50)} | ${ms(digest.p95)} | ${ms(digest.max)} | ${met(digest.p95)} |
| stats 90d (channel + workspace) | ${RUNS} | ${ms(statsRun.p50)} | ${ms(statsRun.p95)} | ${ms(statsRun.max)} | ${met(statsRun.p95)} |

The heaviest query, active learners over 90 days (every public reply and team learning of the period), trimmed:

\`\`\`
${planText}
\`\`\`
`);
    console.log(`wrote ${path}`);
    if (digest.p95 >= TARGET_P95_MS || statsRun.p95 >= TARGET_P95_MS) process.exitCode = 1;
  } finally {
    await stopChartRenderer();
    await client?.end().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    if (baseUrl) {
      const admin = new Client({ connectionString: baseUrl });
      await admin.connect().then(() => admin.query(`drop schema if exists ${schemaName} cascade`)).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
    await embedded?.stop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(runLimit);
  }
}

main().catch((error) => {
  console.error(`bench:digest failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
