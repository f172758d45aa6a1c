import { deleteFeedbackBySender } from '../../../src/features/feedback/queries';
import { searchKnowledge } from '../../../src/features/learnings/queries';
import type { FeedbackRefusal } from '../../../src/features/feedback/rules';
import { feedbackRefusals, feedbackReplies } from '../../../src/features/feedback/blocks';
import type { RecordedCall } from '../../support/fake-slack';
import { startTestApp, type TestApp } from '../../support/test-app';
import { personViewer } from '../../../src/platform/audience/rules';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';

describe('peer feedback', () => {
  let app: TestApp;
  let interactionCounter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: BOB });
    app.slack.addUser({ id: CAROL });
    app.slack.addUser({ id: 'U0DAVE' });
    app.slack.addUser({ id: 'U0HELPER', is_bot: true });
    app.slack.addUser({ id: 'U0GONE', deleted: true });
    app.slack.addUser({ id: 'U0STRANGER', team_id: 'T0OTHER' });
    // The channel of the messages feedback links to, and its people (the link is checked against them).
    app.slack.channelMembers.set('C0TEAM', [ALICE, BOB, CAROL]);
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

  const rows = () => app.db.selectFrom('feedback').selectAll().orderBy('id').execute();
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const block = (call: RecordedCall, blockId: string) => (call.params.blocks as any[]).find((b) => b.block_id === blockId);
  const buttonIds = (call: RecordedCall): string[] => (block(call, 'feedback_card_actions')?.elements ?? []).map((e: any) => e.action_id);

  /** Runs /feedback and returns the ephemeral answer posted to its response_url. */
  const feedback = async (text: string, userId = ALICE): Promise<{ text: string; blocks?: any[] }> => {
    const before = app.slack.responses.length;
    const response = await app.command('/feedback', text, { user_id: userId });
    expect(response.status).toBe(200);
    const answer = await app.slack.waitFor(() => app.slack.responses.length > before && app.slack.responses[before]);
    expect(answer.body.response_type).toBe('ephemeral');
    return answer.body as { text: string; blocks?: any[] };
  };

  /** A signed button click; resolves with what was posted to its response_url (if anything, once `expectReply`). */
  const click = async (actionId: string, value: string | number, userId: string, extra: Record<string, unknown> = {}) => {
    const id = `click-${++interactionCounter}`;
    const response = await app.interaction({
      type: 'block_actions',
      user: { id: userId, team_id: app.teamId },
      trigger_id: `trig-${id}`,
      response_url: app.slack.responseUrl(id),
      channel: { id: `D${userId}` },
      container: { type: 'message', message_ts: '1700000001.000100' },
      message: { ts: '1700000001.000100', text: '' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'any', value: String(value), action_ts: '1' }],
      ...extra,
    });
    expect(response.status).toBe(200);
    return { path: `/response/${id}`, reply: () => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body) };
  };

  type Values = Partial<Record<'recipient' | 'situation' | 'behaviour' | 'impact' | 'text', string>>;
  const submit = (values: Values, meta: Record<string, unknown> = { contextPermalink: null, responseUrl: app.slack.responseUrl('modal') }, userId = ALICE) => {
    const input = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
    return app.interaction({
      type: 'view_submission',
      user: { id: userId, team_id: app.teamId },
      view: {
        id: 'V1',
        callback_id: 'feedback_submit',
        private_metadata: JSON.stringify(meta),
        state: {
          values: {
            feedback_recipient: { feedback_recipient_input: { type: 'users_select', selected_user: values.recipient ?? null } },
            feedback_situation: { feedback_situation_input: input(values.situation) },
            feedback_behaviour: { feedback_behaviour_input: input(values.behaviour) },
            feedback_impact: { feedback_impact_input: input(values.impact) },
            feedback_text: { feedback_text_input: input(values.text) },
          },
        },
      },
    });
  };

  /** Sends one feedback from Alice to Bob by command and returns its row and DM. */
  const sendOne = async (text = 'great demo') => {
    expect((await feedback(`<@${BOB}|bob> ${text}`)).text).toBe(feedbackReplies.sent(BOB));
    const [row] = await rows();
    return { row: row!, dm: dmsTo(BOB).at(-1)! };
  };

  describe('sending by command', () => {
    it('stores the feedback, DMs the recipient a card naming the sender with three buttons, and confirms to the sender', async () => {
      const answer = await feedback(`<@${BOB}|bob> great demo, the team got the new flow in five minutes`);
      expect(answer.text).toBe(feedbackReplies.sent(BOB));

      const [dm, ...more] = dmsTo(BOB);
      expect(more).toHaveLength(0);
      expect(block(dm!, 'feedback_card_header').text.text).toContain(`<@${ALICE}>`);
      expect(JSON.stringify(dm!.params.blocks)).toContain('great demo, the team got the new flow in five minutes');
      expect(buttonIds(dm!)).toEqual(['feedback_thank', 'feedback_save_learning', 'feedback_share_mentor']);

      const stored = await rows();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        teamId: app.teamId,
        senderId: ALICE,
        recipientId: BOB,
        situation: null,
        behaviour: null,
        impact: null,
        text: 'great demo, the team got the new flow in five minutes',
        contextPermalink: null,
        status: 'delivered',
        // Slack answers a post to a person with their DM channel.
        deliveredChannelId: 'D0BOB',
        thankedAt: null,
        sharedWithMentorAt: null,
        savedLearningId: null,
      });
      expect(stored[0]!.deliveredTs).toMatch(/^\d+\.\d+$/);
      // Nothing went anywhere but to Bob.
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(1);
    });

    it('never posts a live @channel, @here or @everyone from the text', async () => {
      await feedback(`<@${BOB}|bob> <!channel> and @here and <!everyone|everyone> should see this`);
      const [dm] = dmsTo(BOB);
      const sent = JSON.stringify(dm!.params);
      expect(sent).not.toContain('<!channel>');
      expect(sent).not.toContain('<!everyone');
      expect(sent).not.toMatch(/@(channel|here|everyone)/);
      expect(sent).toContain('@\u200Bhere');
    });

    it('keeps the row as failed and tells the sender when Slack refuses the DM', async () => {
      app.slack.fail('chat.postMessage', { error: 'channel_not_found' });
      const answer = await feedback(`<@${BOB}|bob> great demo`);
      expect(answer.text).toBe(feedbackReplies.notDelivered(BOB));
      expect(answer.text).not.toContain('channel_not_found');
      const stored = await rows();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ status: 'failed', statusReason: 'channel_not_found', deliveredTs: null, text: 'great demo', recipientId: BOB });
    });
  });

  describe('refusals', () => {
    it.each<[string, string, FeedbackRefusal]>([
      ['yourself', `<@${ALICE}|alice> well done me`, 'self'],
      ['a bot', '<@U0HELPER|helper> thanks', 'bot'],
      ['Learnloop itself', '<@U0BOT|learnloop> thanks', 'bot'],
      ['a deactivated user', '<@U0GONE|gone> thanks', 'deactivated'],
      ['someone in another workspace', '<@U0STRANGER|stranger> thanks', 'outside_workspace'],
      ['someone Slack does not know', '<@U0NOBODY|nobody> thanks', 'outside_workspace'],
      ['a name that is not a mention', 'bob great', 'not_a_mention'],
    ])('refuses feedback to %s with one clear sentence and stores nothing', async (_name, text, code) => {
      const answer = await feedback(text);
      expect(answer.text).toBe(feedbackRefusals[code]);
      expect(await rows()).toHaveLength(0);
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });

    it('explains how to mention someone, with an example', () => {
      expect(feedbackRefusals.not_a_mention).toMatch(/@-mention/);
      expect(feedbackRefusals.not_a_mention).toContain('e.g. `/feedback @');
    });

    /** 29 feedback Dave sent earlier today, as the send command stores them. */
    async function twentyNineSent(): Promise<number[]> {
      const sent = await app.db
        .insertInto('feedback')
        .values(Array.from({ length: 29 }, (_, i) => ({ teamId: app.teamId, senderId: 'U0DAVE', recipientId: BOB, text: `note ${i}`, status: 'delivered' as const })))
        .returning('id')
        .execute();
      await app.db.insertInto('feedbackSend').values(sent.map((row) => ({ teamId: app.teamId, senderId: 'U0DAVE', feedbackId: row.id }))).execute();
      return sent.map((row) => row.id);
    }

    it('allows the 30th feedback of the day and refuses the 31st, storing nothing', async () => {
      await twentyNineSent();
      expect((await feedback(`<@${BOB}|bob> number thirty`, 'U0DAVE')).text).toBe(feedbackReplies.sent(BOB));
      expect((await feedback(`<@${CAROL}|carol> number thirty-one`, 'U0DAVE')).text).toBe(feedbackRefusals.daily_limit);
      expect(await rows()).toHaveLength(30);
      expect(dmsTo(CAROL)).toHaveLength(0);
    });

    it('still counts feedback the sender deleted, but not a delivery that failed', async () => {
      const ids = await twentyNineSent();
      // Deleting takes the text away; the send still counts.
      for (const id of ids.slice(0, 5)) expect(await deleteFeedbackBySender(app.db, app.teamId, id, 'U0DAVE')).toMatchObject({ id, senderId: 'U0DAVE' });
      app.slack.fail('chat.postMessage', { error: 'user_not_found' });
      await feedback(`<@${BOB}|bob> lost in delivery`, 'U0DAVE');
      expect((await feedback(`<@${BOB}|bob> number thirty`, 'U0DAVE')).text).toBe(feedbackReplies.sent(BOB));
      expect((await feedback(`<@${CAROL}|carol> number thirty-one`, 'U0DAVE')).text).toBe(feedbackRefusals.daily_limit);
      expect(await app.db.selectFrom('feedbackSend').select('id').where('senderId', '=', 'U0DAVE').execute()).toHaveLength(30);
    });

    it('answers a text over 3,000 characters with the limit and stores nothing', async () => {
      const answer = await feedback(`<@${BOB}|bob> ${'x'.repeat(3001)}`);
      expect(answer.text).toBe(feedbackReplies.commandTooLong(3001));
      expect(await rows()).toHaveLength(0);
    });
  });

  describe('the form', () => {
    it('opens with nobody chosen for /feedback alone', async () => {
      const response = await app.command('/feedback', '', { user_id: ALICE, trigger_id: 'trig-empty' });
      expect(response.status).toBe(200);
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      expect(open.params.trigger_id).toBe('trig-empty');
      expect(open.params.view.callback_id).toBe('feedback_submit');
      const recipient = open.params.view.blocks.find((b: any) => b.block_id === 'feedback_recipient');
      expect(recipient.element.type).toBe('users_select');
      expect(recipient.element.initial_user).toBeUndefined();
      for (const blockId of ['feedback_situation', 'feedback_behaviour', 'feedback_impact', 'feedback_text']) {
        expect(open.params.view.blocks.find((b: any) => b.block_id === blockId).optional).toBe(true);
      }
      expect(await rows()).toHaveLength(0);
    });

    it('opens with the mentioned person chosen for /feedback @person alone', async () => {
      await app.command('/feedback', `<@${BOB}|bob>`, { user_id: ALICE });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      expect(open.params.view.blocks.find((b: any) => b.block_id === 'feedback_recipient').element.initial_user).toBe(BOB);
    });

    it('answers a form with every field empty with a field error', async () => {
      const response = await submit({ recipient: BOB, situation: '  ' });
      expect(response.body).toEqual({ response_action: 'errors', errors: { feedback_text: feedbackRefusals.empty } });
      expect(await rows()).toHaveLength(0);
    });

    it('answers a too-long field and a missing recipient with field errors', async () => {
      const response = await submit({ behaviour: 'b'.repeat(1001), text: 'ok' });
      expect(response.body).toEqual({
        response_action: 'errors',
        errors: { feedback_recipient: feedbackReplies.chooseRecipient, feedback_behaviour: feedbackReplies.fieldTooLong(1000, 1001) },
      });
    });

    it('refuses a bad recipient on the recipient field', async () => {
      const response = await submit({ recipient: 'U0GONE', text: 'thanks' });
      expect(response.body).toEqual({ response_action: 'errors', errors: { feedback_recipient: feedbackRefusals.deactivated } });
      expect(await rows()).toHaveLength(0);
    });

    it('stores the three prompts, delivers them escaped and confirms through the response_url', async () => {
      const response = await submit({ recipient: BOB, situation: 'Friday demo', behaviour: 'You paused for <!here> questions', impact: 'Everyone followed @everyone' });
      expect(response.status).toBe(200);
      expect(response.body).toBeUndefined();
      const confirmation = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/modal'));
      expect(confirmation.body).toMatchObject({ response_type: 'ephemeral', text: feedbackReplies.sent(BOB) });
      const [row] = await rows();
      expect(row).toMatchObject({ situation: 'Friday demo', behaviour: 'You paused for <!here> questions', impact: 'Everyone followed @everyone', text: null, status: 'delivered' });
      const sent = JSON.stringify(dmsTo(BOB)[0]!.params);
      expect(sent).toContain('*Situation*');
      expect(sent).not.toContain('<!here>');
      expect(sent).not.toMatch(/@(channel|here|everyone)/);
    });
  });

  describe('the message shortcut', () => {
    it('preselects the author, links the message, and the delivered card carries the link', async () => {
      const response = await app.interaction({
        type: 'message_action',
        callback_id: 'feedback_on_message',
        trigger_id: 'trig-shortcut',
        response_url: app.slack.responseUrl('shortcut'),
        action_ts: '1790000009.000100',
        message_ts: '1790000001.000200',
        user: { id: ALICE, name: 'alice', team_id: app.teamId },
        channel: { id: 'C0TEAM', name: 'team' },
        message: { type: 'message', user: BOB, ts: '1790000001.000200', thread_ts: '1790000000.000100', text: 'Here is the rollout plan' },
      });
      expect(response.status).toBe(200);
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      const view = open.params.view;
      const permalink = 'https://acme.slack.com/archives/C0TEAM/p1790000001000200?thread_ts=1790000000.000100&cid=C0TEAM';
      expect(open.params.trigger_id).toBe('trig-shortcut');
      expect(view.blocks.find((b: any) => b.block_id === 'feedback_recipient').element.initial_user).toBe(BOB);
      expect(view.blocks.find((b: any) => b.block_id === 'feedback_context').elements[0].text).toContain(permalink);

      await submit({ recipient: BOB, text: 'Clear plan, thank you' }, JSON.parse(view.private_metadata));
      const confirmation = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/shortcut'));
      expect(confirmation.body.text).toBe(feedbackReplies.sent(BOB));
      const [row] = await rows();
      expect(row).toMatchObject({ contextPermalink: permalink, text: 'Clear plan, thank you', status: 'delivered' });
      expect(block(dmsTo(BOB)[0]!, 'feedback_card_context').elements[0].text).toContain(permalink);
    });

    it('refuses right away on your own message', async () => {
      await app.interaction({
        type: 'message_action',
        callback_id: 'feedback_on_message',
        trigger_id: 'trig-own',
        response_url: app.slack.responseUrl('own'),
        user: { id: ALICE, name: 'alice', team_id: app.teamId },
        channel: { id: 'C0TEAM', name: 'team' },
        message: { type: 'message', user: ALICE, ts: '1790000001.000300', text: 'mine' },
      });
      const answer = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/own'));
      expect(answer.body.text).toBe(feedbackRefusals.self);
      expect(app.slack.callsTo('views.open')).toHaveLength(0);
    });
  });

  describe('the recipient’s buttons', () => {
    it('Thank DMs the sender once, and the card then shows it was thanked', async () => {
      const { row } = await sendOne();
      await click('feedback_thank', row.id, BOB);
      await app.slack.waitFor(() => dmsTo(ALICE)[0]);
      expect(dmsTo(ALICE)[0]!.params.text).toBe(feedbackReplies.thankedDm(BOB));
      const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update')[0]);
      expect(update.params).toMatchObject({ channel: row.deliveredChannelId, ts: row.deliveredTs });
      expect(JSON.stringify(update.params.blocks)).toContain('You thanked');
      expect(buttonIds(update)).not.toContain('feedback_thank');
      expect((await rows())[0]!.thankedAt).toBeInstanceOf(Date);

      await click('feedback_thank', row.id, BOB);
      await app.learnloop.settled();
      expect(dmsTo(ALICE)).toHaveLength(1);
      expect(app.slack.callsTo('chat.update')).toHaveLength(1);
    });

    it('Thank by anyone but the recipient changes nothing and tells them the feedback is not theirs', async () => {
      const { row } = await sendOne();
      const { reply } = await click('feedback_thank', row.id, CAROL);
      expect((await reply()).text).toBe('This feedback is not yours: only the person it was given to can thank its sender for it.');
      expect((await rows())[0]!.thankedAt).toBeNull();
      expect(dmsTo(ALICE)).toHaveLength(0);
    });

    it('Save as learning and Share with my mentor by anyone but the recipient change nothing and say whose it is', async () => {
      const { row } = await sendOne();
      for (const clicker of [CAROL, ALICE]) {
        expect((await (await click('feedback_save_learning', row.id, clicker)).reply()).text).toBe(
          'This feedback is not yours: only the person it was given to can save it as a learning.',
        );
        expect((await (await click('feedback_share_mentor', row.id, clicker)).reply()).text).toBe(
          'This feedback is not yours: only the person it was given to can share it with their mentor.',
        );
      }
      expect((await rows())[0]).toMatchObject({ savedLearningId: null, sharedWithMentorAt: null });
      expect(await app.db.selectFrom('learning').selectAll().execute()).toHaveLength(0);
    });

    it('says its sender withdrew it when the recipient presses a button on deleted feedback', async () => {
      const { row } = await sendOne();
      await deleteFeedbackBySender(app.db, app.teamId, row.id, ALICE);
      for (const action of ['feedback_thank', 'feedback_save_learning', 'feedback_share_mentor']) {
        expect((await (await click(action, row.id, BOB)).reply()).text).toBe(feedbackReplies.gone);
      }
    });

    it('Save as learning creates a private learning owned by the recipient and credited to the sender', async () => {
      const { row } = await sendOne('your retro notes were a model of clarity');
      const { reply } = await click('feedback_save_learning', row.id, BOB);
      expect((await reply()).text).toBe(feedbackReplies.savedAsLearning(ALICE));
      const learnings = await app.db.selectFrom('learning').selectAll().execute();
      expect(learnings).toHaveLength(1);
      expect(learnings[0]).toMatchObject({
        teamId: app.teamId,
        userId: BOB,
        text: 'your retro notes were a model of clarity',
        visibility: 'private',
        source: 'feedback',
        creditedUserId: ALICE,
        sourceKind: 'feedback',
        sourceId: row.id,
      });
      expect((await rows())[0]!.savedLearningId).toBe(learnings[0]!.id);
      const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update')[0]);
      expect(buttonIds(update)).toEqual(['feedback_thank', 'feedback_share_mentor']);

      // Its owner finds it in search; nobody else does, not even its sender.
      const own = await searchKnowledge(app.db, app.teamId, personViewer(BOB, []), { words: 'retro clarity', tags: [], limit: 10, offset: 0 });
      expect(own.map((h) => [h.kind, h.id, h.text])).toEqual([['learning', learnings[0]!.id, 'your retro notes were a model of clarity']]);
      for (const viewer of [ALICE, CAROL]) {
        const hits = await searchKnowledge(app.db, app.teamId, personViewer(viewer, []), { words: 'retro clarity', tags: [], limit: 10, offset: 0 });
        expect(hits).toHaveLength(0);
      }

      const again = await click('feedback_save_learning', row.id, BOB);
      expect((await again.reply()).text).toBe(feedbackReplies.alreadySaved);
      expect(await app.db.selectFrom('learning').selectAll().execute()).toHaveLength(1);
    });

    it('Share with my mentor records it and says when the mentor will see it', async () => {
      const { row } = await sendOne();
      const { reply } = await click('feedback_share_mentor', row.id, BOB);
      expect((await reply()).text).toBe('Shared with your mentor. They will see it at your next check-in.');
      expect((await rows())[0]!.sharedWithMentorAt).toBeInstanceOf(Date);
      const again = await click('feedback_share_mentor', row.id, BOB);
      expect((await again.reply()).text).toBe(feedbackReplies.alreadyShared);
    });
  });

  describe('the sender’s list and delete', () => {
    it('lists the feedback I sent with a Delete button, and deleting removes the row and withdraws the card', async () => {
      const { row } = await sendOne();
      const list = await feedback('list');
      const item = list.blocks!.find((b) => b.block_id === `feedback_list_item_${row.id}`);
      expect(item.text.text).toContain(`<@${BOB}>`);
      expect(item.text.text).toContain('great demo');
      expect(item.text.text).toContain('not thanked yet');
      expect(item.accessory).toMatchObject({ action_id: 'feedback_delete', value: String(row.id) });

      const { reply } = await click('feedback_delete', row.id, ALICE);
      const answer = await reply();
      expect(answer.replace_original).toBe(true);
      expect(answer.text).toContain(feedbackReplies.deleted(BOB, true));
      expect(await rows()).toHaveLength(0);
      const update = app.slack.callsTo('chat.update')[0]!;
      expect(update.params).toMatchObject({ channel: row.deliveredChannelId, ts: row.deliveredTs, text: 'This feedback was withdrawn by its sender.' });
    });

    it('shows at most the last 10, newest first, with whether each was thanked', async () => {
      await app.db
        .insertInto('feedback')
        .values(Array.from({ length: 12 }, (_, i) => ({ teamId: app.teamId, senderId: ALICE, recipientId: BOB, text: `note ${i}`, status: 'delivered' as const, thankedAt: i === 11 ? new Date() : null })))
        .execute();
      const list = await feedback('list');
      const items = list.blocks!.filter((b) => String(b.block_id).startsWith('feedback_list_item_'));
      expect(items).toHaveLength(10);
      expect(items[0].text.text).toContain('note 11');
      expect(items[0].text.text).toContain('thanked');
      expect(items[0].text.text).not.toContain('not thanked');
    });

    it('refuses a delete by anyone but the sender', async () => {
      const { row } = await sendOne();
      for (const someone of [BOB, CAROL]) {
        const { reply } = await click('feedback_delete', row.id, someone);
        expect((await reply()).text).toBe(feedbackReplies.deleteNotFound);
      }
      expect(await rows()).toHaveLength(1);
      expect(app.slack.callsTo('chat.update')).toHaveLength(0);
    });
  });

  describe('tenant isolation', () => {
    it('keeps another workspace’s feedback out of the list, delete and the buttons', async () => {
      const other = await app.db
        .insertInto('feedback')
        .values({ teamId: 'T0OTHER', senderId: ALICE, recipientId: BOB, text: 'other workspace secret', status: 'delivered', deliveredChannelId: 'D0X', deliveredTs: '1.1' })
        .returning('id')
        .executeTakeFirstOrThrow();

      const list = await feedback('list');
      expect(JSON.stringify(list)).not.toContain('other workspace secret');
      expect(list.text).toBe(feedbackReplies.noneSent);

      expect((await (await click('feedback_delete', other.id, ALICE)).reply()).text).toBe(feedbackReplies.deleteNotFound);
      expect((await (await click('feedback_thank', other.id, BOB)).reply()).text).toBe(feedbackReplies.gone);
      expect((await (await click('feedback_save_learning', other.id, BOB)).reply()).text).toBe(feedbackReplies.gone);
      expect((await (await click('feedback_share_mentor', other.id, BOB)).reply()).text).toBe(feedbackReplies.gone);

      const row = await app.db.selectFrom('feedback').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ thankedAt: null, sharedWithMentorAt: null, savedLearningId: null });
      expect(await app.db.selectFrom('learning').selectAll().execute()).toHaveLength(0);
      expect(app.slack.callsTo('chat.update')).toHaveLength(0);
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });
  });
});
