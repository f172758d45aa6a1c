import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** The OAuth client credentials the fake's oauth.v2.access accepts. */
export const FAKE_CLIENT_ID = '1111111111.2222222222';
export const FAKE_CLIENT_SECRET = 'fake-client-secret-value';

export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  token: string | undefined;
  /** The JSON body the fake answered with (e.g. the `ts` it made for chat.postMessage); unset until answered, and for failures. */
  result?: Record<string, any>;
}

/**
 * How a call fails. `stored: true` on a 500 or a dropped connection: Slack kept the message first (the
 * unclear answers after which Learnloop must look before it posts again). `delayMs`: Slack keeps the
 * message at once but answers only after that long, past a client's timeout.
 */
export type Failure =
  | { status: 500; stored?: boolean }
  | { status: 429; retryAfter: number }
  | { error: string }
  | { network: true; stored?: boolean }
  | { delayMs: number };

/** A message as the fake keeps it, for conversations.history and conversations.replies. */
export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeUser {
  id: string;
  name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  team_id?: string;
  real_name?: string;
  profile?: { status_emoji?: string; status_text?: string; status_expiration?: number; display_name?: string; real_name?: string };
}

export interface UploadedFile {
  fileId: string;
  /** As given to files.getUploadURLExternal. */
  filename: string | undefined;
  bytes: Buffer;
}

type Handler = (params: Record<string, any>) => Record<string, any>;

/** A workspace (or an org, for an org-wide install) that a test installs Learnloop into through OAuth. */
export interface FakeInstall {
  teamId: string;
  teamName?: string;
  /** The org, for a workspace of an Enterprise Grid org or an org-wide install. */
  enterpriseId?: string;
  /** An org-wide install: teamId is then ignored in Slack's answer (team: null). */
  orgWide?: boolean;
  botUserId: string;
  installerId: string;
  /** Token rotation on: the bot token expires after this many seconds and comes with a refresh token. */
  expiresIn?: number;
}

interface IssuedToken {
  install: FakeInstall;
  token: string;
}

