import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

// The benchmarks' own stand-ins for Slack. bench/ never imports test/ (the Docker image builds the
// app and the benchmarks without it), so this is a small Web API fake of its own: only the methods the
// benchmarked paths call, a modelled network latency, and the calls it received.

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';

export interface BenchCall {
  method: string;
  params: Record<string, any>;
  /** When it arrived: performance.timeOrigin + performance.now(), in ms, comparable across processes' clocks on one machine. */
  at: number;
}

/** A local Slack Web API (reached through SLACK_API_URL) that answers after `latencyMs` and records each call. */
export class BenchSlack {
  readonly calls: BenchCall[] = [];
  /** Milliseconds every call waits before it is answered (models network time). */
  latencyMs = 0;
  /** The most calls of one method that were in flight at once for one channel, keyed `method channel`. */
  readonly maxInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private server: Server | undefined;
  private tsCounter = 1_700_000_000;
  private port = 0;
  readonly teamId = 'T0TEAM1';
  readonly botUserId = 'U0BOT';

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  callsTo(method: string): BenchCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.maxInFlight.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
    const method = (req.url ?? '').split('?')[0]!.replace(/^\/api\//, '');
    this.calls.push({ method, params, at: performance.timeOrigin + performance.now() });
    if (this.latencyMs > 0) await this.delayed(`${method} ${String(params.channel ?? '')}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(method, params)));
  }

  private async delayed(key: string): Promise<void> {
    const now = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, now);
    this.maxInFlight.set(key, Math.max(now, this.maxInFlight.get(key) ?? 0));
    try {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    } finally {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    }
  }

  private answer(method: string, params: Record<string, any>): Record<string, any> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'learnloop', team_id: this.teamId, user_id: this.botUserId, bot_id: 'B0BOT' };
      case 'chat.postMessage': {
        this.tsCounter += 1;
        const ts = `${this.tsCounter}.000100`;
        return { ok: true, channel: params.channel, ts, message: { ts, text: params.text, thread_ts: params.thread_ts } };
      }
      case 'chat.getPermalink':
        return { ok: true, permalink: `https://acme.slack.com/archives/${params.channel}/p${String(params.message_ts).replace('.', '')}` };
      case 'conversations.info':
        return { ok: true, channel: { id: params.channel, name: `channel-${String(params.channel).toLowerCase()}`, is_member: true, is_channel: true, is_private: false } };
      case 'users.info':
        return { ok: true, user: { id: params.user, name: String(params.user).toLowerCase(), tz: 'Europe/Berlin', team_id: this.teamId } };
      default:
        return { ok: true };
    }
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if ((contentType ?? '').includes('json')) return JSON.parse(raw);
  const params: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client form-encodes objects (blocks, metadata) as JSON strings.
    try {
      params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      params[key] = value;
    }
  }
  return params;
}

/** Slack's request signature headers (v0 HMAC-SHA256 over "v0:timestamp:body"). */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

