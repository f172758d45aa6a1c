import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHANNEL = 'C0INCIDENTS';
const ADMIN = 'U0ADMIN';
const ALICE = 'U0ALICE';

describe('event-driven reviews: tokens, the REST API, webhooks and Workflow Builder steps', () => {
  let app: TestApp;
  let counter = 0;
  let now = new Date('2026-12-05T12:00:00Z');

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(now) } });
    for (const id of [ADMIN, ALICE]) app.slack.addUser({ id });
    app.slack.channelMembers.set(CHANNEL, [ADMIN, ALICE, app.slack.botUserId]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    now = new Date('2026-12-05T12:00:00Z');
    app.slack.reset();
    for (const table of ['api_request_minute', 'api_token', 'event_source', 'event_source_secret', 'commitment', 'reflection', 'review', 'learning', 'tracked_thread', 'prompt']) await sql`delete from ${sql.table(table)}`.execute(app.db.withoutPlugins());
  });

  async function settings(text: string, user = ADMIN): Promise<string> {
    const id = `api-${++counter}`;
    await app.command('/learnloop', `settings ${text}`, { user_id: user, response_url: app.slack.responseUrl(id) });
    return (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`))).body.text as string;
  }
  async function newToken(name = 'bridge'): Promise<string> {
    const answer = await settings(`api-token new ${name}`);
    return /`(llk_[^`]+)`/.exec(answer)![1]!;
  }
  async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  describe('API tokens', () => {
    it('are made by admins only, shown once, kept as a hash, listed, and refused once revoked', async () => {
      expect(await settings('api-token new bridge', ALICE)).toContain('Only Learnloop admins');
      const token = await newToken();
      expect(token).toMatch(/^llk_T0TEAM1_/);
      const dump = JSON.stringify(await app.db.selectFrom('apiToken').selectAll().execute());
      expect(dump).not.toContain(token);
      expect(await settings('api-token new bridge')).toContain('exists already');
      const list = await settings('api-token list');
      expect(list).toContain('*bridge*');
      expect(list).not.toContain(token);
      expect((await call('POST', '/api/v1/learnings', { token, body: { text: 'Small PRs review faster' } })).status).toBe(201);
      expect(await settings('api-token revoke bridge')).toContain('Revoked');
      const revoked = await call('POST', '/api/v1/learnings', { token, body: { text: 'x' } });
      expect(revoked.status).toBe(401);
      expect(revoked.body.error).toContain('Authorization: Bearer');
    });
  });

  describe('the REST API', () => {
    it('starts a review as /review does, and the same external_id — even twice at once — starts only one', async () => {
      const token = await newToken();
      const body = { channel: CHANNEL, title: 'Checkout outage @channel', link: 'https://status.example.com/1', external_id: 'INC-42' };
      const [first, second] = await Promise.all([call('POST', '/api/v1/reviews', { token, body }), call('POST', '/api/v1/reviews', { token, body })]);
      expect([first.status, second.status].sort()).toEqual([200, 201]);
      expect(first.body.id).toBe(second.body.id);
      expect(first.body).toMatchObject({ ok: true, channel: CHANNEL, permalink: expect.stringContaining(`/archives/${CHANNEL}/p`) });
      const reviews = await app.db.selectFrom('review').select(['title', 'trigger', 'externalId', 'startedBy']).execute();
      expect(reviews).toEqual([{ title: 'Checkout outage @\u200bchannel', trigger: 'api', externalId: 'INC-42', startedBy: ADMIN }]);
      const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL);
      expect(JSON.stringify(posts)).not.toContain('<!channel>');
      const again = await call('POST', '/api/v1/reviews', { token, body });
      expect(again.status).toBe(200);
      const read = await call('GET', `/api/v1/reviews/${first.body.id}`, { token });
      expect(read.body).toMatchObject({ ok: true, id: first.body.id, status: 'open', reflections: 0, commitments: [], external_id: 'INC-42' });
    });

    it('answers every error with one sentence and the right code, never 5xx', async () => {
      const token = await newToken();
      const cases: [string, string, unknown, number, string][] = [
        ['POST', '/api/v1/reviews', { title: 'x' }, 400, '`channel` is missing'],
        ['POST', '/api/v1/reviews', { channel: 'general', title: 'x' }, 400, '`channel` must be a channel id'],
        ['POST', '/api/v1/reviews', { channel: CHANNEL, title: '' }, 400, '`title` is empty'],
        ['POST', '/api/v1/reviews', { channel: CHANNEL, title: 'x', close_at: 'tomorrow' }, 400, '`close_at` must be an ISO 8601 time'],
        ['POST', '/api/v1/reviews', { channel: CHANNEL, title: 'x', close_at: '2020-01-01T00:00:00Z' }, 400, 'in the past'],
        ['POST', '/api/v1/learnings', { text: 'x', tags: ['no!'] }, 400, '`tags.0`'],
        ['GET', '/api/v1/reviews/999999', undefined, 404, 'no review 999999'],
        ['GET', '/api/v1/nothing', undefined, 404, 'no such API route'],
        ['DELETE', '/api/v1/reviews/1', undefined, 405, 'Use GET'],
      ];
      for (const [method, path, body, status, words] of cases) {
        const answer = await call(method, path, { token, body });
        expect([path, answer.status]).toEqual([path, status]);
        expect(answer.body.error).toContain(words);
      }
      for (const raw of ['{', 'null', '[1,2]', '"text"', '{"channel": {"$ne": 1}, "title": ["x"]}', `{"title": "${'\u0000'}x", "channel": "C0INCIDENTS"}`]) {
        const answer = await call('POST', '/api/v1/reviews', { token, raw });
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(500);
      }
      const big = await call('POST', '/api/v1/learnings', { token, raw: JSON.stringify({ text: 'x'.repeat(300 * 1024) }) });
      expect(big.status).toBe(413);
      expect((await call('POST', '/api/v1/learnings', { body: { text: 'x' } })).status).toBe(401);
      expect((await call('POST', '/api/v1/learnings', { token: 'llk_T0OTHER_abcdefghijklmnopqrstuvwxyz', body: { text: 'x' } })).status).toBe(401);
      app.slack.on('conversations.info', (params) => ({ ok: true, channel: { id: params.channel, is_member: false } }));
      const notIn = await call('POST', '/api/v1/reviews', { token, body: { channel: 'C0ELSEWHERE', title: 'x' } });
      expect(notIn.status).toBe(400);
      expect(notIn.body.error).toContain('Learnloop is not in channel C0ELSEWHERE');
    });

    it('records a learning for a person, tags normalised', async () => {
      const token = await newToken();
      const answer = await call('POST', '/api/v1/learnings', { token, body: { user: ALICE, text: 'Canary first, then 10 %', tags: ['#Release', 'canary'], link: 'https://example.com/postmortem' } });
      expect(answer.status).toBe(201);
      expect(await app.db.selectFrom('learning').select(['userId', 'text', 'tags', 'visibility']).execute()).toEqual([{ userId: ALICE, text: 'Canary first, then 10 %', tags: ['release', 'canary'], visibility: 'team' }]);
    });

    it('limits each token to 60 requests a minute, with Retry-After', async () => {
      const token = await newToken();
      for (let i = 0; i < 60; i++) expect((await call('GET', '/api/v1/reviews/1', { token })).status).toBe(404);
      const limited = await call('GET', '/api/v1/reviews/1', { token });
      expect(limited.status).toBe(429);
      // The minute's window ends within 60 seconds.
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter >= 1 && retryAfter <= 60).toBe(true);
      now = new Date(now.getTime() + 60_000);
      expect((await call('GET', '/api/v1/reviews/1', { token })).status).toBe(404);
    });
  });

  describe('webhook adapters', () => {
    const PD_SECRET = 'pagerduty-secret-0123456789';
    const GH_SECRET = 'github-secret-0123456789abc';
    const pdBody = (type: string, occurredAt = '2026-12-05T11:50:00Z') =>
      JSON.stringify({ event: { id: 'E1', event_type: type, occurred_at: occurredAt, data: { id: 'Q1ABC', title: 'Checkout 500s', html_url: 'https://acme.pagerduty.com/incidents/Q1ABC', service: { id: 'PSVC1', summary: 'Checkout' } } } });
    const pdSign = (raw: string, secret = PD_SECRET) => `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;

    beforeEach(async () => {
      await settings(`source-secret pagerduty ${PD_SECRET}`);
      await settings(`source-secret github ${GH_SECRET}`);
    });

    it('starts a review of a resolved PagerDuty incident in its service’s channel, once, after checking the signature', async () => {
      expect(await settings(`source pagerduty PSVC1 <#${CHANNEL}|incidents>`)).toContain('resolved incidents of PSVC1 start a review');
      const raw = pdBody('incident.resolved');
      const path = `/api/v1/sources/pagerduty/${app.teamId}`;
      expect((await call('POST', path, { raw, headers: { 'x-pagerduty-signature': pdSign(raw, 'wrong-secret-0123456789') } })).status).toBe(401);
      expect((await call('POST', path, { raw })).status).toBe(401);
      const ok = await call('POST', path, { raw, headers: { 'x-pagerduty-signature': `v1=0000,${pdSign(raw)}` } });
      expect(ok.status).toBe(201);
      const again = await call('POST', path, { raw, headers: { 'x-pagerduty-signature': pdSign(raw) } });
      expect(again.status).toBe(200);
      expect(await app.db.selectFrom('review').select(['title', 'channelId', 'link', 'trigger', 'externalId']).execute()).toEqual([
        { title: 'Incident resolved: Checkout 500s', channelId: CHANNEL, link: 'https://acme.pagerduty.com/incidents/Q1ABC', trigger: 'webhook', externalId: 'pagerduty:Q1ABC' },
      ]);
      const triggered = pdBody('incident.triggered');
      expect((await call('POST', path, { raw: triggered, headers: { 'x-pagerduty-signature': pdSign(triggered) } })).status).toBe(202);
      const stale = pdBody('incident.resolved', '2026-12-03T11:00:00Z').replace('Q1ABC', 'Q2OLD');
      expect((await call('POST', path, { raw: stale, headers: { 'x-pagerduty-signature': pdSign(stale) } })).body.ignored).toContain('more than a day old');
      expect(await app.db.selectFrom('review').select('id').execute()).toHaveLength(1);
    });

    it('starts reviews for failed GitHub deploys and published releases of a mapped repository, and ignores the rest', async () => {
      await settings(`source github Acme/Checkout <#${CHANNEL}|incidents>`);
      const path = `/api/v1/sources/github/${app.teamId}`;
      const send = (event: string, payload: unknown) => {
        const raw = JSON.stringify(payload);
        return call('POST', path, { raw, headers: { 'x-github-event': event, 'x-hub-signature-256': `sha256=${createHmac('sha256', GH_SECRET).update(raw).digest('hex')}` } });
      };
      const repository = { full_name: 'acme/checkout' };
      expect((await send('ping', { zen: 'hi', repository })).status).toBe(200);
      expect((await send('deployment_status', { repository, deployment: { environment: 'production' }, deployment_status: { id: 7, state: 'success' } })).status).toBe(202);
      expect((await send('deployment_status', { repository, deployment: { environment: 'production' }, deployment_status: { id: 8, state: 'failure', target_url: 'https://ci.example.com/8', created_at: '2026-12-05T11:59:00Z' } })).status).toBe(201);
      expect((await send('release', { action: 'published', repository, release: { id: 9, tag_name: 'v2.4.0', html_url: 'https://github.com/acme/checkout/releases/v2.4.0', published_at: '2026-12-05T11:58:00Z' } })).status).toBe(201);
      expect((await send('release', { action: 'published', repository: { full_name: 'acme/unmapped' }, release: { id: 10, tag_name: 'v1' } })).body.ignored).toContain('no channel is mapped');
      expect((await send('issues', { action: 'opened', repository })).status).toBe(202);
      const raw = JSON.stringify({ repository });
      expect((await call('POST', path, { raw, headers: { 'x-github-event': 'release', 'x-hub-signature-256': 'sha256=00' } })).status).toBe(401);
      expect((await app.db.selectFrom('review').select('title').orderBy('id').execute()).map((r) => r.title)).toEqual(['Failed deploy: acme/checkout to production', 'Released: acme/checkout v2.4.0']);
    });
  });

  describe('Workflow Builder steps', () => {
    const step = (callbackId: string, inputs: Record<string, unknown>) =>
      app.event({ type: 'function_executed', function: { id: 'Fn1', callback_id: callbackId, title: callbackId }, inputs, function_execution_id: `Fx${++counter}`, workflow_execution_id: 'Wx1', event_ts: '1790000000.000001', bot_access_token: 'xwfp-function-token' });
    const completions = () => app.slack.calls.filter((c) => c.method.startsWith('functions.complete'));

    it('starts a review and completes with its link', async () => {
      await step('start_review', { channel_id: CHANNEL, title: 'Release 2.4 retro', link: 'https://example.com/r' });
      const done = await app.slack.waitFor(() => completions()[0]);
      expect(done.method).toBe('functions.completeSuccess');
      expect(JSON.stringify(done.params.outputs)).toContain(`/archives/${CHANNEL}/p`);
      expect(await app.db.selectFrom('review').select(['title', 'trigger']).execute()).toEqual([{ title: 'Release 2.4 retro', trigger: 'workflow' }]);
    });

    it('records a learning, sends a prompt, and completes with a readable error when inputs are missing', async () => {
      await step('record_learning', { user_id: ALICE, text: 'Feature flags let us ship dark', tags: '#flags release' });
      await step('send_reflection_prompt', { channel_id: CHANNEL, question: 'What did this release teach us? @here' });
      await step('start_review', { channel_id: CHANNEL });
      await app.slack.waitFor(() => completions().length >= 3 || undefined);
      expect(completions().map((c) => c.method)).toEqual(['functions.completeSuccess', 'functions.completeSuccess', 'functions.completeError']);
      expect(completions()[2]!.params.error).toBe('Give the step a channel and a title.');
      expect(await app.db.selectFrom('learning').select(['userId', 'tags']).execute()).toEqual([{ userId: ALICE, tags: ['flags', 'release'] }]);
      const prompt = app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === CHANNEL);
      expect(JSON.stringify(prompt?.params)).toContain('What did this release teach us?');
      expect(JSON.stringify(prompt?.params)).not.toContain('<!here>');
    });
  });
});
