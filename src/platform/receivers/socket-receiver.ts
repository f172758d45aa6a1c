import { SocketModeClient } from '@slack/socket-mode';
import type { App, Receiver } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { ErrorCode } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackLogger } from '../../logger';
import { SlackStartupError } from '../slack/verify-token';
import { Dispatcher, type DispatcherOptions } from './dispatch';

/** How long start-up may try to open the Socket Mode connection before it gives up. */
export const SOCKET_START_LIMIT_MS = 30_000;

// Slack's own trouble, worth another try; any other refusal of apps.connections.open is about the token.
const TRANSIENT_SLACK_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

const APP_TOKEN_FIX = 'set SLACK_APP_TOKEN to an app-level token (xapp-…) with the connections:write scope, from Basic Information → App-Level Tokens in your Slack app settings';

type Attempt = { ok: true } | { ok: false; fatal: boolean; problem: string; retryAfterMs?: number };

/** What a failed connection attempt means: a refused token (fatal) or trouble worth retrying. */
function classify(error: unknown): Attempt {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number } | undefined;
  if (e?.code === ErrorCode.PlatformError) {
    const slackError = e.data?.error ?? 'unknown_error';
    return { ok: false, fatal: !TRANSIENT_SLACK_ERRORS.has(slackError), problem: slackError };
  }
  if (e?.code === ErrorCode.RateLimitedError) return { ok: false, fatal: false, problem: 'ratelimited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  if (e?.code === ErrorCode.HTTPError) return { ok: false, fatal: false, problem: `HTTP ${e.statusCode ?? 'error'}` };
  if (e?.code === ErrorCode.RequestError) return { ok: false, fatal: false, problem: 'network error' };
  // The WebSocket closed before Slack said hello (start() rejects without an error then).
  return { ok: false, fatal: false, problem: error instanceof Error ? error.message : 'the connection closed before Slack answered' };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

interface SocketEnvelope {
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
  ack: (response?: Record<string, unknown>) => Promise<void>;
}

/**
 * Socket Mode receiver with the same ack rules as the HTTP one: an event is acknowledged only once
 * its listeners finished (so a reply is stored before Slack forgets it), everything else at once.
 */
export class SocketReceiver implements Receiver {
  private dispatcher: Dispatcher | undefined;
  private readonly dispatchOptions: Omit<DispatcherOptions, 'logger'>;
  private readonly client: SocketModeClient;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger: Logger;
  private readonly slackApiUrl: string | undefined;
  private readonly startLimitMs: number;
  private running = false;
  private stopping = false;
  private reconnecting = false;

  constructor(options: { appToken: string; slackApiUrl: string | undefined; logger: Logger; startLimitMs?: number; dispatch?: Omit<DispatcherOptions, 'logger'> }) {
    this.logger = options.logger;
    this.dispatchOptions = options.dispatch ?? {};
    this.slackApiUrl = options.slackApiUrl;
    this.startLimitMs = options.startLimitMs ?? SOCKET_START_LIMIT_MS;
    // The client's own reconnect loop retries a refused token for ever (missing_scope,
    // not_allowed_token_type) and its Web API client up to 100 times: this receiver retries instead,
    // bounded at start-up and with backoff once running.
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: slackLogger(options.logger),
      logLevel: LogLevel.INFO,
      autoReconnectEnabled: false,
      clientOptions: { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: { retries: 0 }, timeout: 5_000, rejectRateLimitedCalls: true },
    });
    this.client.on('disconnected', () => {
      if (this.running && !this.stopping) this.reconnect();
    });
    this.client.on('slack_event', (envelope: SocketEnvelope) => {
      if (!this.dispatcher || !envelope.body || typeof envelope.body !== 'object') return;
      const work = this.dispatcher.dispatch(
        envelope.body,
        (result) => {
          // Not acking a failed event makes Slack deliver it again.
          if (!result.ok) return;
          const payload = result.body === undefined ? undefined : typeof result.body === 'string' ? { text: result.body } : (result.body as Record<string, unknown>);
          envelope.ack(payload).catch((error) => options.logger.warn({ err: error }, 'socket ack failed'));
        },
        { retryNum: envelope.retry_num, retryReason: envelope.retry_reason },
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  init(app: App): void {
    this.dispatcher = new Dispatcher(app, { ...this.dispatchOptions, logger: this.logger });
  }

  /** The dispatcher, once Bolt has initialised the receiver (the spool replay runs through it). */
  get requests(): Dispatcher | undefined {
    return this.dispatcher;
  }

  /**
   * Opens the connection, or throws a SlackStartupError: at once when Slack refuses the app token,
   * after `startLimitMs` when Slack cannot be reached.
   */
  async start(): Promise<void> {
    const deadline = Date.now() + this.startLimitMs;
    for (let attempt = 1; ; attempt++) {
      const result = await this.connectOnce(deadline);
      // Stopped meanwhile (a signal during start-up): leave nothing open that nobody would close.
      if (this.stopping) {
        if (result.ok) await this.client.disconnect();
        throw new SlackStartupError('Socket Mode start-up was stopped before it finished.');
      }
      if (result.ok) {
        this.running = true;
        return;
      }
      if (result.fatal) throw new SlackStartupError(`Slack refused SLACK_APP_TOKEN (${result.problem}): ${APP_TOKEN_FIX}.`);
      const wait = Math.max(result.retryAfterMs ?? 0, Math.min(1_000 * 2 ** (attempt - 1), 8_000));
      if (Date.now() + wait >= deadline) {
        throw new SlackStartupError(
          `Could not open a Socket Mode connection to Slack within ${Math.round(this.startLimitMs / 1000)} s (${result.problem}): check the network${this.slackApiUrl ? ' and SLACK_API_URL' : ''}, and ${APP_TOKEN_FIX}.`,
        );
      }
      this.logger.warn({ attempt, problem: result.problem, retryInMs: wait }, 'Socket Mode connection failed; retrying');
      await sleep(wait);
      if (this.stopping) throw new SlackStartupError('Socket Mode start-up was stopped before it finished.');
    }
  }

  private async connectOnce(deadline: number): Promise<Attempt> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()))));
    try {
      const outcome = await Promise.race([this.client.start().then(() => 'connected' as const), timedOut]);
      if (outcome === 'connected') return { ok: true };
      await this.client.disconnect();
      return { ok: false, fatal: false, problem: 'no answer' };
    } catch (error) {
      return classify(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** After a dropped connection: tries again with backoff until it is back or the receiver stops. */
  private reconnect(): void {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.logger.warn('Socket Mode connection closed; reconnecting');
    void (async () => {
      for (let attempt = 1; !this.stopping; attempt++) {
        await sleep(Math.min(500 * 2 ** (attempt - 1), 30_000));
        if (this.stopping) break;
        try {
          await this.client.start();
          this.logger.info({ attempt }, 'Socket Mode reconnected');
          break;
        } catch (error) {
          const result = classify(error);
          const problem = result.ok ? 'unknown' : result.problem;
          // A token refused now (revoked, scope removed) is logged as an error each time: only a person can fix it.
          if (!result.ok && result.fatal) this.logger.error({ attempt, problem }, `Slack refused SLACK_APP_TOKEN while reconnecting: ${APP_TOKEN_FIX}`);
          else this.logger.warn({ attempt, problem }, 'Socket Mode reconnect failed; retrying');
        }
      }
      // Set in the same turn as the outcome, so a drop right after a reconnect starts a new round.
      this.reconnecting = false;
    })();
  }

  /** Resolves once every request received so far has finished its work, including work after the ack. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(timeoutMs = 8_000): Promise<void> {
    this.stopping = true;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    await this.client.disconnect();
  }
}
