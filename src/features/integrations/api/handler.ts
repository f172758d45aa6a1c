import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../../../deps';
import { isDatabaseUnavailable } from '../../../platform/db/unavailable';
import { escapeMentions } from '../../../platform/ui/text';
import { safeJson } from '../../../platform/slack/safe-json';
import { insertLearning } from '../../learnings';
import { findReview, findReviewByExternalId, reviewPermalink, startReview } from '../../reviews';
import { countRequest, findLiveToken, findSourceChannel, findSourceSecret, type ApiToken } from '../queries';
import { API_BODY_MAX, firstProblem, learningBody, readGitHub, readPagerDuty, REQUESTS_PER_MINUTE, reviewBody, STALE_EVENT_MS, teamOfToken, verifyGitHub, verifyPagerDuty, type SourceEvent } from '../rules';

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
const fail = (status: number, error: string, headers?: Record<string, string>): Answer => ({ status, body: { ok: false, error }, headers });

/**
 * Learnloop's REST API and webhook adapters (HTTP mode), beside Slack's own routes: `Authorization:
 * Bearer` tokens of one workspace, JSON in and out, one sentence per error, and no input that can make
 * it answer 5xx. Everything runs with that workspace's Slack token in scope.
 */
export function apiHandler(deps: Deps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return false;
    let answer: Answer;
    try {
      answer = await route(deps, req, url);
    } catch (error) {
      if (isDatabaseUnavailable(error)) answer = fail(503, 'Learnloop cannot reach its database right now; please retry in a minute.', { 'retry-after': '60' });
      else {
        deps.logger.error({ err: error, path: url.pathname }, 'API request failed');
        answer = fail(500, 'Something went wrong on Learnloop’s side; nothing was saved. Please retry.');
      }
    }
    if (!res.headersSent) res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers }).end(JSON.stringify(answer.body));
    return true;
  };
}

async function route(deps: Deps, req: IncomingMessage, url: URL): Promise<Answer> {
  const path = url.pathname.replace(/\/+$/, '');
  const source = /^\/api\/v1\/sources\/(pagerduty|github)\/([TE][A-Z0-9]{1,20})$/.exec(path);
  if (source) return req.method === 'POST' ? webhook(deps, req, source[1] as 'pagerduty' | 'github', source[2]!) : fail(405, 'Use POST.');
  const reviewId = /^\/api\/v1\/reviews\/(\d{1,9})$/.exec(path);
  const known = path === '/api/v1/reviews' || path === '/api/v1/learnings' || reviewId;
  if (!known) return fail(404, 'There is no such API route; see README, "Start reviews from other tools".');
  const auth = await authenticate(deps, req);
  if ('status' in auth) return auth;
  const { token } = auth;
  return inWorkspace(deps, token.teamId, async () => {
    if (reviewId) return req.method === 'GET' ? getReview(deps, token, Number(reviewId[1])) : fail(405, 'Use GET.');
    if (req.method !== 'POST') return fail(405, 'Use POST.');
    const body = await readJson(req);
    if ('status' in body) return body;
    return path === '/api/v1/reviews' ? postReview(deps, token.teamId, token.createdBy, body.json, 'api') : postLearning(deps, token, body.json);
  });
}

async function authenticate(deps: Deps, req: IncomingMessage): Promise<{ token: ApiToken } | Answer> {
  const plain = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  const teamId = plain ? teamOfToken(plain) : undefined;
  const token = plain && teamId ? await findLiveToken(deps.db, teamId, plain) : undefined;
  if (!token) return fail(401, 'Send a valid API token as `Authorization: Bearer TOKEN` (an admin makes one with `/learnloop settings api-token new NAME`).');
  const count = await countRequest(deps.db, token.teamId, token.id, deps.clock.now());
  if (count > REQUESTS_PER_MINUTE) {
    const retry = String(60 - (Math.floor(deps.clock.now().getTime() / 1000) % 60));
    return fail(429, `More than ${REQUESTS_PER_MINUTE} requests a minute with this token; retry in ${retry} seconds.`, { 'retry-after': retry });
  }
  return { token };
}

/** Runs `work` with the workspace's Slack token in scope; a workspace without an installation is refused. */
async function inWorkspace(deps: Deps, teamId: string, work: () => Promise<Answer>): Promise<Answer> {
  const context = await deps.workspaces.contextFor(teamId);
  if (!context) return fail(401, 'Learnloop is not installed in this token’s workspace any more.');
  return deps.workspaces.run(context, work);
}

async function readJson(req: IncomingMessage): Promise<{ json: unknown; raw: string } | Answer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > API_BODY_MAX) return fail(413, 'The body is larger than 256 KiB.');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  const json = safeJson(raw);
  if (json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) return fail(400, 'The body must be a JSON object, e.g. {"channel": "C0123ABCD", "title": "Checkout outage"}.');
  return { json, raw };
}

