import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const API_BODY_MAX = 256 * 1024;
export const REQUESTS_PER_MINUTE = 60;
/** A webhook about an event older than this is acknowledged and ignored (a replay, or a very late retry). */
export const STALE_EVENT_MS = 24 * 60 * 60 * 1000;

/** A new token: `llk_<team>_<secret>` — the team part lets a request be looked up within its workspace only. */
export function newApiToken(teamId: string): string {
  return `llk_${teamId}_${randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The workspace a bearer token names, or undefined for anything that is not one of ours. */
export function teamOfToken(token: string): string | undefined {
  return /^llk_([TE][A-Z0-9]{1,20})_[A-Za-z0-9_-]{20,}$/.exec(token)?.[1];
}

const channelId = z.string().regex(/^[CG][A-Z0-9]{2,20}$/, 'must be a channel id such as C0123ABCD (right-click the channel → Copy link)');
const userId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a user id such as U0123ABCD');

export const reviewBody = z.object({
  channel: channelId,
  title: z.string().trim().min(1, 'is empty').max(150, 'is longer than 150 characters'),
  link: z.string().url('must be a URL').max(2000).optional().nullable(),
  external_id: z.string().trim().min(1).max(200, 'is longer than 200 characters').optional().nullable(),
  facilitator: userId.optional().nullable(),
  close_at: z.string().datetime({ offset: true, message: 'must be an ISO 8601 time such as 2027-01-15T17:00:00Z' }).optional().nullable(),
});

export const learningBody = z.object({
  user: userId.optional().nullable(),
  text: z.string().trim().min(1, 'is empty').max(3000, 'is longer than 3,000 characters'),
  tags: z.array(z.string().regex(/^#?[\p{L}\p{N}_-]{1,40}$/u, 'must be tags of letters, digits, _ or -')).max(10, 'has more than 10 tags').optional(),
  link: z.string().url('must be a URL').max(2000).optional().nullable(),
});

/** The first problem of a zod failure as one sentence naming the field. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The body is not valid.';
  const field = issue.path.join('.') || 'body';
  const message = issue.code === 'invalid_type' && /received undefined|Required/i.test(issue.message) ? 'is missing' : issue.message;
  return `\`${field}\` ${message}.`;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** PagerDuty v3: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>]`, an HMAC-SHA256 of the raw body (several during a secret rotation). */
export function verifyPagerDuty(secret: string, rawBody: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = `v1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
  return header.split(',').map((part) => part.trim()).some((part) => safeEqual(part, expected));
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex>`. */
export function verifyGitHub(secret: string, rawBody: string, header: string | undefined): boolean {
  if (!header) return false;
  return safeEqual(header.trim(), `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
}

/** What a webhook asks for: a review in the channel mapped to `key`, or nothing (with why). */
export type SourceEvent =
  | { kind: 'review'; key: string; title: string; link: string | null; externalId: string; occurredAt: Date | null }
  | { kind: 'ignore'; reason: string };

/** A PagerDuty v3 webhook: `incident.resolved` starts a review of the incident, in its service's channel. */
export function readPagerDuty(body: unknown): SourceEvent {
  const event = (body as { event?: Record<string, any> })?.event;
  if (!event || typeof event !== 'object') return { kind: 'ignore', reason: 'not a PagerDuty v3 webhook' };
  if (event.event_type !== 'incident.resolved') return { kind: 'ignore', reason: `event type ${String(event.event_type).slice(0, 40)} does not start a review` };
  const data = event.data ?? {};
  const service = String(data.service?.id ?? '');
  if (!data.id || !service) return { kind: 'ignore', reason: 'the incident has no id or service' };
  const occurredAt = event.occurred_at ? new Date(String(event.occurred_at)) : null;
  return {
    kind: 'review',
    key: service,
    title: `Incident resolved: ${String(data.title ?? data.id).slice(0, 120)}`,
    link: typeof data.html_url === 'string' ? data.html_url : null,
    externalId: `pagerduty:${String(data.id)}`,
    occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : null,
  };
}

/** A GitHub webhook: a failed deployment or a published release starts a review in the repository's channel. */
export function readGitHub(eventName: string | undefined, body: unknown): SourceEvent {
  const payload = (body ?? {}) as Record<string, any>;
  const repo = String(payload.repository?.full_name ?? '').toLowerCase();
  if (eventName === 'deployment_status') {
    const status = payload.deployment_status ?? {};
    if (status.state !== 'failure') return { kind: 'ignore', reason: `deployment state ${String(status.state).slice(0, 20)} does not start a review` };
    const environment = String(payload.deployment?.environment ?? status.environment ?? 'an environment').slice(0, 40);
    return { kind: 'review', key: repo, title: `Failed deploy: ${repo} to ${environment}`, link: status.target_url ?? status.log_url ?? payload.deployment?.url ?? null, externalId: `github:deployment_status:${String(status.id)}`, occurredAt: status.created_at ? new Date(status.created_at) : null };
  }
  if (eventName === 'release') {
    if (payload.action !== 'published') return { kind: 'ignore', reason: `release ${String(payload.action).slice(0, 20)} does not start a review` };
    const release = payload.release ?? {};
    return { kind: 'review', key: repo, title: `Released: ${repo} ${String(release.tag_name ?? release.name ?? '').slice(0, 40)}`.trim(), link: release.html_url ?? null, externalId: `github:release:${String(release.id)}`, occurredAt: release.published_at ? new Date(release.published_at) : null };
  }
  return { kind: 'ignore', reason: `event ${String(eventName ?? 'without a name').slice(0, 40)} does not start a review` };
}
