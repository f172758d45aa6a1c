import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import type { Message } from '../ui/message';

export interface PrivateTarget {
  userId: string;
  /** The response_url of the command, shortcut or button that opened the form; it lasts 30 minutes. */
  responseUrl?: string | null;
  /** Where an ephemeral message can go when there is no working response_url. */
  channelId?: string | null;
  /** Through the response_url: replace the message that opened the form instead of adding one. */
  replaceOriginal?: boolean;
}

/**
 * Shows a message only to `target.userId`, for answers after a form (a modal has no reply channel of
 * its own): through the response_url, else as an ephemeral message in the channel, else in the app's DM.
 * Throws only when the DM fails too.
 */
export async function tellPrivately(client: WebClient, logger: Logger, target: PrivateTarget, message: string | Message): Promise<void> {
  const { text, blocks } = typeof message === 'string' ? { text: message, blocks: undefined } : message;
  const failed = (how: string) => (error: unknown) => {
    logger.warn({ err: error, userId: target.userId, channelId: target.channelId, how }, 'a private answer took the next way');
    return false;
  };
  if (target.responseUrl && !isSlackResponseUrl(target.responseUrl, client.slackApiUrl)) {
    // It came back through a form's metadata: a hint, and never a way to make this server post elsewhere.
    logger.warn({ userId: target.userId, channelId: target.channelId }, 'ignored a response_url that is not Slack’s');
  } else if (target.responseUrl) {
    const body = JSON.stringify({ response_type: 'ephemeral', replace_original: target.replaceOriginal ?? false, text, ...(blocks ? { blocks } : {}) });
    const sent = await fetch(target.responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5_000) })
      .then((response) => response.ok || failed('response_url')(new Error(`response_url answered HTTP ${response.status}`)))
      .catch(failed('response_url'));
    if (sent) return;
  }
  if (target.channelId) {
    const posted = await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text, ...(blocks ? { blocks } : {}) }).then(() => true, failed('postEphemeral'));
    if (posted) return;
  }
  await client.chat.postMessage({ channel: target.userId, text, ...(blocks ? { blocks } : {}) });
}

/** Slack's response URLs live on hooks.slack.com (or wherever the Web API is, when it is not Slack's own, as in tests). */
export function isSlackResponseUrl(url: string, slackApiUrl: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com') return true;
    const api = new URL(slackApiUrl);
    return api.hostname !== 'slack.com' && parsed.origin === api.origin;
  } catch {
    return false;
  }
}
