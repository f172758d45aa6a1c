import { BenchSlack } from './fake-slack';
import { codeRevision, count, fmt, machine, mb, median, ms, openDatabase, percentile, ratio, runDate, runLoad, ServerProcess, signedCommand, sleep } from './load';
import { benchmarksPath, subsectionTitle, writeBenchmarks } from './support';

// bench:ack — how fast a slash command is answered, against a bare Bolt app that only acks, side by side
// in one run. Method and figures: BENCHMARKS.md, section "Command acks".

const REQUESTS = count('BENCH_REQUESTS', 2_000);
const WARM_UP = count('BENCH_WARM_UP', 500);
const ROUNDS = count('BENCH_ROUNDS', 3);
const IDLE_WAIT_MS = count('BENCH_IDLE_WAIT_MS', 60_000);
const CONCURRENCY = [1, 16];

interface Figures {
  p50: number;
  p99: number;
  cpuPerRequest: number;
  peakRss: number;
  confirmedInAnswer?: number;
  confirmationP50?: number;
  confirmationP99?: number;
}

async function main(): Promise<void> {
  const database = await openDatabase('bench_ack_');
  const slack = await new BenchSlack().start();
  const env = { apiUrl: slack.apiUrl, databaseUrl: database.schema.url };
  const servers = { bolt: await ServerProcess.start('bolt-ack', env), learnloop: await ServerProcess.start('learnloop', env) };
  let unique = 0;
  const results: string[] = [];
  const summary: { label: string; ratioP99: number; ratioCpu: number }[] = [];
  const peak = { bolt: 0, learnloop: 0 };
  try {
    const idleBefore = { bolt: (await servers.bolt.usage()).rss, learnloop: (await servers.learnloop.usage()).rss };
    for (const command of ['help', 'learned'] as const) {
      for (const concurrency of CONCURRENCY) {
        const build = (n: number) =>
          Array.from({ length: n }, () => {
            const id = `r${++unique}`;
            return command === 'help'
              ? signedCommand('/learnloop', 'help', id, `${slack.apiUrl}response/${id}`)
              : signedCommand('/learned', `Pairing on the migration saved us a day #bench ${id}`, id, `${slack.apiUrl}response/${id}`);
          });
        const rounds = { bolt: [] as Figures[], learnloop: [] as Figures[] };
        for (const which of ['bolt', 'learnloop'] as const) await runLoad(servers[which].port, build(WARM_UP), concurrency);
        for (let round = 0; round < ROUNDS; round++) {
          // Side by side: each round measures the floor, then Learnloop, with the same client and requests.
          for (const which of ['bolt', 'learnloop'] as const) {
            rounds[which].push(await measure(servers[which], build(REQUESTS), concurrency, command === 'learned' && which === 'learnloop' ? slack : undefined));
          }
        }
        const pick = (which: 'bolt' | 'learnloop', key: keyof Figures) => median(rounds[which].map((r) => r[key] ?? Number.NaN));
        const label = `/${command === 'help' ? 'learnloop help' : 'learned'} at concurrency ${concurrency}`;
        const ratioP99 = pick('learnloop', 'p99') / pick('bolt', 'p99');
        const ratioCpu = pick('learnloop', 'cpuPerRequest') / pick('bolt', 'cpuPerRequest');
        for (const which of ['bolt', 'learnloop'] as const) peak[which] = Math.max(peak[which], ...rounds[which].map((r) => r.peakRss));
        summary.push({ label, ratioP99, ratioCpu });
        const verdict = (value: number, goal: number) => (value <= goal ? 'met' : '**missed**');
        const rows = [
          `| ack p50 | ${ms(pick('bolt', 'p50'))} | ${ms(pick('learnloop', 'p50'))} | ${ratio(pick('learnloop', 'p50') / pick('bolt', 'p50'))} |`,
          `| ack p99 (each round: ${rounds.learnloop.map((r, i) => `${ms(rounds.bolt[i]!.p99)} / ${ms(r.p99)}`).join('; ')}) | ${ms(pick('bolt', 'p99'))} | ${ms(pick('learnloop', 'p99'))} | **${ratio(ratioP99)}** (goal ≤ 1.2×: ${verdict(ratioP99, 1.2)}) |`,
          `| CPU per request (server process) | ${ms(pick('bolt', 'cpuPerRequest'))} | ${ms(pick('learnloop', 'cpuPerRequest'))} | **${ratio(ratioCpu)}** (goal ≤ 1.5×: ${verdict(ratioCpu, 1.5)}) |`,
          `| peak resident memory | ${mb(Math.max(...rounds.bolt.map((r) => r.peakRss)))} | ${mb(Math.max(...rounds.learnloop.map((r) => r.peakRss)))} | |`,
        ];
        if (command === 'learned') {
          rows.push(`| confirmations in the answer itself | — | ${fmt(pick('learnloop', 'confirmedInAnswer') * 100)} % | |`);
          const confirmationP99 = pick('learnloop', 'confirmationP99');
          rows.push(`| confirmation visible in Slack, p50 / p99 | — | ${ms(pick('learnloop', 'confirmationP50'))} / ${ms(confirmationP99)} | ${concurrency === 16 ? `(goal p99 ≤ 300 ms at c16: ${verdict(confirmationP99, 300)})` : '(goal applies at c16)'} |`);
        }
        results.push(`(${results.length + 1}) ${label}, ${fmt(REQUESTS)} requests × ${ROUNDS} rounds after ${fmt(WARM_UP)} warm-up (median of rounds)\n\n| | bare Bolt, ack only | Learnloop | ratio |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
        console.log(`${label}: p99 ${ms(pick('bolt', 'p99'))} vs ${ms(pick('learnloop', 'p99'))} (${ratio(ratioP99)}), CPU ${ratio(ratioCpu)}`);
      }
    }
    console.log(`waiting ${IDLE_WAIT_MS / 1000} s for the servers' memory to settle…`);
    await sleep(IDLE_WAIT_MS);
    const idleAfter = { bolt: (await servers.bolt.usage()).rss, learnloop: (await servers.learnloop.usage()).rss };
    const memory = [
      `| resident memory | bare Bolt, ack only | Learnloop |`,
      '| --- | --- | --- |',
      `| before the load | ${mb(idleBefore.bolt)} | ${mb(idleBefore.learnloop)} |`,
      `| highest under the load | ${mb(peak.bolt)} | ${mb(peak.learnloop)} (goal < 200 MB: ${peak.learnloop < 200 * 2 ** 20 ? 'met' : '**missed**'}) |`,
      `| ${IDLE_WAIT_MS / 1000} s after the load ended | ${mb(idleAfter.bolt)} | ${mb(idleAfter.learnloop)} |`,
      '',
    ].join('\n');
    const text = [
      subsectionTitle(database.kind),
      '',
      `${runDate()} · ${codeRevision()}`,
      machine(),
      await database.describe(),
      '',
      ...results,
      memory,
      '',
    ].join('\n');
    writeBenchmarks(benchmarksPath(), '## Command acks', database.kind, text, (parts) => `${METHOD}\n${parts.join('\n')}`);
    console.log(memory);
  } finally {
    await servers.bolt.stop();
    await servers.learnloop.stop();
    await slack.stop();
    await database.close();
  }
}

/** One round against one server: latency percentiles, its CPU time per request, and its peak memory. */
async function measure(server: ServerProcess, requests: ReturnType<typeof signedCommand>[], concurrency: number, slack?: BenchSlack): Promise<Figures> {
  const before = await server.usage();
  let peakRss = before.rss;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, (await server.usage()).rss);
      await sleep(250);
    }
  })();
  const load = await runLoad(server.port, requests, concurrency, { keepBodies: slack !== undefined });
  sampling = false;
  await sampler;
  const after = await server.usage();
  peakRss = Math.max(peakRss, after.rss);
  if (load.non200 > 0) throw new Error(`${server.mode} answered ${load.non200} requests with something other than 200`);
  const figures: Figures = { p50: percentile(load.latencies, 50), p99: percentile(load.latencies, 99), cpuPerRequest: (after.cpuMs - before.cpuMs) / requests.length, peakRss };
  if (slack) {
    // A confirmation is visible when the answer carries it, or when it reaches the response_url.
    await sleep(1_000);
    const later = new Map(slack.calls.filter((c) => c.method.startsWith('response/')).map((c) => [c.method.slice('response/'.length), c.at]));
    const visible = load.bodies.map((body, i) => {
      if (body.includes('learning_saved')) return load.latencies[i]!;
      const id = new URLSearchParams(requests[i]!.body).get('trigger_id')!.replace('trigger-', '');
      const at = later.get(id);
      return at === undefined ? Number.POSITIVE_INFINITY : at - load.sentAt[i]!;
    });
    figures.confirmedInAnswer = load.bodies.filter((body) => body.includes('learning_saved')).length / load.bodies.length;
    figures.confirmationP50 = percentile(visible, 50);
    figures.confirmationP99 = percentile(visible, 99);
    slack.reset();
  }
  return figures;
}

