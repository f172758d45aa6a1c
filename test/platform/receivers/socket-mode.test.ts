import { startLearnloop, type Learnloop } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { freshDataDir } from '../../support/data-dir';
import { SOCKET_START_LIMIT_MS, SocketReceiver } from '../../../src/platform/receivers/socket-receiver';
import { SlackStartupError } from '../../../src/platform/slack/verify-token';
import { seedPostedPrompt } from '../../support/factories';
import { FakeSlack } from '../../support/fake-slack';
import { createTestSchema, testLogger, type TestSchema } from '../../support/test-db';

describe('Socket Mode', () => {
  let slack: FakeSlack;
  let schema: TestSchema;
  let learnloop: Learnloop;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    schema = await createTestSchema();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-1-A0APP-1-test',
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: schema.url,
      LEARNLOOP_SCHEDULER: 'off',
      DATA_DIR: freshDataDir(),
    });
    learnloop = await startLearnloop(config, testLogger, { now: () => new Date() });
  });
  afterAll(async () => {
    await learnloop.stop();
    await slack.stop();
    await schema.drop();
  });

  it('connects through apps.connections.open with the app token', () => {
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe('xapp-1-A0APP-1-test');
    expect(slack.socketCount).toBe(1);
    expect(learnloop.port).toBeUndefined();
  });

  it('acks a slash command envelope with the help', async () => {
    const ack = await slack.sendEnvelope({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/learnloop', text: 'help', team_id: slack.teamId, user_id: 'U0ALICE', channel_id: 'C0GENERAL',
        response_url: slack.responseUrl('socket'), trigger_id: 'trig',
      },
    });
    expect(ack.payload.response_type).toBe('ephemeral');
    expect(ack.payload.blocks.some((b: any) => b.block_id === 'help_commands')).toBe(true);
  });

  it('acks a thread reply only once it is stored, and stores a redelivery once', async () => {
    await seedPostedPrompt(learnloop.deps.db, slack.teamId, 'C0SOCKET', '1790000000.000100');
    const envelope = (id: string, retry: number) => ({
      envelope_id: id,
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: retry,
      payload: {
        type: 'event_callback',
        team_id: slack.teamId,
        event_id: 'EvSocketReply1',
        event: { type: 'message', channel: 'C0SOCKET', channel_type: 'channel', user: 'U0BOB', text: 'We learned to ship smaller', ts: '1790000050.000200', thread_ts: '1790000000.000100' },
      },
    });
    const replies = () => learnloop.deps.db.selectFrom('threadReply').select(['text', 'userId']).where('teamId', '=', slack.teamId).where('channelId', '=', 'C0SOCKET').execute();
    await slack.sendEnvelope(envelope('env-2', 0));
    expect(await replies()).toEqual([{ text: 'We learned to ship smaller', userId: 'U0BOB' }]);
    await slack.sendEnvelope(envelope('env-3', 1));
    await learnloop.settled();
    expect(await replies()).toHaveLength(1);
  });

  it('stores a thread reply holding U+0000 without it (PostgreSQL text cannot hold it)', async () => {
    await seedPostedPrompt(learnloop.deps.db, slack.teamId, 'C0SOCKETNUL', '1790000000.000100');
    await slack.sendEnvelope({
      envelope_id: 'env-nul',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      payload: {
        type: 'event_callback',
        team_id: slack.teamId,
        event_id: 'EvSocketNul1',
        event: { type: 'message', channel: 'C0SOCKETNUL', channel_type: 'channel', user: 'U0BOB', text: 'Ship\u0000 smaller', ts: '1790000050.000300', thread_ts: '1790000000.000100' },
      },
    });
    const replies = await learnloop.deps.db.selectFrom('threadReply').select('text').where('teamId', '=', slack.teamId).where('channelId', '=', 'C0SOCKETNUL').execute();
    expect(replies).toEqual([{ text: 'Ship smaller' }]);
  });

  it('acks an App Home event at once and publishes the Home after, once for a redelivery', async () => {
    const envelope = (id: string, retry: number) => ({
      envelope_id: id,
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: retry,
      payload: { type: 'event_callback', team_id: slack.teamId, event_id: 'EvSocket1', event: { type: 'app_home_opened', user: 'U0BOB', tab: 'home' } },
    });
    // Every Web API call takes 3 s: an ack that waited for the Home to be built would come late.
    slack.latencyMs = 3_000;
    try {
      for (const [id, retry] of [['env-4', 0], ['env-5', 1]] as const) {
        const started = Date.now();
        await slack.sendEnvelope(envelope(id, retry));
        expect(Date.now() - started).toBeLessThan(2_500);
      }
      await learnloop.settled();
      expect(slack.callsTo('views.publish').filter((c) => c.params.user_id === 'U0BOB')).toHaveLength(1);
    } finally {
      slack.latencyMs = 0;
    }
  }, 60_000);
});

