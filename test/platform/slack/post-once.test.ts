import { LogLevel, WebClient } from '@slack/web-api';
import { createLogger } from '../../../src/logger';
import { postOnce, type PostMark } from '../../../src/platform/slack/post-once';
import { FakeSlack } from '../../support/fake-slack';

const silent = createLogger('silent');
const mark = (id: number): PostMark => ({ eventType: 'learnloop_prompt', payload: { prompt_id: id } });

describe('postOnce', () => {
  let slack: FakeSlack;
  let client: WebClient;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    // As Learnloop's poster: no automatic retry, 429s handed back, and a timeout (short here).
    client = new WebClient('xoxb-test-token', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 300, logLevel: LogLevel.ERROR });
  });
  afterAll(async () => {
    await slack.stop();
  });
  beforeEach(() => slack.reset());

  const inChannel = (channel: string) => slack.messages.filter((m) => m.channel === channel);
  const post = (channel: string, id: number, extra: Record<string, unknown> = {}) => postOnce(client, { channel, text: `prompt ${id}`, ...extra }, mark(id), silent);

  it('posts once with the mark in its metadata and looks nowhere when Slack answers clearly', async () => {
    const result = await post('C0CLEAR', 1);
    expect(result).toEqual({ kind: 'posted', ts: inChannel('C0CLEAR')[0]!.ts, channel: 'C0CLEAR', found: false });
    expect(inChannel('C0CLEAR')).toEqual([expect.objectContaining({ metadata: { event_type: 'learnloop_prompt', event_payload: { prompt_id: 1 } } })]);
    expect(slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it.each([
    ['a 500', { status: 500 as const, stored: true }],
    ['a dropped connection', { network: true as const, stored: true }],
    ['an answer that comes after the timeout', { delayMs: 1_000 }],
  ])('after %s from a Slack that kept the message, finds it by its metadata and posts nothing more', async (_what, failure) => {
    slack.fail('chat.postMessage', failure);
    const before = Math.floor(Date.now() / 1000);
    const result = await post('C0KEPT', 2);

    expect(inChannel('C0KEPT')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(result).toEqual({ kind: 'posted', ts: inChannel('C0KEPT')[0]!.ts, channel: 'C0KEPT', found: true });
    const look = slack.callsTo('conversations.history')[0]!.params;
    expect(look).toMatchObject({ channel: 'C0KEPT', include_all_metadata: 'true' });
    // From a minute before the attempt.
    expect(Number(look.oldest)).toBeGreaterThanOrEqual(before - 61);
    expect(Number(look.oldest)).toBeLessThanOrEqual(before - 59);
  });

  it('does not take another message of the same kind for its own', async () => {
    await post('C0OTHER', 3);
    slack.fail('chat.postMessage', { status: 500 });
    const result = await post('C0OTHER', 4);
    expect(result).toMatchObject({ kind: 'posted', found: false });
    expect(inChannel('C0OTHER').map((m) => m.metadata?.event_payload)).toEqual([{ prompt_id: 3 }, { prompt_id: 4 }]);
  });

  it('after a 500 from a Slack that kept nothing, looks, then posts once more: one message', async () => {
    slack.fail('chat.postMessage', { status: 500 });
    const result = await post('C0LOST', 5);
    expect(result).toMatchObject({ kind: 'posted', found: false });
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(inChannel('C0LOST')).toHaveLength(1);
  });

  it('posts nothing more and says the outcome is unknown when the channel cannot be read', async () => {
    slack.fail('chat.postMessage', { status: 500, stored: true });
    slack.fail('conversations.history', { status: 500 });
    const result = await post('C0BLIND', 6);
    expect(result).toEqual({ kind: 'unknown', reason: expect.stringContaining('could not be read') });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(inChannel('C0BLIND')).toHaveLength(1);
  });

  it('gives up after a bounded number of unclear answers, looking before each new attempt', async () => {
    slack.fail('chat.postMessage', { status: 500 }, 10);
    const result = await post('C0DOWN', 7);
    expect(result).toEqual({ kind: 'unknown', reason: expect.stringContaining('on every attempt') });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(slack.callsTo('conversations.history')).toHaveLength(3);
    expect(inChannel('C0DOWN')).toHaveLength(0);
  });

  it('waits out a 429 (nothing was stored) and posts without looking', async () => {
    slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const result = await post('C0SLOW', 8);
    expect(result).toMatchObject({ kind: 'posted', found: false });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(slack.callsTo('conversations.history')).toHaveLength(0);
    expect(inChannel('C0SLOW')).toHaveLength(1);
  });

  it('throws the rate limit when every attempt is refused with a 429: nothing was stored, the caller may retry', async () => {
    slack.fail('chat.postMessage', { status: 429, retryAfter: 0 }, 3);
    await expect(post('C0BUSY', 15)).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it('throws a clear refusal as it is, without looking or posting again', async () => {
    slack.fail('chat.postMessage', { error: 'channel_not_found' });
    await expect(post('C0GONE', 9)).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it('looks for a DM in the person’s DM channel', async () => {
    slack.fail('chat.postMessage', { status: 500, stored: true });
    const result = await postOnce(client, { channel: 'U0ALICE', text: 'a nudge' }, { eventType: 'learnloop_dm', payload: { scheduled_dm_id: 10 } }, silent);
    expect(result).toMatchObject({ kind: 'posted', channel: 'D0ALICE', found: true });
    expect(slack.callsTo('conversations.history')[0]!.params).toMatchObject({ channel: 'D0ALICE' });
    expect(inChannel('D0ALICE')).toHaveLength(1);
  });

  it('looks for a threaded post among the thread’s replies', async () => {
    const parent = await post('C0THREAD', 11);
    const ts = parent.kind === 'posted' ? parent.ts : '';
    slack.fail('chat.postMessage', { status: 500, stored: true });
    const result = await postOnce(client, { channel: 'C0THREAD', thread_ts: ts, text: 'summary' }, { eventType: 'learnloop_review_summary', payload: { review_id: 12 } }, silent);
    expect(result).toMatchObject({ kind: 'posted', found: true });
    expect(slack.callsTo('conversations.replies')[0]!.params).toMatchObject({ channel: 'C0THREAD', ts, include_all_metadata: 'true' });
    expect(slack.messages.filter((m) => m.thread_ts === ts)).toHaveLength(1);
  });

  it('with lookFirstSince, finds a message an earlier attempt posted and posts nothing', async () => {
    await post('C0AGAIN', 13);
    const result = await postOnce(client, { channel: 'C0AGAIN', text: 'prompt 13' }, mark(13), silent, { lookFirstSince: Math.floor(Date.now() / 1000) - 300 });
    expect(result).toMatchObject({ kind: 'posted', found: true, ts: inChannel('C0AGAIN')[0]!.ts });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('with lookFirstSince, posts nothing when the channel cannot be read', async () => {
    slack.fail('conversations.history', { error: 'internal_error' });
    const result = await postOnce(client, { channel: 'C0AGAIN2', text: 'prompt 14' }, mark(14), silent, { lookFirstSince: 0 });
    expect(result).toMatchObject({ kind: 'unknown' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
