import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from '../../logger';
import type { Db } from '../db/connect';
import { requestReceipts } from '../db/request-receipts';
import { describe, Dispatcher, type DispatcherOptions } from './dispatch';
import { parseSlackRequest, teamOfRequest } from './payload';
import { verifySlackSignature } from './signature';

const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpReceiverOptions {
  signingSecret: string;
  port: number;
  logger: Logger;
  /** Where signed commands and interactions are recorded, so a replayed one is ignored by every process. */
  db: Db;
  /** Answers GET /healthz: true when the database responds. */
  checkHealth: () => Promise<boolean>;
  /** The spool, the stored-event fast path and the commands kept during an outage (see Dispatcher). */
  dispatch?: Omit<DispatcherOptions, 'logger'>;
  /** Further GET routes by path (distribution mode's /slack/install and /slack/oauth_redirect). */
  routes?: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
  /** Requests for other paths (the REST API): each answers what it owns and says so. */
  handlers?: readonly ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>)[];
}

/**
 * Learnloop's HTTP receiver for Bolt: POST /slack/events for events, commands and interactions,
 * GET /healthz, and the install routes in distribution mode. Verifies every signature before parsing and rejects malformed bodies with a 4xx,
 * so nothing Slack (or anyone else) sends can crash the process.
 */
export class HttpReceiver implements Receiver {
  private dispatcher: Dispatcher | undefined;
  private readonly receipts: ReturnType<typeof requestReceipts>;
  private server: Server | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(private readonly options: HttpReceiverOptions) {
    this.receipts = requestReceipts(options.db);
  }

  init(app: App): void {
    this.dispatcher = new Dispatcher(app, { ...this.options.dispatch, logger: this.options.logger });
  }

  /** The dispatcher, once Bolt has initialised the receiver (the spool replay runs through it). */
  get requests(): Dispatcher | undefined {
    return this.dispatcher;
  }

  /** Starts listening; resolves with the bound port (useful when PORT=0). */
  async start(): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        this.options.logger.error({ err: error }, 'HTTP request failed');
        if (!res.headersSent) respond(res, 500, { ok: false });
      });
    });
    server.keepAliveTimeout = 5_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  /** Resolves once every request received so far has finished its work, including work after the answer. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops taking requests, then waits (up to timeoutMs) for in-flight ones to finish. */
  async stop(timeoutMs = 8_000): Promise<void> {
    this.accepting = false;
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([Promise.allSettled([...this.inFlight]), delay(timeoutMs)]);
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return this.health(res);
    const route = req.method === 'GET' && path ? this.options.routes?.get(path) : undefined;
    if (route) return route(req, res);
    if (path !== '/slack/events') {
      if (!this.accepting) return respond(res, 503, { ok: false, error: 'shutting_down' });
      for (const handler of this.options.handlers ?? []) {
        const work = handler(req, res);
        const tracked = work.then(() => undefined, () => undefined);
        this.inFlight.add(tracked);
        try {
          if (await work) return;
        } finally {
          this.inFlight.delete(tracked);
        }
      }
      return respond(res, 404, { ok: false, error: 'not_found' });
    }
    if (req.method !== 'POST') return respond(res, 405, { ok: false, error: 'method_not_allowed' });
    if (!this.accepting || !this.dispatcher) return respond(res, 503, { ok: false, error: 'shutting_down' });

    const rawBody = await readBody(req);
    if (rawBody === undefined) return respond(res, 413, { ok: false, error: 'body_too_large' });

    const verified = verifySlackSignature(
      this.options.signingSecret,
      { signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') },
      rawBody,
      Math.floor(Date.now() / 1000),
    );
    if (!verified.ok) {
      this.options.logger.warn({ reason: verified.reason }, 'refused a request with an invalid signature');
      return respond(res, 401, { ok: false, error: 'invalid_signature' });
    }

    const parsed = parseSlackRequest(rawBody, header(req, 'content-type'));
    if (parsed.kind === 'invalid') {
      this.options.logger.warn({ reason: parsed.reason }, 'refused a malformed Slack request');
      return respond(res, 400, { ok: false, error: 'malformed_request' });
    }
    if (parsed.kind === 'url_verification') return respond(res, 200, { challenge: parsed.challenge });
    if (parsed.kind === 'ssl_check') return respond(res, 200, undefined);
    if (await this.isReplay(parsed.body, header(req, 'x-slack-signature') ?? '')) return respond(res, 200, undefined);

    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const work = this.dispatcher.dispatch(
      parsed.body,
      (result) => {
        if (!result.ok) return respond(res, 500, { ok: false });
        respond(res, 200, result.body);
      },
      { retryNum: Number.isInteger(retryNum) ? retryNum : undefined, retryReason: header(req, 'x-slack-retry-reason') },
    );
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /**
   * 200 while this process can keep what Slack sends: the database answers, or it does not and the spool
   * takes the data (a load balancer must keep sending then, or Slack's retries run out); 503 otherwise.
   */
  private async health(res: ServerResponse): Promise<void> {
    const db = await this.options.checkHealth().catch(() => false);
    const spool = this.options.dispatch?.spool;
    const body = { ok: db || (spool?.writable ?? false), db: db ? 'ok' : 'unavailable', ...(spool ? { spool: spool.state() } : {}) };
    respond(res, body.ok ? 200 : 503, body);
  }

  /**
   * A signed command or interaction sent again as is (same body, timestamp and signature) within the
   * signature window would act twice; the first process to record its signature handles it, any later
   * copy is answered empty. Events are left out: they are deduplicated by event_id, and Slack's own
   * retries of an event carry a new signature. (Socket Mode has no signatures; Slack's envelope ids
   * already keep a delivery from being handled twice there.)
   */
  private async isReplay(body: Record<string, unknown>, signature: string): Promise<boolean> {
    // While the database is known to be down, the check would only wait for it.
    if (body.type === 'event_callback' || this.dispatcher?.spooling) return false;
    const teamId = teamOfRequest(body);
    try {
      if (await this.receipts.claim(teamId, signature)) return false;
    } catch (error) {
      // The handler meets the same database and answers its own calm sentence; a replay in that moment is moot.
      this.options.logger.error({ err: error, teamId }, 'could not record a request receipt; handling the request anyway');
      return false;
    }
    this.options.logger.info({ teamId, kind: describe(body) }, 'ignored a replayed request');
    return true;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function respond(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
