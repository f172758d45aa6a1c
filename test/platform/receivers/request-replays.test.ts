import { cleanShortLivedRows } from '../../../src/platform/scheduler/clean-short-lived-rows';
import { feedbackReplies } from '../../../src/features/feedback/blocks';
import { form, postToSlackEndpoint, sign, type SlackResponse } from '../../support/signed-request';
import { startTestApp, type TestApp } from '../../support/test-app';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CHANNEL = 'C0GENERAL';
const FORM = 'application/x-www-form-urlencoded';

describe('a signed command or interaction sent again (a replay)', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: BOB });
    app.slack.channelMembers.set(CHANNEL, [ALICE, BOB]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await app.db.deleteFrom('feedbackSend').execute();
    await app.db.deleteFrom('feedback').execute();
    await app.db.deleteFrom('learning').execute();
  });

  const learnings = () => app.db.selectFrom('learning').select('text').where('teamId', '=', app.teamId).orderBy('id').execute();
  const feedbackRows = () => app.db.selectFrom('feedback').select('id').where('teamId', '=', app.teamId).execute();
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const answersTo = (id: string) => app.slack.responses.filter((r) => r.path === `/response/${id}`);

  const commandBody = (command: string, text: string): string => {
    const id = `replay-${++counter}`;
    return form({
      team_id: app.teamId,
      channel_id: CHANNEL,
      user_id: ALICE,
      command,
      text,
      response_url: app.slack.responseUrl(id),
      trigger_id: `trigger-${id}`,
    });
  };
  const interactionBody = (payload: Record<string, unknown>): string =>
    form({ payload: JSON.stringify({ team: { id: app.teamId, domain: 'acme' }, api_app_id: 'A0APP', ...payload }) });

  /** Posts one body with one signature `times` times, one after the other, to `targets` in turn. */
  async function sendSame(body: string, times: number, targets: TestApp[] = [app]): Promise<SlackResponse[]> {
    const headers = sign(body);
    const responses: SlackResponse[] = [];
    for (let i = 0; i < times; i++) {
      const target = targets[i % targets.length]!;
      responses.push(await postToSlackEndpoint(target.baseUrl, body, FORM, { unsigned: true, headers }));
      await target.learnloop.settled();
    }
    return responses;
  }

  it('stores one learning for a /learned sent three times, answering the copies 200 with an empty body', async () => {
    const responses = await sendSame(commandBody('/learned', 'Small pull requests get reviewed faster'), 3);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(responses.slice(1).map((r) => r.text)).toEqual(['', '']);
    expect(await learnings()).toEqual([{ text: 'Small pull requests get reviewed faster' }]);
    // One confirmation, in the first copy's answer; nothing through the response_url.
    expect(responses[0]!.text).toContain('learning_saved');
    expect(app.slack.responses).toHaveLength(0);

    // Another command, even with the same text, is a new signed body and still works.
    await sendSame(commandBody('/learned', 'Small pull requests get reviewed faster'), 1);
    expect(await learnings()).toHaveLength(2);
  });

  it('DMs the recipient once for a /feedback sent three times', async () => {
    await sendSame(commandBody('/feedback', `<@${BOB}|bob> Your demo was easy to follow`), 3);
    expect(await feedbackRows()).toHaveLength(1);
    expect(dmsTo(BOB)).toHaveLength(1);

    await sendSame(commandBody('/feedback', `<@${BOB}|bob> Your notes saved us an hour`), 1);
    expect(await feedbackRows()).toHaveLength(2);
    expect(dmsTo(BOB)).toHaveLength(2);
  });

  it('answers a button press sent three times once', async () => {
    // Thank on feedback that is not there: each handled press answers through the response_url.
    const press = (id: string) =>
      interactionBody({
        type: 'block_actions',
        user: { id: BOB, team_id: app.teamId },
        trigger_id: `trigger-${id}`,
        response_url: app.slack.responseUrl(id),
        channel: { id: `D${BOB}` },
        container: { type: 'message', message_ts: '1700000001.000100' },
        actions: [{ type: 'button', action_id: 'feedback_thank', block_id: 'any', value: '999999', action_ts: '1700000001.1' }],
      });
    const responses = await sendSame(press('press-a'), 3);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answersTo('press-a')).toHaveLength(1);
    expect(answersTo('press-a')[0]!.body.text).toBe(feedbackReplies.gone);

    await sendSame(press('press-b'), 1);
    expect(answersTo('press-b')).toHaveLength(1);
  });

  it('delivers one feedback for a form submitted three times', async () => {
    const submission = interactionBody({
      type: 'view_submission',
      user: { id: ALICE, team_id: app.teamId },
      trigger_id: 'trigger-form-1',
      view: {
        id: 'V1',
        callback_id: 'feedback_submit',
        private_metadata: JSON.stringify({ contextPermalink: null, responseUrl: null }),
        state: {
          values: {
            feedback_recipient: { feedback_recipient_input: { type: 'users_select', selected_user: BOB } },
            feedback_text: { feedback_text_input: { type: 'plain_text_input', value: 'Thanks for pairing on the outage' } },
          },
        },
      },
    });
    const responses = await sendSame(submission, 3);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await app.slack.waitFor(() => dmsTo(BOB).length > 0);
    expect(await feedbackRows()).toHaveLength(1);
    expect(dmsTo(BOB)).toHaveLength(1);
  });

  it('stores one learning when the copies reach two Learnloop processes on one database', async () => {
    const second = await startTestApp({ schema: app.schema, slack: app.slack });
    try {
      await sendSame(commandBody('/learned', 'Write the rollback plan first'), 4, [app, second]);
      expect(await learnings()).toEqual([{ text: 'Write the rollback plan first' }]);
    } finally {
      await second.learnloop.stop();
    }
  });

  it('keeps a hash of the signature, never the signature, and forgets it after an hour', async () => {
    const body = commandBody('/learned', 'Hash what you only need to compare');
    const headers = sign(body);
    const signature = headers['x-slack-signature']!;
    await postToSlackEndpoint(app.baseUrl, body, FORM, { unsigned: true, headers });
    await app.learnloop.settled();
    const receipts = await app.db.selectFrom('requestReceipt').selectAll().where('teamId', '=', app.teamId).execute();
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.every((r) => /^[0-9a-f]{64}$/.test(r.signatureHash))).toBe(true);
    expect(receipts.map((r) => r.signatureHash)).not.toContain(signature);
    expect(receipts.map((r) => r.signatureHash)).not.toContain(signature.slice(3));

    const onTheHourLater = new Date(Date.now() + 3 * 3_600_000);
    onTheHourLater.setUTCMinutes(0, 0, 0);
    const totals = await cleanShortLivedRows(app.learnloop.deps).run(onTheHourLater);
    expect(totals.requestReceipts).toBe(receipts.length);
    expect(await app.db.selectFrom('requestReceipt').selectAll().where('teamId', '=', app.teamId).execute()).toEqual([]);
  });
});
