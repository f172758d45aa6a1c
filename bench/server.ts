import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { Pool } from 'pg';
import { startLearnloop } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { postDuePrompts } from '../src/features/prompts/jobs/post-due-prompts';
import { SIGNING_SECRET } from './fake-slack';

// One server under measurement, in a process of its own (forked by bench/load.ts), so the load generator
// and the fake Slack never share its CPU. Modes:
//   learnloop    — the real app (startLearnloop, HTTP mode, scheduler off)
//   bolt-ack     — a bare Bolt app whose two commands only ack: the floor for command answers
//   bolt-insert  — a bare Bolt app that stores each thread reply with the same insert before its 200
// It tells the parent its port, then answers 'usage' with its CPU time and resident memory.

export type ServerMode = 'learnloop' | 'bolt-ack' | 'bolt-insert';

// The insert Learnloop made per reply before it batched them: one statement that finds the followed thread.
export const SINGLE_REPLY_INSERT = `
  with thread as (select id from tracked_thread where team_id = $1 and channel_id = $2 and thread_ts = $3),
  inserted as (
    insert into thread_reply (team_id, thread_id, channel_id, user_id, text, ts, permalink, visibility)
    select $1, thread.id, $2, $4, $5, $6, $7, 'public' from thread
    on conflict (team_id, channel_id, ts) where ts is not null do nothing returning id
  ) select count(*) from inserted`;

async function main(): Promise<void> {
  const mode = process.argv[2] as ServerMode;
  const apiUrl = process.env.BENCH_SLACK_API_URL ?? '';
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
  const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
  let port: number;
  let stop: () => Promise<void>;
  let postDue: (() => Promise<unknown>) | undefined;

  if (mode === 'learnloop') {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LEARNLOOP_SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'learnloop-bench-data-')),
    });
    const app = await startLearnloop(config, createLogger('warn'), systemClock);
    port = app.port ?? 0;
    stop = () => app.stop();
    // The prompt job, run on request (at the same moment in every process of bench:replicas).
    postDue = () => postDuePrompts(app.deps).run(new Date(process.env.BENCH_DUE_AT ?? Date.now()));
  } else {
    const app = new App({
      token: 'xoxb-bench-token',
      signingSecret: SIGNING_SECRET,
      tokenVerificationEnabled: false,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: apiUrl },
      // Stored before the 200, as Learnloop does: the listener runs before the answer.
      processBeforeResponse: mode === 'bolt-insert',
    });
    let pool: Pool | undefined;
    if (mode === 'bolt-ack') {
      app.command('/learnloop', async ({ ack }) => ack());
      app.command('/learned', async ({ ack }) => ack());
    } else {
      pool = new Pool({ connectionString: databaseUrl, max: poolSize });
      const workspaceUrl = 'https://acme.slack.com/';
      app.event('message', async ({ event, body }) => {
        const e = event as unknown as { channel: string; thread_ts: string; user: string; text: string; ts: string };
        const permalink = `${workspaceUrl}archives/${e.channel}/p${e.ts.replace('.', '')}?thread_ts=${e.thread_ts}&cid=${e.channel}`;
        await pool!.query(SINGLE_REPLY_INSERT, [body.team_id, e.channel, e.thread_ts, e.user, e.text, e.ts, permalink]);
      });
    }
    const server = (await app.start(0)) as Server;
    port = (server.address() as { port: number }).port;
    stop = async () => {
      await app.stop();
      await pool?.end();
    };
  }

  process.on('message', (message: { type: string }) => {
    if (message.type === 'usage') {
      // With --expose-gc (bench:soak), the live heap after a full collection tells a leak from lazy collection.
      // The resident set is read first: a forced collection would shrink it below what the load left.
      const gc = (globalThis as { gc?: () => void }).gc;
      const cpu = process.cpuUsage();
      const { rss, heapUsed } = process.memoryUsage();
      let liveHeap: number | undefined;
      if (gc && (message as { gc?: boolean }).gc) {
        gc();
        liveHeap = process.memoryUsage().heapUsed;
      }
      process.send?.({ type: 'usage', cpu, rss, heap: heapUsed, liveHeap });
    } else if (message.type === 'post-due-prompts' && postDue) {
      void postDue().then((totals) => process.send?.({ type: 'posted', totals }));
    } else if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