const METHOD = `## Command acks

\`npm run bench:ack\` builds, then runs \`bench/ack.ts\` against the embedded PostgreSQL (or \`DATABASE_URL\`), in a
schema of its own. Two servers run side by side, each in a process of its own (\`bench/server.ts\`): a bare
Bolt app with Bolt's own HTTP receiver whose \`/learnloop\` and \`/learned\` commands only ack (the floor), and
Learnloop (\`startLearnloop\`, HTTP mode, scheduler off, pool of 10). The benchmark's process is the load
generator and the fake Slack Web API (for \`/learned\`'s channel lookup and any \`response_url\` post): it sends
signed, distinct slash commands (built and signed before the clock starts) over keep-alive connections with 1
or 16 concurrent senders, a warm-up of 500 per server, then 3 rounds of 2,000 per server, alternating the floor
and Learnloop, and reports the median of the rounds. CPU per request is the server process's own CPU time
(\`process.cpuUsage\`, over IPC) during a round divided by its requests; memory is the server's resident set,
sampled every 250 ms under the load, and read again once both servers have been idle for 60 s. For \`/learned\` a confirmation is visible when the command's answer carries it, or when
its \`response_url\` post reaches the fake Slack (timed from the send; a confirmation that never arrives
counts as infinitely late). Counts can be made smaller for a quick look
(\`BENCH_REQUESTS\`, \`BENCH_WARM_UP\`, \`BENCH_ROUNDS\`, \`BENCH_IDLE_WAIT_MS\`).
`;

// A benchmark is a command: once its figures are written it ends, whatever keep-alive socket is left open.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