/**
 * A local stand-in for Slack's Web API (reached through SLACK_API_URL): answers the methods Learnloop
 * calls with Slack-shaped responses, records every call, and can be told to fail. It also stands in for
 * response_url posts and for the Socket Mode WebSocket.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: { path: string; body: Record<string, any> }[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly channelMembers = new Map<string, string[]>();
  /** Channels that conversations.info calls private (is_private) and users.conversations lists as private_channel. */
  readonly privateChannels = new Set<string>();
  /** The DM id conversations.open answers for a person, when a test names one (otherwise `D` + the id without its `U`). */
  readonly dmChannels = new Map<string, string>();
  /** Every file uploaded through files.getUploadURLExternal's URL, with its bytes (CSV exports, PNG charts, …). */
  readonly uploads: UploadedFile[] = [];
  /** Every message chat.postMessage kept (a DM under the person's DM channel), oldest first. */
  readonly messages: PostedMessage[] = [];
  private readonly uploadNames = new Map<string, string>();
  teamId = 'T0TEAM1';
  botUserId = 'U0BOT';
  /** OAuth codes a test made with grant(), consumed by oauth.v2.access. */
  private readonly codes = new Map<string, FakeInstall>();
  /** Every bot token issued through OAuth, and whom it belongs to. */
  readonly tokens = new Map<string, FakeInstall>();
  private readonly refreshTokens = new Map<string, FakeInstall>();
  private tokenCounter = 0;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly overrides = new Map<string, Handler>();
  private tsCounter = 1_700_000_000;
  port = 0;
  /** Milliseconds every Web API call waits before it is answered (models network time; benchmarks). */
  latencyMs = 0;
  /** The most calls of one method that were in flight at once for one channel, keyed `method channel`. */
  readonly maxInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id = 'cmd'): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Answers `method` with this handler instead of the default. */
  on(method: string, handler: Handler): void {
    this.overrides.set(method, handler);
  }

  /** An authorization code Slack would send back to the redirect URL after the person approves the install. */
  grant(install: FakeInstall, code = `code-${install.teamId}-${++this.tokenCounter}`): string {
    this.codes.set(code, install);
    return code;
  }

  /** The install a bot token belongs to (undefined for the single-workspace token). */
  installOf(token: string | undefined): FakeInstall | undefined {
    return token === undefined ? undefined : this.tokens.get(token);
  }

  private issue(install: FakeInstall): IssuedToken & { refreshToken?: string } {
    const n = ++this.tokenCounter;
    const token = `${install.expiresIn ? 'xoxe.' : ''}xoxb-${install.orgWide ? install.enterpriseId : install.teamId}-${n}-SECRETBOT${n}`;
    this.tokens.set(token, install);
    if (!install.expiresIn) return { install, token };
    const refreshToken = `xoxe-1-REFRESH${n}-SECRETREFRESH`;
    this.refreshTokens.set(refreshToken, install);
    return { install, token, refreshToken };
  }

  private oauthAccess(params: Record<string, any>): Record<string, any> {
    if (params.client_id !== FAKE_CLIENT_ID || params.client_secret !== FAKE_CLIENT_SECRET) return { ok: false, error: 'invalid_client_id' };
    let install: FakeInstall | undefined;
    if (params.grant_type === 'refresh_token') {
      install = this.refreshTokens.get(params.refresh_token);
      if (!install) return { ok: false, error: 'invalid_refresh_token' };
      // Slack's refresh tokens are single use.
      this.refreshTokens.delete(params.refresh_token);
    } else {
      install = this.codes.get(params.code);
      if (!install) return { ok: false, error: 'invalid_code' };
      this.codes.delete(params.code);
    }
    const issued = this.issue(install);
    return {
      ok: true,
      access_token: issued.token,
      token_type: 'bot',
      scope: 'commands,chat:write,channels:history,groups:history,channels:read,groups:read,im:write,im:history,users:read,reactions:read,files:write',
      bot_user_id: install.botUserId,
      app_id: 'A0APP',
      team: install.orgWide ? null : { id: install.teamId, name: install.teamName ?? install.teamId },
      enterprise: install.enterpriseId ? { id: install.enterpriseId, name: 'Org' } : null,
      is_enterprise_install: install.orgWide === true,
      authed_user: { id: install.installerId },
      ...(issued.refreshToken ? { refresh_token: issued.refreshToken, expires_in: install.expiresIn } : {}),
    };
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, { tz: 'Europe/Berlin', name: user.id.toLowerCase(), team_id: this.teamId, ...user });
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
    this.overrides.clear();
    this.maxInFlight.clear();
    this.uploads.length = 0;
    this.messages.length = 0;
  }

  /** Waits until `predicate` holds for the recorded calls (Slack work that happens after an ack). */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`FakeSlack.waitFor timed out; calls so far: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends a Socket Mode envelope and resolves with the app's ack payload. */
  sendEnvelope(envelope: Record<string, any>, timeoutMs = 5_000): Promise<Record<string, any>> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error('no Socket Mode connection');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ack for envelope')), timeoutMs);
      const onMessage = (data: Buffer): void => {
        const message = JSON.parse(data.toString());
        if (message.envelope_id === envelope.envelope_id) {
          clearTimeout(timer);
          socket.off('message', onMessage);
          resolve(message);
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify(envelope));
    });
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /** Closes every Socket Mode connection from Slack's side, as when Slack recycles a server. */
  dropSockets(): void {
    for (const socket of this.sockets) socket.close(1001, 'going away');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/upload/')) {
      const fileId = path.slice('/upload/'.length);
      this.uploads.push({ fileId, filename: this.uploadNames.get(fileId), bytes: uploadedBytes(bytes, req.headers['content-type']) });
      this.calls.push({ method: 'upload', params: { path, bytes: raw.length }, token: undefined });
      return json(res, 200, { ok: true });
    }
    const params = parseBody(raw, req.headers['content-type']);
    if (path.startsWith('/response/')) {
      this.responses.push({ path, body: params });
      return json(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || params.token;
    const call: RecordedCall = { method, params, token };
    this.calls.push(call);
    const failure = this.failures.get(method)?.shift();
    if (failure && 'stored' in failure && failure.stored) this.answer(method, params, token);
    if (failure && 'delayMs' in failure) {
      const kept = this.answer(method, params, token);
      await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      return void (res.destroyed ? undefined : json(res, 200, kept));
    }
    if (failure) {
      if ('network' in failure) return void req.socket.destroy();
      if ('error' in failure) return json(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      return json(res, 500, { ok: false, error: 'internal_error' });
    }
    if (this.latencyMs > 0) await this.delayed(`${method} ${String(params.channel ?? '')}`);
    const override = this.overrides.get(method);
    const result = override ? override(params) : this.answer(method, params, token);
    // As it went over the wire (no undefined fields).
    call.result = JSON.parse(JSON.stringify(result));
    json(res, 200, result);
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

  private dmChannelOf(userId: string): string {
    return this.dmChannels.get(userId) ?? `D${userId.replace(/^U/, '')}`;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsCounter}.000100`;
  }

  private answer(method: string, params: Record<string, any>, token?: string): Record<string, any> {
    switch (method) {
      case 'auth.test': {
        const install = this.installOf(token);
        if (install) {
          const team = install.orgWide ? install.enterpriseId : install.teamId;
          return { ok: true, url: `https://${String(team).toLowerCase()}.slack.com/`, team: install.teamName ?? team, user: 'learnloop', team_id: team, user_id: install.botUserId, bot_id: `B${install.botUserId}`, ...(install.enterpriseId ? { enterprise_id: install.enterpriseId } : {}) };
        }
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'learnloop', team_id: this.teamId, user_id: this.botUserId, bot_id: 'B0BOT' };
      }
      case 'oauth.v2.access':
        return this.oauthAccess(params);
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const channel = /^[UW]/.test(String(params.channel)) ? this.dmChannelOf(String(params.channel)) : String(params.channel);
        this.messages.push({ channel, ts, thread_ts: params.thread_ts, text: params.text, metadata: params.metadata });
        return { ok: true, channel, ts, message: { ts, text: params.text, thread_ts: params.thread_ts } };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        // `oldest` is ignored: the fake's ts values do not follow the (often simulated) clock of a test.
        const messages = this.messages
          .filter((m) => m.channel === params.channel)
          .filter((m) => (method === 'conversations.replies' ? m.thread_ts === params.ts || m.ts === params.ts : !m.thread_ts))
          .map(({ channel: _channel, metadata, ...m }) => ({ ...m, ...(params.include_all_metadata && metadata ? { metadata } : {}) }));
        return { ok: true, messages: method === 'conversations.history' ? messages.reverse() : messages, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'chat.getPermalink':
        return { ok: true, permalink: `https://acme.slack.com/archives/${params.channel}/p${String(params.message_ts).replace('.', '')}` };
      case 'conversations.open':
        return { ok: true, channel: { id: this.dmChannelOf(String(params.users)) } };
      case 'conversations.info':
        return {
          ok: true,
          channel: { id: params.channel, name: `channel-${String(params.channel).toLowerCase()}`, is_member: true, is_channel: true, is_private: this.privateChannels.has(params.channel) },
        };
      case 'users.conversations': {
        // Like Slack with a bot token: the user's private channels that Learnloop shares with them.
        const types = String(params.types ?? 'public_channel').split(',');
        const channels = [...this.channelMembers.entries()]
          .filter(([id, members]) => members.includes(params.user) && types.includes(this.privateChannels.has(id) ? 'private_channel' : 'public_channel'))
          .map(([id]) => ({ id, is_private: this.privateChannels.has(id) }));
        return { ok: true, channels, response_metadata: { next_cursor: '' } };
      }
      case 'conversations.members':
        return { ok: true, members: this.channelMembers.get(params.channel) ?? [], response_metadata: { next_cursor: '' } };
      case 'users.info': {
        const user = this.users.get(params.user);
        return user ? { ok: true, user: { ...user, tz: user.tz } } : { ok: false, error: 'user_not_found' };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.calls.length}`, ...(typeof params.view === 'string' ? JSON.parse(params.view) : params.view) } };
      case 'files.getUploadURLExternal':
        this.uploadNames.set(`F${this.calls.length}`, String(params.filename ?? ''));
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/F${this.calls.length}`, file_id: `F${this.calls.length}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F1' }] };
      default:
        return { ok: true };
    }
  }
}

/** The file's own bytes: the Web API client posts them as the one part of a multipart form. */
function uploadedBytes(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (!boundary) return body;
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${boundary}`));
  const end = body.indexOf(`\r\n--${boundary}`, start);
  return start < 0 || end < 0 ? body : body.subarray(start + 4, end);
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if ((contentType ?? '').includes('json')) return JSON.parse(raw);
  const params: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client form-encodes objects as JSON strings.
    params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return params;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
