import { verifySlackToken } from '../../../src/platform/slack/verify-token';
import { FakeSlack } from '../../support/fake-slack';
import { testLogger } from '../../support/test-db';

describe('verifySlackToken', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
  });
  afterAll(async () => {
    await slack.stop();
  });
  beforeEach(() => slack.reset());

  it('returns the bot identity', async () => {
    const identity = await verifySlackToken({ token: 'xoxb-1', slackApiUrl: slack.apiUrl }, testLogger);
    expect(identity).toEqual({ teamId: slack.teamId, teamName: 'Acme', botUserId: slack.botUserId, botId: 'B0BOT', url: 'https://acme.slack.com/' });
  });

  it('retries a Slack that is down, then succeeds', async () => {
    slack.fail('auth.test', { status: 500 }, 2);
    const identity = await verifySlackToken({ token: 'xoxb-1', slackApiUrl: slack.apiUrl }, testLogger);
    expect(identity.teamId).toBe(slack.teamId);
    expect(slack.callsTo('auth.test')).toHaveLength(3);
  });

  it('gives up on an unreachable Slack within its deadline', async () => {
    const started = Date.now();
    await expect(verifySlackToken({ token: 'xoxb-1', slackApiUrl: 'http://127.0.0.1:1/api/', deadlineMs: 2_500 }, testLogger)).rejects.toThrow(/Could not reach Slack/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops at once when Slack refuses the token', async () => {
    slack.fail('auth.test', { error: 'invalid_auth' });
    await expect(verifySlackToken({ token: 'xoxb-1', slackApiUrl: slack.apiUrl }, testLogger)).rejects.toThrow(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(slack.callsTo('auth.test')).toHaveLength(1);
  });
});
