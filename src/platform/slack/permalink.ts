/** The permalink Slack gives a message, built locally: `https://acme.slack.com/archives/C1/p1700000000000100`. */
export function messagePermalink(workspaceUrl: string, channelId: string, ts: string, threadTs?: string): string {
  const base = `${workspaceUrl.replace(/\/?$/, '/')}archives/${channelId}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channelId}` : base;
}

/**
 * The message a permalink of this workspace points at, or null for any other address: one that
 * `messagePermalink` would build, character for character (never another host or a look-alike).
 */
export function parseWorkspacePermalink(workspaceUrl: string, url: string): { channelId: string; ts: string; threadTs?: string } | null {
  const base = workspaceUrl.replace(/\/?$/, '/');
  if (!url.startsWith(`${base}archives/`)) return null;
  const match = /^([CDG][A-Z0-9]{1,39})\/p(\d{10})(\d{6})(?:\?thread_ts=(\d{10}\.\d{6})&cid=([CDG][A-Z0-9]{1,39}))?$/.exec(url.slice(base.length + 'archives/'.length));
  if (!match) return null;
  const [, channelId, seconds, micros, threadTs] = match;
  const found = { channelId: channelId!, ts: `${seconds}.${micros}`, ...(threadTs ? { threadTs } : {}) };
  return messagePermalink(workspaceUrl, found.channelId, found.ts, found.threadTs) === url ? found : null;
}
