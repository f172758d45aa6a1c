import { stripNul } from '../../../src/platform/receivers/payload';
import { feedbackReplies } from '../../../src/features/feedback/blocks';
import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';

const NUL = '\u0000';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CHANNEL = 'C0GENERAL';
const PROMPT_TS = '1790000000.000100';

describe('stripNul', () => {
  it('removes U+0000 from every string, however deep, and keeps the rest of the text', () => {
    const body = {
      text: `a${NUL}b${NUL}`,
      count: 3,
      none: null,
      view: { state: { values: { block: { input: { value: `${NUL}Ship smaller` } } } } },
      blocks: [{ elements: [{ text: `x${NUL}y` }, 'plain', `${NUL}`] }],
      emoji: 'café 🎉 \u0001 kept',
    };
    expect(stripNul(body)).toBe(body);
    expect(body).toEqual({
      text: 'ab',
      count: 3,
      none: null,
      view: { state: { values: { block: { input: { value: 'Ship smaller' } } } } },
      blocks: [{ elements: [{ text: 'xy' }, 'plain', ''] }],
      emoji: 'café 🎉 \u0001 kept',
    });
  });

  it('walks a payload nested deeper than the stack would allow a recursive walk', () => {
    let deep: Record<string, unknown> = { text: `end${NUL}` };
    const innermost = deep;
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    stripNul(deep);
    expect(innermost.text).toBe('end');
  });
});

describe('a request carrying U+0000 (which PostgreSQL text cannot hold)', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: BOB });
    app.slack.channelMembers.set(CHANNEL, [ALICE, BOB]);
    await seedPostedPrompt(app.db, app.teamId, CHANNEL, PROMPT_TS);
  });
  afterAll(async () => {
    await app.stop();
  });

  const responseTo = (id: string) => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);

  it('stores a thread reply without the NUL and answers 200', async () => {
    const response = await app.event({ type: 'message', channel: CHANNEL, user: BOB, text: `We learned${NUL} to ship smaller${NUL}`, ts: '1790000001.000200', thread_ts: PROMPT_TS });
    expect(response.status).toBe(200);
    const stored = await app.db.selectFrom('threadReply').select(['text', 'userId']).where('teamId', '=', app.teamId).where('ts', '=', '1790000001.000200').execute();
    expect(stored).toEqual([{ text: 'We learned to ship smaller', userId: BOB }]);
  });

  it('stores a /learned learning without the NUL', async () => {
    const id = `learned-${++counter}`;
    const response = await app.command('/learned', `Small${NUL} pull requests #review${NUL}`, { user_id: ALICE, channel_id: CHANNEL, response_url: app.slack.responseUrl(id) });
    expect(response.status).toBe(200);
    // The confirmation is the command's own answer.
    expect(response.body.text).not.toMatch(/went wrong/i);
    expect(response.body.response_type).toBe('ephemeral');
    const learnings = await app.db.selectFrom('learning').select(['text', 'tags']).where('teamId', '=', app.teamId).where('userId', '=', ALICE).execute();
    expect(learnings).toEqual([{ text: 'Small pull requests #review', tags: ['review'] }]);
  });

  it('delivers feedback from a form whose text holds a NUL', async () => {
    const response = await app.interaction({
      type: 'view_submission',
      user: { id: ALICE, team_id: app.teamId },
      view: {
        id: 'V1',
        callback_id: 'feedback_submit',
        private_metadata: JSON.stringify({ contextPermalink: null, responseUrl: app.slack.responseUrl('feedback-form') }),
        state: {
          values: {
            feedback_recipient: { feedback_recipient_input: { type: 'users_select', selected_user: BOB } },
            feedback_text: { feedback_text_input: { type: 'plain_text_input', value: `Thanks${NUL} for pairing` } },
          },
        },
      },
    });
    expect(response.status).toBe(200);
    expect((await responseTo('feedback-form')).text).toBe(feedbackReplies.sent(BOB));
    expect(await app.db.selectFrom('feedback').select('text').where('teamId', '=', app.teamId).execute()).toEqual([{ text: 'Thanks for pairing' }]);
  });
});
