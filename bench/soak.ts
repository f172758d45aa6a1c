import { BenchSlack } from './fake-slack';
import { codeRevision, count, fmt, machine, mb, openDatabase, runDate, runLoad, seedThreads, ServerProcess, signedCommand, signedReplies, sleep } from './load';
import { benchmarksPath, subsectionTitle, writeBenchmarks } from './support';

// bench:soak — one Learnloop process under steady mixed load (commands and thread replies) for
// SOAK_MINUTES, its resident memory sampled every 10 s: is it below 200 MB, and flat?

const MINUTES = count('SOAK_MINUTES', 10);
const SAMPLE_MS = 10_000;

async function main(): Promise<void> {
  const database = await openDatabase('bench_soak_');
  const slack = await new BenchSlack().start();
  const threads = await seedThreads(database.db, 'C', 50);
  const server = await ServerProcess.start('learnloop', { apiUrl: slack.apiUrl, databaseUrl: database.schema.url, exposeGc: true });
  const samples: { minute: number; rss: number; liveHeap: number }[] = [];
  let sent = 0;
  let non200 = 0;
  try {
    const started = Date.now();
    const endAt = started + MINUTES * 60_000;
    let running = true;
    const sampler = (async () => {
      while (running) {
        const usage = await server.usage({ gc: true });
        samples.push({ minute: (Date.now() - started) / 60_000, rss: usage.rss, liveHeap: usage.liveHeap ?? Number.NaN });
        await sleep(SAMPLE_MS);
      }
    })();
    let batch = 0;
    while (Date.now() < endAt) {
      batch += 1;
      // Each second or so: 200 replies at concurrency 16, 100 `/learned` and 100 help at concurrency 8.
      const replies = signedReplies(threads, 200, 1_960_000_000 + batch, `EvSoak${batch}-`);
      const commands = Array.from({ length: 200 }, (_, i) => {
        const id = `soak-${batch}-${i}`;
        return i % 2 ? signedCommand('/learnloop', 'help', id, `${slack.apiUrl}response/${id}`) : signedCommand('/learned', `Soak learning ${id} #soak`, id, `${slack.apiUrl}response/${id}`);
      });
      const [a, b] = await Promise.all([runLoad(server.port, replies, 16), runLoad(server.port, commands, 8)]);
      sent += replies.length + commands.length;
      non200 += a.non200 + b.non200;
      slack.reset();
    }
    running = false;
    await sampler;

    const after = samples.filter((s) => s.minute >= 2);
    const slope = leastSquaresSlope(after.map((s) => [s.minute, s.rss / 2 ** 20]));
    const heapSlope = leastSquaresSlope(after.map((s) => [s.minute, s.liveHeap / 2 ** 20]));
    const firstMinute = samples.filter((s) => s.minute < 1).map((s) => s.rss);
    const lastMinute = samples.filter((s) => s.minute >= MINUTES - 1).map((s) => s.rss);
    const max = Math.max(...samples.map((s) => s.rss));
    const text = [
      subsectionTitle(database.kind),
      '',
      `${runDate()} · ${codeRevision()}`,
      machine(),
      await database.describe(),
      '',
      `${MINUTES} minutes, ${fmt(sent)} requests (${fmt((sent / (MINUTES * 60)))} / s), ${non200} answers other than 200; ${samples.length} samples`,
      '',
      '| | resident memory | live heap after a full collection |',
      '| --- | --- | --- |',
      `| lowest / highest | ${mb(Math.min(...samples.map((s) => s.rss)))} / ${mb(max)} (goal < 200 MB) | ${mb(Math.min(...samples.map((s) => s.liveHeap)))} / ${mb(Math.max(...samples.map((s) => s.liveHeap)))} |`,
      `| first minute (mean) | ${mb(mean(firstMinute))} | ${mb(mean(samples.filter((s) => s.minute < 1).map((s) => s.liveHeap)))} |`,
      `| last minute (mean) | ${mb(mean(lastMinute))} | ${mb(mean(samples.filter((s) => s.minute >= MINUTES - 1).map((s) => s.liveHeap)))} |`,
      `| slope, minutes 2–${MINUTES} (least squares; goal: flat) | ${perMinute(slope)} | ${perMinute(heapSlope)} |`,
      '',
      `Highest resident memory ${max < 200 * 2 ** 20 ? 'below' : '**above**'} 200 MB.${Number.isFinite(slope) ? ` At the measured slope the resident set would change by ${fmt(slope * 60, 0)} MB in an hour.` : ' No slope: a run shorter than 3 minutes has too few samples after its first two.'}`,
      '',
    ].join('\n');
    writeBenchmarks(benchmarksPath(), '## Memory soak', database.kind, text, (parts) => `${METHOD}\n${parts.join('\n')}`);
    console.log(text);
  } finally {
    await server.stop();
    await slack.stop();
    await database.close();
  }
}

const perMinute = (slope: number): string => (Number.isFinite(slope) ? `${fmt(slope, 2)} MB per minute` : '—');

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function leastSquaresSlope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = mean(points.map((p) => p[0]));
  const my = mean(points.map((p) => p[1]));
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const METHOD = `## Memory soak

\`npm run bench:soak\` builds, then runs \`bench/soak.ts\`: one Learnloop process (\`startLearnloop\`, HTTP mode,
its own process) against the embedded PostgreSQL (or \`DATABASE_URL\`) for \`SOAK_MINUTES\` (10), fed from the
benchmark's process in back-to-back batches of 200 signed thread replies (16 senders) alongside 100 \`/learned\`
and 100 \`/learnloop help\` (8 senders). Every 10 s the server (started with \`--expose-gc\`) reports, over IPC,
its resident set, then runs a full garbage collection and reports its live heap: the heap tells a leak from
memory the collector has not returned yet. (That collection every 10 s is one the process would not otherwise
run; the resident set is read before it.) The slopes are least-squares lines through minutes 2 to the end (the first
minute is warm-up), in MB per minute: flat means within noise of 0.
`;

// A benchmark is a command: once its figures are written it ends, whatever keep-alive socket is left open.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
