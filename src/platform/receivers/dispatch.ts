import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../logger';
import { stripNul } from './payload';

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
const EVENTS_STORED_BEFORE_ANSWER = new Set(['message', 'app_uninstalled', 'tokens_revoked', 'reaction_removed']);

/**
 * Hands one Slack request to Bolt with Learnloop's ack rules:
 * - events that carry data (thread replies) are answered only after their listeners finished;
 *   a failure answers "not ok" and Slack delivers the event again; other events are answered at once;
 * - commands, actions, shortcuts and views are answered as soon as a listener acks, then work goes on;
 * - anything no listener acked (an unknown action id, an old shortcut) is logged and answered anyway.
 * Both receivers come through here, so this is where U+0000 leaves every payload (see stripNul).
 */
export async function dispatchToBolt(app: App, received: Record<string, unknown>, send: AckSender, logger: Logger, options: DispatchOptions = {}): Promise<void> {
  const body = stripNul(received);
  const isEvent = body.type === 'event_callback';
  const answerAfterListeners = isEvent && EVENTS_STORED_BEFORE_ANSWER.has(String((body.event as { type?: unknown } | undefined)?.type));
  let answered = false;
  const answer = (response: Parameters<AckSender>[0]): void => {
    if (answered) return;
    answered = true;
    send(response);
  };

  let ackedBody: unknown;
  let acked = false;
  const event: ReceiverEvent = {
    body,
    retryNum: options.retryNum,
    retryReason: options.retryReason,
    customProperties: {},
    ack: async (response?: unknown) => {
      if (acked) return; // Bolt's own ack guard would throw; a second ack is harmless here
      acked = true;
      ackedBody = response;
      if (!answerAfterListeners) answer({ ok: true, body: isEvent ? undefined : response });
    },
  };

  const timer = isEvent
    ? undefined
    : setTimeout(() => {
        if (!answered) {
          logger.warn({ kind: describe(body) }, 'no listener acknowledged within 2.5 s; answered empty');
          answer({ ok: true });
        }
      }, ACK_DEADLINE_MS);
  try {
    await app.processEvent(event);
    if (!acked) logger.warn({ kind: describe(body) }, 'no listener handles this request; acknowledged and ignored');
    answer({ ok: true, body: isEvent ? undefined : ackedBody });
  } catch (error) {
    if (answerAfterListeners) {
      logger.error({ err: error, kind: describe(body) }, 'event processing failed; Slack will retry it');
      answer({ ok: false });
    } else if (!answered) {
      // Listeners answer users themselves; reaching here means the handler threw before acking.
      logger.error({ err: error, kind: describe(body) }, 'request failed before it was acknowledged');
      answer({ ok: true });
    } else {
      logger.error({ err: error, kind: describe(body) }, 'request failed after it was acknowledged');
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
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