/** Starts a review exactly as /review does; the same external id again answers with the first one. */
async function postReview(deps: Deps, teamId: string, startedBy: string, json: unknown, trigger: 'api' | 'webhook'): Promise<Answer> {
  const parsed = reviewBody.safeParse(json);
  if (!parsed.success) return fail(400, firstProblem(parsed.error));
  const input = parsed.data;
  const closeAt = input.close_at ? new Date(input.close_at) : null;
  if (closeAt && closeAt.getTime() <= deps.clock.now().getTime()) return fail(400, '`close_at` is in the past.');
  if (input.external_id) {
    const existing = await findReviewByExternalId(deps.db, teamId, input.external_id);
    if (existing) return { status: 200, body: reviewAnswer(deps, existing) };
  }
  const result = await startReview(deps, deps.slack, {
    teamId,
    channelId: input.channel,
    userId: startedBy,
    title: escapeMentions(input.title),
    link: input.link ?? null,
    facilitatorId: input.facilitator ?? null,
    closeAt,
    trigger,
    externalId: input.external_id ?? null,
  });
  if (result.kind === 'not_in_channel') return fail(400, `Learnloop is not in channel ${input.channel}; invite it there (/invite @Learnloop) first.`);
  return { status: result.kind === 'started' ? 201 : 200, body: reviewAnswer(deps, result.review) };
}

function reviewAnswer(deps: Deps, review: { id: number; channelId: string; messageTs: string | null; threadTs: string | null }): Record<string, unknown> {
  return { ok: true, id: review.id, channel: review.channelId, ts: review.messageTs, permalink: reviewPermalink(deps.workspaceUrl, review) };
}

async function postLearning(deps: Deps, token: ApiToken, json: unknown): Promise<Answer> {
  const parsed = learningBody.safeParse(json);
  if (!parsed.success) return fail(400, firstProblem(parsed.error));
  const input = parsed.data;
  const tags = [...new Set((input.tags ?? []).map((tag) => tag.replace(/^#/, '').toLowerCase()))];
  const learning = await insertLearning(deps.db, { teamId: token.teamId, userId: input.user ?? token.createdBy, text: input.text, tags, link: input.link ?? null, visibility: 'team', source: 'experience', channelId: null, sourceKind: 'api', sourceId: token.id });
  deps.logger.info({ teamId: token.teamId, learningId: learning.id, tokenId: token.id }, 'learning recorded through the API');
  return { status: 201, body: { ok: true, id: learning.id } };
}

/** A review's state for the workspace: counts, and commitments; never a reflection's text. Private channels' reviews are not the workspace's. */
async function getReview(deps: Deps, token: ApiToken, id: number): Promise<Answer> {
  const review = await findReview(deps.db, token.teamId, id);
  if (!review || review.privateChannelId !== null) return fail(404, `There is no review ${id} this token may read.`);
  const [reflections, commitments] = await Promise.all([
    deps.db.selectFrom('reflection').select((eb) => eb.fn.countAll<number>().as('n')).where('teamId', '=', token.teamId).where('reviewId', '=', id).executeTakeFirstOrThrow(),
    deps.db.selectFrom('commitment').select(['id', 'ownerId', 'text', 'dueDate', 'status']).where('teamId', '=', token.teamId).where('reviewId', '=', id).orderBy('id').execute(),
  ]);
  return {
    status: 200,
    body: {
      ok: true,
      id: review.id,
      channel: review.channelId,
      title: review.title,
      status: review.status,
      link: review.link,
      external_id: review.externalId,
      created_at: review.createdAt.toISOString(),
      closed_at: review.closedAt?.toISOString() ?? null,
      permalink: reviewPermalink(deps.workspaceUrl, review),
      reflections: Number(reflections.n),
      commitments: commitments.map((c) => ({ id: c.id, owner: c.ownerId, text: c.text, due_date: c.dueDate, status: c.status })),
    },
  };
}

/** A signed webhook from PagerDuty or GitHub: verified with the workspace's secret, mapped to a channel. */
async function webhook(deps: Deps, req: IncomingMessage, source: 'pagerduty' | 'github', teamId: string): Promise<Answer> {
  const body = await readJson(req);
  if ('status' in body) return body;
  const secret = await findSourceSecret(deps.db, teamId, source);
  const signature = source === 'pagerduty' ? req.headers['x-pagerduty-signature'] : req.headers['x-hub-signature-256'];
  const valid = secret !== undefined && (source === 'pagerduty' ? verifyPagerDuty(secret, body.raw, String(signature ?? '')) : verifyGitHub(secret, body.raw, String(signature ?? '')));
  if (!valid) {
    deps.logger.warn({ teamId, source }, 'refused a webhook with a missing or wrong signature');
    return fail(401, secret === undefined ? `No ${source} secret is set for this workspace (/learnloop settings source-secret ${source} SECRET).` : 'The signature does not match the secret set for this source.');
  }
  const githubEvent = String(req.headers['x-github-event'] ?? '');
  if (source === 'github' && githubEvent === 'ping') return { status: 200, body: { ok: true, pong: true } };
  const event: SourceEvent = source === 'pagerduty' ? readPagerDuty(body.json) : readGitHub(githubEvent, body.json);
  if (event.kind === 'ignore') return { status: 202, body: { ok: true, ignored: event.reason } };
  if (event.occurredAt && deps.clock.now().getTime() - event.occurredAt.getTime() > STALE_EVENT_MS) return { status: 202, body: { ok: true, ignored: 'the event is more than a day old' } };
  return inWorkspace(deps, teamId, async () => {
    const channel = await findSourceChannel(deps.db, teamId, source, event.key);
    if (!channel) return { status: 202, body: { ok: true, ignored: `no channel is mapped to ${source} ${event.key.slice(0, 80)}` } };
    const mapping = await deps.db.selectFrom('eventSource').select('createdBy').where('teamId', '=', teamId).where('source', '=', source).where('key', '=', event.key).executeTakeFirstOrThrow();
    return postReview(deps, teamId, mapping.createdBy, { channel, title: event.title, link: event.link ?? undefined, external_id: event.externalId }, 'webhook');
  });
}
