import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { describeSlackFailure } from './slack-error';

/** What a post carries so that it can be found again: its kind and the id of the row it belongs to. */
export interface PostMark {
  /** e.g. `learnloop_prompt`, `learnloop_digest`. */
  eventType: string;
  /** The row's id under a name of its own, e.g. `{ prompt_id: 12 }`. */
  payload: Record<string, string | number>;
}

export type PostOnceResult =
  | { kind: 'posted'; ts: string; channel: string; /** Found in the channel after an unclear answer, not posted now. */ found: boolean }
  /** Slack may or may not have the message and could not be asked: post nothing more, try again later. */
  | { kind: 'unknown'; reason: string };

const ATTEMPTS = 3;
// A message stored just before an unclear answer is in the channel's history since then; a minute of
// margin covers clocks and Slack's own delay.
const LOOK_BACK_SECONDS = 60;
const MAX_RATE_LIMIT_WAIT_MS = 30_000;

/**
 * Posts a message that must appear once. `client` must not retry posts by itself (see `poster` in Deps):
 * a 5xx or a timeout after Slack may already have stored the message is not a failure to repeat blindly.
 * After such an unclear answer this looks for the message in the channel by its metadata, and posts again
 * only when it is not there; when the history cannot be read either, it posts nothing and says the
 * outcome is unknown, so the caller leaves its claim for a later, equally careful attempt. A 429 is clear
 * (nothing was stored): it waits as Slack asks and tries again. Any other Slack error is thrown as is.
 */
export async function postOnce(
  client: WebClient,
  message: ChatPostMessageArguments,
  mark: PostMark,
  logger: Logger,
  options: { /** Look for the message before the first post too, since this time (s): a retry of an unclear post. */ lookFirstSince?: number } = {},
): Promise<PostOnceResult> {
  const withMark = { ...message, metadata: { event_type: mark.eventType, event_payload: mark.payload } } as ChatPostMessageArguments;
  if (options.lookFirstSince !== undefined) {
    try {
      const found = await findMarked(client, String(message.channel), message.thread_ts, mark, options.lookFirstSince);
      if (found) return { kind: 'posted', ...found, found: true };
    } catch (lookError) {
      return { kind: 'unknown', reason: `the channel could not be read before posting again (${describeSlackFailure(lookError)})` };
    }
  }
  let unclear = '';
  let rateLimited: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const since = Math.floor(Date.now() / 1000) - LOOK_BACK_SECONDS;
    try {
      const posted = await client.chat.postMessage(withMark);
      return { kind: 'posted', ts: posted.ts ?? '', channel: posted.channel ?? String(message.channel), found: false };
    } catch (error) {
      const wait = rateLimitWait(error);
      if (wait !== undefined) {
        rateLimited = error;
        if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_RATE_LIMIT_WAIT_MS)));
        continue;
      }
      if (!isUnclear(error)) throw error;
      unclear = describeSlackFailure(error);
      logger.warn({ eventType: mark.eventType, ...mark.payload, attempt, reason: unclear }, 'unclear answer to a post; looking for it before posting again');
      let found: { ts: string; channel: string } | undefined;
      try {
        found = await findMarked(client, String(message.channel), message.thread_ts, mark, since);
      } catch (lookError) {
        return { kind: 'unknown', reason: `${unclear}, and the channel could not be read (${describeSlackFailure(lookError)})` };
      }
      if (found) return { kind: 'posted', ...found, found: true };
    }
  }
  // Only 429s: Slack stored nothing, which is a clear failure for the caller to retry later.
  if (!unclear) throw rateLimited;
  return { kind: 'unknown', reason: `${unclear} on every attempt` };
}

/** 5xx, timeouts and dropped connections: the request may have reached Slack and been stored. */
function isUnclear(error: unknown): boolean {
  const e = error as { code?: string; statusCode?: number };
  if (e?.code === 'slack_webapi_request_error') return true;
  return e?.code === 'slack_webapi_http_error' && (e.statusCode ?? 0) >= 500;
}

function rateLimitWait(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number };
  if (e?.code === 'slack_webapi_rate_limited_error') return (e.retryAfter ?? 1) * 1000;
  return undefined;
}

/**
 * The message carrying this mark since `since`, if any: in the channel (a DM: the person's DM channel), or
 * among a thread's replies when the post went into a thread.
 */
export async function findMarked(client: WebClient, channel: string, threadTs: string | undefined, mark: PostMark, since: number): Promise<{ ts: string; channel: string } | undefined> {
  const conversation = /^[UW]/.test(channel) ? (await client.conversations.open({ users: channel })).channel?.id : channel;
  if (!conversation) throw new Error('no DM channel for the person');
  const [key, value] = Object.entries(mark.payload)[0] ?? [];
  let cursor: string | undefined;
  do {
    const page = threadTs
      ? await client.conversations.replies({ channel: conversation, ts: threadTs, oldest: String(since), include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) })
      : await client.conversations.history({ channel: conversation, oldest: String(since), include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
    for (const found of page.messages ?? []) {
      const metadata = (found as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
      if (found.ts && metadata?.event_type === mark.eventType && key !== undefined && metadata.event_payload?.[key] === value) return { ts: found.ts, channel: conversation };
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
