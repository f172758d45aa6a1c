import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../logger';
import { isDatabaseUnavailable } from '../db/unavailable';
import { stripNul } from './payload';
import type { ReplayOutcome, Spool, SpoolEntry } from './spool';

/** What a receiver sends back to Slack for one request: an HTTP body, or a Socket Mode ack payload. */
export type AckSender = (response: { ok: true; body?: unknown } | { ok: false }) => void;

export interface DispatchOptions {
  retryNum?: number;
  retryReason?: string;
}

// Slack waits 3 s; an interactive request nobody acked by then is answered empty so Slack shows no error.
const ACK_DEADLINE_MS = 2_500;

// Events whose content must be in the database before Slack hears "ok": a thread reply, an uninstall, a
// reaction taken off. Their listeners only write to the database, so they answer quickly. The others (a
// Home opened, a reaction added) call Slack, which can be slow, so they are answered first; a lost
// reaction count is the only thing a failure there can cost.
export const EVENTS_STORED_BEFORE_ANSWER: ReadonlySet<string> = new Set(['message', 'app_uninstalled', 'tokens_revoked', 'reaction_removed']);

/** Stores one event without Bolt (the thread-reply fast path); throws when it could not be stored. */
export type StoredEventHandler = (body: EventEnvelope) => Promise<void>;

export interface EventEnvelope extends Record<string, unknown> {
  type: 'event_callback';
  team_id: string;
  event_id: string;
  event: { type: string } & Record<string, unknown>;
}

export interface DispatcherOptions {
  logger: Logger;
  /** Where data is kept while PostgreSQL cannot be reached; without one, such events are answered "not ok". */
  spool?: Spool;
  /** Event types stored by their own handler, before and without Bolt's middleware. */
  storedEvents?: ReadonlyMap<string, StoredEventHandler>;
  /** Slash commands whose text is kept in the spool during an outage (`/learned`), with what to answer then. */
  keptCommands?: ReadonlyMap<string, string>;
  /** Looks up and records that a kept command was replayed, so a second replay does not store it twice. */
  replayReceipts?: { seen(teamId: string, id: string): Promise<boolean>; record(teamId: string, id: string): Promise<void> };
  /**
   * Runs a stored-event handler in its workspace's scope (distribution mode: the installation serving the
   * event's workspace; an event no installation serves is answered and not stored). Bolt's authorize does
   * this for everything else.
   */
  inWorkspace?: (body: EventEnvelope, work: () => Promise<void>) => Promise<void>;
  /** How long an event that carries data may take to store before it is spooled instead (Slack waits 3 s). */
  storeBudgetMs?: number;
}

const STORE_BUDGET_MS = 2_000;

/**
 * Hands each Slack request to Learnloop with its ack rules:
 * - events that carry data (thread replies) are answered only after they are stored; a failure answers
 *   "not ok" and Slack delivers the event again. While PostgreSQL cannot be reached they are appended to
 *   the spool (flushed to disk) and answered "ok", then replayed in arrival order when it is back;
 * - other events are answered at once, then handled;
 * - commands, actions, shortcuts and views are answered as soon as a listener acks, then work goes on;
 * - anything no listener acked (an unknown action id, an old shortcut) is logged and answered anyway.
 * Both receivers come through here, so this is where U+0000 leaves every payload (see stripNul).
 */
export class Dispatcher {
  private readonly logger: Logger;
  private readonly storeBudgetMs: number;

  constructor(
    private readonly app: App,
    private readonly options: DispatcherOptions,
  ) {
    this.logger = options.logger;
    this.storeBudgetMs = options.storeBudgetMs ?? STORE_BUDGET_MS;
  }

  /** True while data goes to the spool: PostgreSQL was unreachable and the spool is not replayed yet. */
  get spooling(): boolean {
    return this.options.spool?.active ?? false;
  }

  async dispatch(received: Record<string, unknown>, send: AckSender, options: DispatchOptions = {}): Promise<void> {
    const body = stripNul(received);
    if (body.type === 'event_callback') {
      const envelope = body as EventEnvelope;
      if (EVENTS_STORED_BEFORE_ANSWER.has(String(envelope.event?.type))) return this.storeEvent(envelope, once(send), options);
      send({ ok: true });
      return this.handleEvent(envelope, options).catch((error) => this.logger.error({ err: error, kind: describe(body) }, 'event processing failed after it was acknowledged'));
    }
    const keptAnswer = typeof body.command === 'string' ? this.options.keptCommands?.get(body.command) : undefined;
    if (keptAnswer !== undefined && this.spooling) return this.keep(body, 'command', once(send), keptAnswer);
    return this.interact(body, once(send), keptAnswer);
  }

