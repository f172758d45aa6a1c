import { z } from 'zod';

/**
 * The minimum shape of each kind of request Slack sends, checked before Bolt sees it:
 * Bolt's receivers throw on some malformed bodies (`payload=null`, a view_submission without a view).
 */
const id = z.string().min(1);
const withUser = { user: z.object({ id }).loose() };

const interactive = z.discriminatedUnion('type', [
  z.object({ type: z.literal('block_actions'), ...withUser, actions: z.array(z.object({ action_id: id }).loose()).min(1) }).loose(),
  z.object({ type: z.literal('view_submission'), ...withUser, view: z.object({ id, callback_id: z.string() }).loose() }).loose(),
  z.object({ type: z.literal('view_closed'), ...withUser, view: z.object({ id, callback_id: z.string() }).loose() }).loose(),
  z.object({ type: z.literal('shortcut'), ...withUser, callback_id: id, trigger_id: id }).loose(),
  z.object({ type: z.literal('message_action'), ...withUser, callback_id: id, trigger_id: id, message: z.object({}).loose() }).loose(),
  z.object({ type: z.literal('block_suggestion'), ...withUser, action_id: id }).loose(),
]);

const command = z
  .object({ command: z.string().regex(/^\/\S+$/), team_id: id, user_id: id, channel_id: id, text: z.string().optional() })
  .loose();

const eventCallback = z
  .object({ type: z.literal('event_callback'), team_id: id, event_id: id, event: z.object({ type: id }).loose() })
  .loose();

export type ParsedRequest =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'ssl_check' }
  | { kind: 'dispatch'; body: Record<string, unknown> }
  | { kind: 'invalid'; reason: string };

const KNOWN_INTERACTIVE = new Set(['block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion']);

/** Parses a verified request body (JSON events, form-encoded commands and `payload=` interactions). */
export function parseSlackRequest(rawBody: string, contentType: string | undefined): ParsedRequest {
  if ((contentType ?? '').includes('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { kind: 'invalid', reason: 'body is not valid JSON' };
    }
    if (!isObject(json)) return { kind: 'invalid', reason: 'body is not a JSON object' };
    if (json.type === 'url_verification') {
      return typeof json.challenge === 'string' ? { kind: 'url_verification', challenge: json.challenge } : { kind: 'invalid', reason: 'url_verification without challenge' };
    }
    if (json.type === 'event_callback') {
      const checked = eventCallback.safeParse(json);
      return checked.success ? { kind: 'dispatch', body: json } : { kind: 'invalid', reason: 'malformed event_callback' };
    }
    // app_rate_limited and future envelope types: acknowledged by Bolt's fallback.
    return typeof json.type === 'string' ? { kind: 'dispatch', body: json } : { kind: 'invalid', reason: 'JSON body without a type' };
  }

  const form = new URLSearchParams(rawBody);
  if (form.get('ssl_check') === '1') return { kind: 'ssl_check' };
  const payload = form.get('payload');
  if (payload !== null) {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      return { kind: 'invalid', reason: 'payload is not valid JSON' };
    }
    if (!isObject(json)) return { kind: 'invalid', reason: 'payload is not a JSON object' };
    if (typeof json.type === 'string' && KNOWN_INTERACTIVE.has(json.type)) {
      const checked = interactive.safeParse(json);
      if (!checked.success) return { kind: 'invalid', reason: `malformed ${json.type} payload` };
    } else if (typeof json.type !== 'string') {
      return { kind: 'invalid', reason: 'payload without a type' };
    }
    return { kind: 'dispatch', body: json };
  }
  const fields = Object.fromEntries(form.entries());
  const checked = command.safeParse(fields);
  return checked.success ? { kind: 'dispatch', body: fields } : { kind: 'invalid', reason: 'not a slash command, event or interaction' };
}

/**
 * Removes U+0000 from every string in a parsed payload, however deep, in place: PostgreSQL text cannot
 * hold it, and Slack passes it through from what people paste. The rest of the text is kept. Iterative,
 * so no nesting depth can overflow the stack. Returns the same object.
 */
export function stripNul<T extends Record<string, unknown>>(body: T): T {
  const pending: (Record<string, unknown> | unknown[])[] = [body];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string') {
        if (value.includes('\u0000')) record[key] = value.replaceAll('\u0000', '');
      } else if (typeof value === 'object' && value !== null) {
        pending.push(value as Record<string, unknown>);
      }
    }
  }
  return body;
}

/** The workspace a command or interaction comes from (Enterprise Grid leaves `team` out of some payloads). */
export function teamOfRequest(body: Record<string, unknown>): string {
  const field = (value: unknown, key: string): string | undefined => {
    const inner = isObject(value) ? value[key] : undefined;
    return typeof inner === 'string' && inner ? inner : undefined;
  };
  if (typeof body.team_id === 'string' && body.team_id) return body.team_id;
  return field(body.team, 'id') ?? field(body.user, 'team_id') ?? field(body.enterprise, 'id') ?? '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
