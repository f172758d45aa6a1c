import { sql } from 'kysely';
import { listVisibleReplies } from '../../../src/features/threads/queries';
import { seedPostedPrompt } from '../../support/factories';
import { postToSlackEndpoint, type SlackResponse } from '../../support/signed-request';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTestSchema } from '../../support/test-db';
import { TcpProxy } from '../../support/tcp-proxy';

const CHANNEL = 'C0TEAM';
const PROMPT_TS = '1790000000.000100';

describe('replies in prompt threads', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let promptId: number;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // The database sits behind a proxy this test can cut, to check that no reply is acked and lost.
    const schema = await createTestSchema();
    drop = schema.drop;
    const target = TcpProxy.target(schema.url);
    proxy = await new TcpProxy(target.host, target.port).start();
    app = await startTestApp({ schema: { ...schema, url: TcpProxy.route(schema.url, proxy), drop: async () => undefined }, env: { LEARNLOOP_SPOOL_RETRY_MS: '50' } });
    promptId = await seedPostedPrompt(app.db, app.teamId, CHANNEL, PROMPT_TS);
    // The prompt channel's people, as Slack knows them (private replies are checked against them).
    app.slack.channelMembers.set(CHANNEL, ['U0BOB', 'U0CAROL']);
  });
  afterAll(async () => {
    proxy.restore();
    await app.stop();
    await proxy.stop();
    await drop();
  });

  const reply = (ts: string, text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', channel: CHANNEL, user: 'U0BOB', text, ts, thread_ts: PROMPT_TS, ...extra });
  const stored = () => app.db.selectFrom('threadReply').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();

  it('stores a human reply with its author, text, ts and permalink before answering 200', async () => {
    // Posted directly (not through app.event, which waits for the work after the answer too): the row must
    // be there the moment Slack hears 200.
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: app.teamId,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `EvStoredFirst${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: app.teamId, user_id: app.slack.botUserId, is_bot: true }],
      event: reply('1790000001.000200', 'We learned to ship smaller'),
    });
    // While another transaction holds the table, the reply cannot be stored, so Slack must get no answer yet.
    let answered = false;
    let answer: Promise<SlackResponse> | undefined;
    await app.db.transaction().execute(async (trx) => {
      await sql`lock table thread_reply in exclusive mode`.execute(trx);
      answer = postToSlackEndpoint(app.baseUrl, body, 'application/json').finally(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
    });
    const response = await answer!;
    expect(response.status).toBe(200);
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channelId: CHANNEL,
      userId: 'U0BOB',
      text: 'We learned to ship smaller',
      ts: '1790000001.000200',
      visibility: 'public',
      permalink: `https://acme.slack.com/archives/${CHANNEL}/p1790000001000200?thread_ts=${PROMPT_TS}&cid=${CHANNEL}`,
    });
    await app.learnloop.settled();
  });

  it('follows an edit and a deletion', async () => {
    await app.event(reply('1790000002.000300', 'first draft'));
    await app.event({ type: 'message', subtype: 'message_changed', channel: CHANNEL, ts: '1790000002.000999', message: { type: 'message', user: 'U0BOB', text: 'second draft', ts: '1790000002.000300', thread_ts: PROMPT_TS } });
    expect((await stored()).find((r) => r.ts === '1790000002.000300')?.text).toBe('second draft');
    await app.event({ type: 'message', subtype: 'message_deleted', channel: CHANNEL, ts: '1790000002.001000', deleted_ts: '1790000002.000300', previous_message: { ts: '1790000002.000300' } });
    expect((await stored()).find((r) => r.ts === '1790000002.000300')).toBeUndefined();
  });

  it('keeps the newest edit when an older one is delivered late', async () => {
    const edit = (text: string, editedTs: string) =>
      app.event({ type: 'message', subtype: 'message_changed', channel: CHANNEL, ts: editedTs, message: { type: 'message', user: 'U0BOB', text, ts: '1790000002.000400', thread_ts: PROMPT_TS, edited: { user: 'U0BOB', ts: editedTs } } });
    const text = async () => (await stored()).find((r) => r.ts === '1790000002.000400')?.text;
    await app.event(reply('1790000002.000400', 'v1'));
    await edit('v3', '1790000100.000000');
    await edit('v2', '1790000050.000000'); // Slack's retry of an earlier edit, arriving after the later one
    expect(await text()).toBe('v3');
    await edit('v4', '1790000200.000000');
    expect(await text()).toBe('v4');
    // An unfurl or reply-count change carries no edit ts and the same text: nothing changes.
    await app.event({ type: 'message', subtype: 'message_changed', channel: CHANNEL, ts: '1790000300.000000', message: { type: 'message', user: 'U0BOB', text: 'v4', ts: '1790000002.000400', thread_ts: PROMPT_TS } });
    expect(await text()).toBe('v4');
  });

  it.each([
    ['a bot message with bot_id', { bot_id: 'B0OTHER' }],
    ['a bot_message subtype', { subtype: 'bot_message', bot_id: 'B0OTHER' }],
    ['a channel join', { subtype: 'channel_join' }],
    ['the thread starter itself', { ts: PROMPT_TS }],
  ])('ignores %s', async (_name, extra) => {
    const before = (await stored()).length;
    const response = await app.event(reply(`1790000003.${Math.floor(Math.random() * 1e6)}`, 'ignored', extra));
    expect(response.status).toBe(200);
    expect((await stored()).length).toBe(before);
  });

  it('stores nothing for a reply in a thread that is not a prompt', async () => {
    const before = (await stored()).length;
    await app.event({ ...reply('1790000004.000100', 'unrelated'), thread_ts: '1111111111.000100' });
    expect((await stored()).length).toBe(before);
  });

  it('stores a retried delivery once', async () => {
    const event = reply('1790000005.000100', 'said twice');
    await app.event(event, { eventId: 'EvRetry1' });
    await app.event(event, { eventId: 'EvRetry1', headers: { 'x-slack-retry-num': '1' } });
    await app.event(event, { eventId: 'EvRetry2' }); // a different delivery of the same message
    expect((await stored()).filter((r) => r.ts === '1790000005.000100')).toHaveLength(1);
  });

  it('keeps a private reply visible to its author only', async () => {
    const response = await app.interaction({
      type: 'view_submission',
      user: { id: 'U0CAROL', team_id: app.teamId },
      view: { id: 'V9', callback_id: 'prompt_private_reply', private_metadata: JSON.stringify({ promptId }), state: { values: { prompt_private_reply_text: { prompt_private_reply_input: { type: 'plain_text_input', value: 'I struggled this week' } } } } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    await app.learnloop.settled();
    const asAuthor = await listVisibleReplies(app.db, app.teamId, 'prompt', promptId, 'U0CAROL');
    const asOther = await listVisibleReplies(app.db, app.teamId, 'prompt', promptId, 'U0BOB');
    expect(asAuthor.map((r) => r.text)).toContain('I struggled this week');
    expect(asOther.map((r) => r.text)).not.toContain('I struggled this week');
    expect(asAuthor.find((r) => r.text === 'I struggled this week')?.visibility).toBe('private');
    // The author is told, by DM, that it is saved and only they can see it.
    const confirmations = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === 'U0CAROL');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.params.text).toBe(':lock: Your private reply is saved. Only you can see it.');
    // Nothing about it went to the channel.
    expect(app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL)).toHaveLength(0);
  });

  it('answers an empty private reply with a field error', async () => {
    const response = await app.interaction({
      type: 'view_submission',
      user: { id: 'U0CAROL', team_id: app.teamId },
      view: { id: 'V9', callback_id: 'prompt_private_reply', private_metadata: JSON.stringify({ promptId }), state: { values: { prompt_private_reply_text: { prompt_private_reply_input: { type: 'plain_text_input', value: '   ' } } } } },
    });
    expect(response.body).toEqual({ response_action: 'errors', errors: { prompt_private_reply_text: 'Write an answer first, or press Cancel.' } });
  });

  it('opens the private reply modal from the prompt button', async () => {
    const response = await app.interaction({ type: 'block_actions', user: { id: 'U0CAROL' }, trigger_id: 'trig-9', response_url: app.slack.responseUrl('btn'), actions: [{ type: 'button', action_id: 'prompt_reply_private', block_id: 'prompt_actions', value: String(promptId) }] });
    expect(response.status).toBe(200);
    const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    expect(open.params.trigger_id).toBe('trig-9');
    expect(open.params.view.callback_id).toBe('prompt_private_reply');
  });

  it('loses no reply while PostgreSQL is down: answered 200 from the spool, stored once when it is back', async () => {
    const events = [1, 2, 3, 4, 5].map((n) => ({ id: `EvOutage${n}`, event: reply(`1790000010.00000${n}`, `outage reply ${n}`) }));
    proxy.cut();
    for (const { id, event } of events) {
      const response = await app.event(event, { eventId: id });
      expect(response.status).toBe(200);
    }
    const health = (await (await fetch(`${app.baseUrl}/healthz`)).json()) as { db: string; spool: { depth: number } };
    expect(health).toMatchObject({ db: 'unavailable', spool: { depth: 5 } });
    proxy.restore();
    // Slack's own retries of a delivery that reached it late change nothing either.
    await app.event(events[0]!.event, { eventId: events[0]!.id, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await waitUntil(async () => (await stored()).filter((r) => r.text.startsWith('outage reply')).length === 5);
    const rows = (await stored()).filter((r) => r.text.startsWith('outage reply'));
    expect(rows.map((r) => r.text).sort()).toEqual(['outage reply 1', 'outage reply 2', 'outage reply 3', 'outage reply 4', 'outage reply 5']);
    await waitUntil(async () => ((await (await fetch(`${app.baseUrl}/healthz`)).json()) as { spool: { depth: number } }).spool.depth === 0);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the spool to be replayed');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