  /**
   * Replays the spool once the database answers `probe`; resolves when it is empty or the database went
   * away again. Called on a timer while the spool is active, and at start for what a previous run left.
   */
  async replaySpool(probe: () => Promise<unknown>): Promise<void> {
    const spool = this.options.spool;
    if (!spool?.active) return;
    try {
      await probe();
    } catch {
      return;
    }
    const started = Date.now();
    const { replayed, remaining } = await spool.replay((entry) => this.replayEntry(entry));
    if (remaining === 0) this.logger.warn({ replayed, ms: Date.now() - started }, 'PostgreSQL is back: the spool is replayed and spooling has ended');
    else this.logger.warn({ replayed, remaining }, 'PostgreSQL went away again during the spool replay; the rest waits');
  }

  private async storeEvent(body: EventEnvelope, answer: AckSender, options: DispatchOptions): Promise<void> {
    const spool = this.options.spool;
    if (spool?.active) return this.keep(body, 'event', answer);
    const stored = this.handleEvent(body, options);
    try {
      await (spool ? withinBudget(stored, this.storeBudgetMs) : stored);
      answer({ ok: true });
    } catch (error) {
      if (spool && (error instanceof OverBudget || isDatabaseUnavailable(error))) {
        // A store that finishes late is harmless: the spooled copy is stored under the same keys.
        stored.catch(() => undefined);
        this.logger.warn({ err: error instanceof OverBudget ? undefined : error, kind: describe(body) }, 'PostgreSQL cannot store events right now: spooling them to disk until it is back');
        return this.keep(body, 'event', answer);
      }
      this.logger.error({ err: error, kind: describe(body) }, 'event processing failed; Slack will retry it');
      answer({ ok: false });
    }
  }

  /** Appends to the spool, then answers; a spool that cannot be written answers "not ok", so Slack retries. */
  private async keep(body: Record<string, unknown>, kind: SpoolEntry['kind'], answer: AckSender, reply?: string): Promise<void> {
    try {
      await this.options.spool!.append(kind, body);
      answer({ ok: true, body: reply === undefined ? undefined : ephemeralText(reply) });
    } catch (error) {
      this.logger.error({ err: error, kind: describe(body) }, 'could not write to the spool either; answering "not ok" so Slack retries');
      answer({ ok: false });
    }
  }

  /** Events go to their stored-event handler when they have one, otherwise through Bolt. */
  private async handleEvent(body: EventEnvelope, options: DispatchOptions): Promise<void> {
    const handler = this.options.storedEvents?.get(body.event.type);
    if (handler) return this.options.inWorkspace ? this.options.inWorkspace(body, () => handler(body)) : handler(body);
    await this.app.processEvent({ body, retryNum: options.retryNum, retryReason: options.retryReason, customProperties: {}, ack: async () => undefined });
  }

