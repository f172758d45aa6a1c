import { startLearnloop, type Learnloop } from '../../../src/app';
import { loadConfig } from '../../../src/config';
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
