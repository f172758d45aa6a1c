import { sql } from 'kysely';
import { form, postToSlackEndpoint, sign } from '../../support/signed-request';
import { startTestApp, type TestApp } from '../../support/test-app';

describe('HTTP receiver', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(() => app.slack.reset());

  const receiptCount = async (): Promise<number> =>
    (await app.db.selectFrom('eventReceipt').select(sql<number>`count(*)`.as('n')).where('teamId', '=', app.teamId).executeTakeFirstOrThrow()).n;

  const homeEvent = (eventId: string): string =>
    JSON.stringify({ type: 'event_callback', team_id: app.teamId, event_id: eventId, event: { type: 'app_home_opened', user: 'U0ALICE', tab: 'home' } });

  it.each([
    ['no signature', { unsigned: true }],
    ['a wrong signature', { headers: { 'x-slack-signature': 'v0=deadbeef' } }],
    ['a signature older than 5 minutes', { skewSeconds: -301 }],
    ['a timestamp more than 5 minutes in the future', { skewSeconds: 301 }],
  ])('refuses an event with %s with 401 and stores nothing', async (_name, { skewSeconds, ...options }: { skewSeconds?: number; unsigned?: boolean; headers?: Record<string, string> }) => {
    if (skewSeconds !== undefined) Object.assign(options, { timestamp: Math.floor(Date.now() / 1000) + skewSeconds });
    const before = await receiptCount();
    const response = await postToSlackEndpoint(app.baseUrl, homeEvent(`EvBad${Math.random()}`), 'application/json', options);
    expect(response.status).toBe(401);
    expect(await receiptCount()).toBe(before);
    expect(app.slack.calls).toHaveLength(0);
  });

  it('refuses a body signed with another secret', async () => {
    const body = homeEvent('EvOtherSecret');
    const response = await postToSlackEndpoint(app.baseUrl, body, 'application/json', { unsigned: true, headers: sign(body, undefined, 'another-secret') });
    expect(response.status).toBe(401);
  });

  it('answers the url_verification challenge', async () => {
    const response = await postToSlackEndpoint(app.baseUrl, JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' }), 'application/json');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'c-123' });
  });

  it('processes an event delivered twice (a Slack retry) once', async () => {
    const first = await app.event({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home' }, { eventId: 'EvTwice1' });
    const retry = await app.event({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home' }, { eventId: 'EvTwice1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await app.slack.waitFor(() => app.slack.callsTo('views.publish').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a second publish, were there one
    expect(app.slack.callsTo('views.publish')).toHaveLength(1);
    expect(app.slack.callsTo('views.publish')[0]?.params.user_id).toBe('U0ALICE');
  });

  it('answers an event with nothing to store at once, before its slow Slack calls finish', async () => {
    app.slack.latencyMs = 3_000;
    try {
      const response = await app.event({ type: 'app_home_opened', user: 'U0SLOWHOME', tab: 'home' });
      expect(response.status).toBe(200);
      expect(response.elapsedMs).toBeLessThan(2_500);
      await app.slack.waitFor(() => app.slack.callsTo('views.publish').some((c) => c.params.user_id === 'U0SLOWHOME'), 25_000);
    } finally {
      app.slack.latencyMs = 0;
    }
  }, 30_000);

  it.each([
    ['payload=null', form({ payload: 'null' }), 'application/x-www-form-urlencoded'],
    ['a payload that is not JSON', form({ payload: '{not json' }), 'application/x-www-form-urlencoded'],
    ['invalid JSON', '{"type": "event_callback", ', 'application/json'],
    ['a view_submission without a view', form({ payload: JSON.stringify({ type: 'view_submission', user: { id: 'U0ALICE' } }) }), 'application/x-www-form-urlencoded'],
    ['block_actions without actions', form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U0ALICE' }, actions: [] }) }), 'application/x-www-form-urlencoded'],
    ['an event_callback without an event', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1' }), 'application/json'],
    ['a form that is no command', form({ hello: 'world' }), 'application/x-www-form-urlencoded'],
  ])('answers %s with 400 and keeps running', async (_name, body, contentType) => {
    const response = await postToSlackEndpoint(app.baseUrl, body, contentType);
    expect(response.status).toBe(400);
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('acknowledges an action nobody handles instead of leaving Slack to time out', async () => {
    const response = await app.interaction({ type: 'block_actions', user: { id: 'U0ALICE' }, trigger_id: 't1', actions: [{ action_id: 'retired_button', block_id: 'b', type: 'button' }] });
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(2_500);
  });

  it('acknowledges an unknown shortcut and an unknown view submission', async () => {
    const shortcut = await app.interaction({ type: 'shortcut', callback_id: 'retired_shortcut', trigger_id: 't2', user: { id: 'U0ALICE' } });
    const view = await app.interaction({ type: 'view_submission', user: { id: 'U0ALICE' }, view: { id: 'V1', callback_id: 'retired_modal', state: { values: {} } } });
    expect([shortcut.status, view.status]).toEqual([200, 200]);
  });

  it('serves 404 for other paths and 405 for GET on the Slack endpoint', async () => {
    expect((await fetch(`${app.baseUrl}/nope`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/slack/events`)).status).toBe(405);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const body = JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1024 * 1024 + 10) });
    const response = await postToSlackEndpoint(app.baseUrl, body, 'application/json');
    expect(response.status).toBe(413);
  });
});
