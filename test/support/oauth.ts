import { randomBytes } from 'node:crypto';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeInstall, type FakeSlack } from './fake-slack';

/** A fresh 32-byte key, base64, as `openssl rand -base64 32` makes. */
export function newEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}

/** The environment of distribution mode (no bot token; OAuth credentials and an encryption key). */
export function distributionEnv(key = newEncryptionKey()): Record<string, string> {
  return { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: FAKE_CLIENT_ID, SLACK_CLIENT_SECRET: FAKE_CLIENT_SECRET, SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789', LEARNLOOP_ENCRYPTION_KEY: key };
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: Headers;
}

export async function get(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Opens /slack/install as a browser would: the authorize URL's state, and the cookie that binds it. */
export async function beginInstall(baseUrl: string): Promise<{ page: HttpAnswer; state: string; cookie: string; authorizeUrl: URL }> {
  const page = await get(baseUrl, '/slack/install');
  const href = /href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(page.body)?.[1];
  if (!href) throw new Error(`no authorize link on the install page: ${page.status} ${page.body.slice(0, 200)}`);
  const authorizeUrl = new URL(href.replace(/&amp;/g, '&'));
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { page, state: authorizeUrl.searchParams.get('state') ?? '', cookie, authorizeUrl };
}

/** The whole install: the page, Slack's approval (a code), the redirect back with state and cookie. */
export async function installThroughOAuth(baseUrl: string, slack: FakeSlack, install: FakeInstall): Promise<HttpAnswer> {
  const { state, cookie } = await beginInstall(baseUrl);
  const code = slack.grant(install);
  return get(baseUrl, `/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { cookie });
}