describe('Socket Mode start-up when Slack refuses or cannot be reached', () => {
  let slack: FakeSlack;
  let schema: TestSchema;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await slack.stop();
    await schema.drop();
  });
  beforeEach(() => slack.reset());

  const start = (): Promise<Learnloop> =>
    startLearnloop(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-secretpart', SLACK_API_URL: slack.apiUrl, DATABASE_URL: schema.url, LEARNLOOP_SCHEDULER: 'off', DATA_DIR: freshDataDir() }),
      testLogger,
      { now: () => new Date() },
    );

  it.each(['not_allowed_token_type', 'missing_scope', 'invalid_auth'])('gives up at once with one sentence naming SLACK_APP_TOKEN when Slack answers %s', async (error) => {
    slack.fail('apps.connections.open', { error }, 100);
    const started = Date.now();
    const failure = await start().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(SlackStartupError);
    expect(failure?.message).toBe(
      `Slack refused SLACK_APP_TOKEN (${error}): set SLACK_APP_TOKEN to an app-level token (xapp-…) with the connections:write scope, from Basic Information → App-Level Tokens in your Slack app settings.`,
    );
    expect(failure?.message).not.toContain('secretpart');
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('retries while Slack has trouble, then connects', async () => {
    slack.fail('apps.connections.open', { status: 500 }, 2);
    const learnloop = await start();
    try {
      expect(slack.callsTo('apps.connections.open')).toHaveLength(3);
      expect(slack.socketCount).toBe(1);
    } finally {
      await learnloop.stop();
    }
  });

  it('gives up within its time limit when Slack cannot be reached, naming SLACK_APP_TOKEN and the network', async () => {
    slack.fail('apps.connections.open', { status: 500 }, 100);
    const receiver = new SocketReceiver({ appToken: 'xapp-1-A0APP-1-test', slackApiUrl: slack.apiUrl, logger: testLogger, startLimitMs: 2_500 });
    const started = Date.now();
    const failure = await receiver.start().then(
      () => undefined,
      (e: Error) => e,
    );
    const elapsed = Date.now() - started;
    expect(failure).toBeInstanceOf(SlackStartupError);
    expect(failure?.message).toMatch(/^Could not open a Socket Mode connection to Slack within 3 s \(HTTP 500\): check the network and SLACK_API_URL, and set SLACK_APP_TOKEN to an app-level token/);
    expect(elapsed).toBeLessThan(3_500);
    expect(slack.callsTo('apps.connections.open').length).toBeGreaterThan(1);
    await receiver.stop();
  });

  it('stops retrying and opens no connection when it is stopped during start-up', async () => {
    slack.fail('apps.connections.open', { status: 500 }, 1);
    const receiver = new SocketReceiver({ appToken: 'xapp-1-A0APP-1-test', slackApiUrl: slack.apiUrl, logger: testLogger });
    const starting = receiver.start().then(
      () => undefined,
      (e: Error) => e,
    );
    await slack.waitFor(() => slack.callsTo('apps.connections.open').length === 1);
    await receiver.stop();
    const failure = await starting;
    expect(failure).toBeInstanceOf(SlackStartupError);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect(slack.socketCount).toBe(0);
  });

  it('gives up within 30 s by default', () => {
    expect(SOCKET_START_LIMIT_MS).toBe(30_000);
  });

  it('reconnects when Slack closes a running connection', async () => {
    const learnloop = await start();
    try {
      expect(slack.socketCount).toBe(1);
      slack.dropSockets();
      await slack.waitFor(() => slack.callsTo('apps.connections.open').length === 2 && slack.socketCount === 1, 10_000);
    } finally {
      await learnloop.stop();
    }
    expect(slack.socketCount).toBe(0);
  }, 20_000);
});