  /** Commands, actions, shortcuts and views: answered at their listener's ack, then the work goes on. */
  private async interact(body: Record<string, unknown>, answer: AckSender, keptAnswer: string | undefined): Promise<void> {
    let acked = false;
    let ackedBody: unknown;
    const event: ReceiverEvent = {
      body,
      customProperties: {},
      ack: async (response?: unknown) => {
        if (acked) return; // Bolt's own ack guard would throw; a second ack is harmless here
        acked = true;
        ackedBody = response;
        answer({ ok: true, body: response });
      },
    };
    const timer = setTimeout(() => {
      if (!acked) {
        this.logger.warn({ kind: describe(body) }, 'no listener acknowledged within 2.5 s; answered empty');
        answer({ ok: true });
      }
    }, ACK_DEADLINE_MS);
    try {
      await this.app.processEvent(event);
      if (!acked) this.logger.warn({ kind: describe(body) }, 'no listener handles this request; acknowledged and ignored');
      answer({ ok: true, body: ackedBody });
    } catch (error) {
      if (keptAnswer !== undefined && this.options.spool && isDatabaseUnavailable(error)) {
        // `/learned` during an outage nobody had noticed yet: its text is kept all the same.
        this.logger.warn({ err: error, kind: describe(body) }, 'PostgreSQL cannot be reached: keeping the command in the spool');
        return this.keepLate(body, answer, keptAnswer, acked);
      }
      if (!acked) {
        // Listeners answer users themselves; reaching here means the handler threw before acking.
        this.logger.error({ err: error, kind: describe(body) }, 'request failed before it was acknowledged');
        answer({ ok: true });
      } else {
        this.logger.error({ err: error, kind: describe(body) }, 'request failed after it was acknowledged');
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Keeps a command whose listener failed for want of the database. Not answered yet: the answer says it
   * was kept. Already answered (it acked before it stored): the person hears it through the response_url.
   */
  private async keepLate(body: Record<string, unknown>, answer: AckSender, reply: string, alreadyAnswered: boolean): Promise<void> {
    let kept = false;
    await this.keep(body, 'command', (response) => {
      kept = response.ok;
      answer(response);
    }, reply);
    if (!kept || !alreadyAnswered || typeof body.response_url !== 'string') return;
    await postToResponseUrl(body.response_url, ephemeralText(reply)).catch((error) => this.logger.warn({ err: error }, 'could not tell the person their command was kept'));
  }

  private async replayEntry(entry: SpoolEntry): Promise<ReplayOutcome> {
    try {
      if (entry.kind === 'event') await this.handleEvent(entry.body as EventEnvelope, {});
      else await this.replayCommand(entry);
      return 'done';
    } catch (error) {
      if (isDatabaseUnavailable(error)) return 'retry-later';
      this.logger.error({ err: error, kind: describe(entry.body), spoolId: entry.id }, 'a spooled request failed on replay; set aside in failed.jsonl');
      await this.options.spool!.setAside(entry, error instanceof Error ? error.message : String(error));
      return 'done';
    }
  }

  /**
   * A kept command runs as if it had just arrived; what its listener would have answered goes to its
   * response_url. The receipt is recorded after the work, so a crash in between stores it twice rather
   * than never: for a person's own words, a duplicate they can delete beats a loss.
   */
  private async replayCommand(entry: SpoolEntry): Promise<void> {
    const teamId = String(entry.body.team_id ?? '');
    const receipts = this.options.replayReceipts;
    if (receipts && (await receipts.seen(teamId, entry.id))) return;
    let failure: unknown;
    let answerBody: unknown;
    await this.app.processEvent({
      body: entry.body,
      customProperties: {},
      ack: async (response?: unknown) => {
        answerBody = response;
      },
    }).catch((error) => (failure = error));
    if (failure !== undefined) throw failure;
    await receipts?.record(teamId, entry.id);
    const url = entry.body.response_url;
    if (answerBody !== undefined && typeof url === 'string') {
      await postToResponseUrl(url, typeof answerBody === 'string' ? ephemeralText(answerBody) : answerBody).catch((error) =>
        this.logger.warn({ err: error, spoolId: entry.id }, 'a kept command was stored, but its confirmation could not reach Slack'),
      );
    }
  }
}

class OverBudget extends Error {
  override name = 'OverBudget';
  constructor(ms: number) {
    super(`not stored within ${ms} ms`);
  }
}

function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new OverBudget(ms)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function once(send: AckSender): AckSender {
  let answered = false;
  return (response) => {
    if (answered) return;
    answered = true;
    send(response);
  };
}

function ephemeralText(text: string): { response_type: 'ephemeral'; text: string } {
  return { response_type: 'ephemeral', text };
}

async function postToResponseUrl(url: string, message: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

/** A short label for logs: never the payload itself. */
export function describe(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return `command ${body.command}`;
  if (body.type === 'event_callback') {
    const inner = body.event as { type?: unknown; subtype?: unknown } | undefined;
    return `event ${String(inner?.type)}${inner?.subtype ? `/${String(inner.subtype)}` : ''}`;
  }
  if (body.type === 'block_actions') {
    const actions = body.actions as { action_id?: unknown }[] | undefined;
    return `action ${String(actions?.[0]?.action_id)}`;
  }
  if (body.type === 'view_submission' || body.type === 'view_closed') {
    return `${body.type} ${String((body.view as { callback_id?: unknown } | undefined)?.callback_id)}`;
  }
  if (body.type === 'shortcut' || body.type === 'message_action') return `${body.type} ${String(body.callback_id)}`;
  return String(body.type ?? 'unknown');
}
