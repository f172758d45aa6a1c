import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SlackResponse {
  status: number;
  body: any;
  text: string;
  elapsedMs: number;
}

/** Signs a body the way Slack does (v0 HMAC-SHA256 over "v0:timestamp:body"). */
export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** POSTs to /slack/events; signs unless told otherwise. */
export async function postToSlackEndpoint(
  baseUrl: string,
  body: string,
  contentType: string,
  options: { headers?: Record<string, string>; unsigned?: boolean; timestamp?: number } = {},
): Promise<SlackResponse> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(options.unsigned ? {} : sign(body, options.timestamp)), ...options.headers },
    body,
  });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // plain text answer
  }
  return { status: response.status, body: parsed, text, elapsedMs: Date.now() - started };
}

export const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
