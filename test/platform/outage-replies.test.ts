import { feedbackReplies } from '../../src/features/feedback/blocks';
import { CANT_SAVE_RIGHT_NOW } from '../../src/platform/slack/replies';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestSchema } from '../support/test-db';
import { TcpProxy } from '../support/tcp-proxy';

/** While PostgreSQL cannot be reached, commands, forms and buttons say so in one sentence, and work again once it is back. */
describe('answers during a database outage', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let counter = 0;

  beforeAll(async () => {
    const schema = await createTestSchema();
    const target = TcpProxy.target(schema.url);
    proxy = await new TcpProxy(target.host, target.port).start();
    app = await startTestApp({ schema: { ...schema, url: TcpProxy.route(schema.url, proxy) } });
    app.slack.channelMembers.set('C0GENERAL', ['U0ALICE']);
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    proxy.restore();
    await app.stop();
    await proxy.stop();
  });

  /** A command; resolves with what the person was told, in the answer or through the response_url. */
  async function told(command: string, text: string): Promise<string> {
    const id = `outage-${++counter}`;
    const response = await app.command(command, text, { response_url: app.slack.responseUrl(id) });
    expect(response.status).toBe(200);
    if (response.body?.text) return String(response.body.text);
    const later = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);
    return String(later.text);
  }

  it('answers a command that needs the database with the outage sentence, and works again once it is back', async () => {
    proxy.cut();
    expect(await told('/review', 'list')).toBe(CANT_SAVE_RIGHT_NOW);
    proxy.restore();
    expect(await told('/review', 'list')).not.toBe(CANT_SAVE_RIGHT_NOW);
  });

  /** A button press; resolves with what the presser was told through the response_url. */
  async function pressed(actionId: string, value: string): Promise<Record<string, unknown>> {
    const id = `outage-${++counter}`;
    const response = await app.interaction({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', team_id: app.teamId },
      trigger_id: `trigger-${id}`,
      response_url: app.slack.responseUrl(id),
      channel: { id: 'C0GENERAL', name: 'general' },
      container: { type: 'message', message_ts: '1790000000.000100', channel_id: 'C0GENERAL' },
      actions: [{ type: 'button', block_id: 'x', action_ts: '1', action_id: actionId, value }],
    });
    expect(response.status).toBe(200);
    return app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);
  }

  it('answers a button press with the outage sentence, only to the presser, and works again once it is back', async () => {
    proxy.cut();
    expect(await pressed('feedback_thank', '1')).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: CANT_SAVE_RIGHT_NOW });
    proxy.restore();
    // Feedback #1 does not exist: once the database answers, the presser hears that instead.
    expect(await pressed('feedback_thank', '1')).toMatchObject({ text: feedbackReplies.gone });
  });

  it('still answers /learnloop help, which needs no database', async () => {
    proxy.cut();
    const answer = await told('/learnloop', 'help');
    expect(answer).toContain('Learnloop');
    expect(answer).not.toBe(CANT_SAVE_RIGHT_NOW);
  });

  it('answers a form submission with the outage sentence on the form, keeping what was typed', async () => {
    proxy.cut();
    const input = (value: string | null) => ({ type: 'plain_text_input', value });
    const response = await app.interaction({
      type: 'view_submission',
      user: { id: 'U0ALICE', team_id: app.teamId },
      view: {
        id: 'V1',
        callback_id: 'learning_modal',
        private_metadata: JSON.stringify({ mode: 'create', channelId: 'C0GENERAL' }),
        state: {
          values: {
            learning_text: { learning_text_input: input('Written during the outage') },
            learning_tags: { learning_tags_input: input(null) },
            learning_link: { learning_link_input: input(null) },
            learning_visibility: { learning_visibility_input: { type: 'radio_buttons', selected_option: { value: 'team' } } },
          },
        },
      },
    });
    expect(response.status).toBe(200);
    // A field error keeps the modal open with the person's text, and says what happened.
    expect(response.body).toEqual({ response_action: 'errors', errors: { learning_text: CANT_SAVE_RIGHT_NOW } });
  });
});
