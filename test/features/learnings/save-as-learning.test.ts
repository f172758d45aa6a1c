import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const CHANNEL = 'C0TEAM';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const THREAD_TS = '1790000000.000100';
const MESSAGE_TS = '1790000100.000200';


describe('saving a message or a prompt as a learning', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: BOB });
    // The channel the messages and prompts are in, and its people (the form is checked against them).
    app.slack.channelMembers.set(CHANNEL, [ALICE, BOB]);
  });
  afterAll(async () => {
    await app.stop();
  });

  const latestLearning = () => app.db.selectFrom('learning').selectAll().where('teamId', '=', app.teamId).orderBy('id', 'desc').executeTakeFirst();

  /** The "Save as learning" message shortcut; resolves with the modal it opened. */
  async function saveMessage(message: Record<string, unknown>, user = ALICE): Promise<{ view: any; responseId: string }> {
    const responseId = `shortcut-${++counter}`;
    const response = await app.interaction({
      type: 'message_action',
      callback_id: 'learning_save_message',
      trigger_id: `trigger-${responseId}`,
      response_url: app.slack.responseUrl(responseId),
      action_ts: '1790000200.000100',
      message_ts: message.ts,
      message: { type: 'message', ...message },
      channel: { id: CHANNEL, name: 'team' },
      user: { id: user, name: user.toLowerCase(), team_id: app.teamId },
    });
    expect(response.status).toBe(200);
    const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === `trigger-${responseId}`));
    return { view: open.params.view, responseId };
  }

  /** Submits a learning form as Slack would, with the values it was pre-filled with (or others). */
  function submit(view: any, user: string, override: { text?: string } = {}) {
    const initial = (block: string) => blockById(view.blocks, block)?.element?.initial_value ?? null;
    return app.interaction({
      type: 'view_submission',
      user: { id: user, team_id: app.teamId },
      view: {
        id: `V${++counter}`,
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: {
            learning_text: { learning_text_input: { type: 'plain_text_input', value: override.text ?? initial('learning_text') } },
            learning_tags: { learning_tags_input: { type: 'plain_text_input', value: initial('learning_tags') } },
            learning_link: { learning_link_input: { type: 'plain_text_input', value: initial('learning_link') } },
            learning_visibility: { learning_visibility_input: { type: 'radio_buttons', selected_option: { value: 'team' } } },
          },
        },
      },
    });
  }

  it('pre-fills the form with the message text, its tags, link and permalink', async () => {
    const { view } = await saveMessage({
      user: BOB,
      ts: MESSAGE_TS,
      thread_ts: THREAD_TS,
      text: 'Flaky tests cost us a day &amp; a &lt;b&gt;release&lt;/b&gt; #Testing <https://example.com/flaky|notes>',
    });
    const permalink = `https://acme.slack.com/archives/${CHANNEL}/p1790000100000200?thread_ts=${THREAD_TS}&cid=${CHANNEL}`;
    expect(view.callback_id).toBe('learning_modal');
    expect(blockById(view.blocks, 'learning_text').element.initial_value).toBe('Flaky tests cost us a day & a <b>release</b> #Testing <https://example.com/flaky|notes>');
    expect(blockById(view.blocks, 'learning_tags').element.initial_value).toBe('testing');
    expect(blockById(view.blocks, 'learning_link').element.initial_value).toBe('https://example.com/flaky');
    // The source is the message; the form does not ask for it.
    expect(blockById(view.blocks, 'learning_source')).toBeUndefined();
    const origin = blockById(view.blocks, 'learning_origin').elements[0].text;
    expect(origin).toContain(permalink);
    expect(origin).toContain(`<@${BOB}>`);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ mode: 'create', source: 'message', creditedUserId: BOB, sourcePermalink: permalink, channelId: CHANNEL });
  });

  it('saves it with the original author credited and says who it was learned from', async () => {
    const { view, responseId } = await saveMessage({ user: BOB, ts: '1790000101.000300', text: 'Write the rollback plan before the rollout #release' });
    const response = await submit(view, ALICE);
    expect(response.body).toBeUndefined();
    expect(await latestLearning()).toMatchObject({
      userId: ALICE,
      text: 'Write the rollback plan before the rollout #release',
      tags: ['release'],
      source: 'message',
      creditedUserId: BOB,
      sourcePermalink: `https://acme.slack.com/archives/${CHANNEL}/p1790000101000300`,
      channelId: CHANNEL,
    });
    const confirmation = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body);
    expect(confirmation).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Saved your learning.' });
    const details = confirmation.blocks.find((b: any) => b.type === 'context').elements[0].text;
    expect(details).toContain(`learned from <@${BOB}>`);
  });

  it('credits nobody when people save their own message', async () => {
    const { view } = await saveMessage({ user: ALICE, ts: '1790000102.000400', text: 'Note to self: timebox spikes' });
    expect(JSON.parse(view.private_metadata).creditedUserId).toBeUndefined();
    await submit(view, ALICE);
    expect(await latestLearning()).toMatchObject({ text: 'Note to self: timebox spikes', creditedUserId: null, source: 'message' });
  });

  it('cuts a message longer than a learning to fit the form', async () => {
    const { view } = await saveMessage({ user: BOB, ts: '1790000103.000500', text: 'z'.repeat(4000) });
    const initial = blockById(view.blocks, 'learning_text').element.initial_value as string;
    expect(initial.length).toBeLessThanOrEqual(3000);
    expect(initial.endsWith('…')).toBe(true);
  });

  it('opens the same form from a prompt’s "Record a learning" button, linked to the prompt', async () => {
    const promptTs = '1790000300.000100';
    const promptId = await seedPostedPrompt(app.db, app.teamId, CHANNEL, promptTs);
    const response = await app.interaction({
      type: 'block_actions',
      user: { id: ALICE, username: 'alice', team_id: app.teamId },
      trigger_id: 'trigger-prompt',
      response_url: app.slack.responseUrl('prompt-button'),
      channel: { id: CHANNEL, name: 'team' },
      message: { type: 'message', ts: promptTs, text: 'Reflection' },
      container: { type: 'message', message_ts: promptTs, channel_id: CHANNEL, is_ephemeral: false },
      actions: [{ type: 'button', action_id: 'prompt_record_learning', block_id: 'prompt_actions', value: String(promptId), action_ts: '1' }],
    });
    expect(response.status).toBe(200);
    const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === 'trigger-prompt'));
    const view = open.params.view;
    expect(view.callback_id).toBe('learning_modal');
    const permalink = `https://acme.slack.com/archives/${CHANNEL}/p1790000300000100`;
    expect(JSON.parse(view.private_metadata)).toMatchObject({ mode: 'create', source: 'prompt', promptId, sourcePermalink: permalink, channelId: CHANNEL });

    await submit(view, ALICE, { text: 'Retros work better with a timer' });
    expect(await latestLearning()).toMatchObject({ text: 'Retros work better with a timer', source: 'prompt', sourceKind: 'prompt', sourceId: promptId, sourcePermalink: permalink });
    // The confirmation goes to the clicker only, as a new ephemeral message under the prompt.
    const confirmation = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/prompt-button')?.body);
    expect(confirmation).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });
});
