import { insertLearning } from '../../../src/features/learnings/queries';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { pressButton } from '../../support/interactions';

const CHANNEL = 'C0REVIEW';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const ADMIN = 'U0ADMIN';
const QUESTIONS = ['What did we expect to happen?', 'What actually happened?', 'Why was there a difference?', 'What will we keep doing, and what will we change next time?'];

const blocksWithPrefix = (blocks: any[] | undefined, prefix: string): any[] => (blocks ?? []).filter((b: any) => String(b.block_id ?? '').startsWith(prefix));
const allText = (blocks: any[] | undefined): string => (blocks ?? []).map((b: any) => [b.text?.text ?? '', ...(b.elements ?? []).map((e: any) => e.text ?? '')].join('\n')).join('\n');

interface Answers {
  expected?: string;
  actual?: string;
  why?: string;
  nextTime?: string;
  anonymous?: boolean;
}

describe('after-action reviews', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: '' } });
    for (const id of [ALICE, BOB, CAROL]) app.slack.addUser({ id });
    app.slack.addUser({ id: ADMIN, is_admin: true });
    // The review channel's people, as Slack knows them: forms and buttons are checked against them.
    app.slack.channelMembers.set(CHANNEL, [ALICE, BOB, CAROL, ADMIN]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    for (const table of ['learning', 'commitment', 'reflection', 'threadReply', 'trackedThread', 'review', 'channelSetting'] as const) await app.db.deleteFrom(table).execute();
  });

  const reviews = () => app.db.selectFrom('review').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();
  const reviewPosts = () => app.slack.callsTo('chat.postMessage').filter((c) => blockById(c.params.blocks, 'review_header'));
  const responseTo = (id: string) => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);
  const ephemerals = () => app.slack.callsTo('chat.postEphemeral');

  /** `/review TEXT`; resolves with the response id (errors go there). */
  async function review(text: string, fields: Record<string, string> = {}): Promise<string> {
    const responseId = `review-${++counter}`;
    const response = await app.command('/review', text, { channel_id: CHANNEL, channel_name: 'incidents', user_id: ALICE, response_url: app.slack.responseUrl(responseId), trigger_id: `trigger-${responseId}`, ...fields });
    expect(response.status).toBe(200);
    return responseId;
  }

  /** Starts a review with `/review TITLE` and waits until it is posted and recorded. */
  async function started(title: string, fields: Record<string, string> = {}) {
    const before = reviewPosts().length;
    await review(title, fields);
    await app.slack.waitFor(() => reviewPosts().length > before);
    return waitForReview((r) => r.title === title && r.messageTs !== null);
  }

  async function waitForReview(predicate: (r: Awaited<ReturnType<typeof reviews>>[number]) => boolean) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = (await reviews()).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('review not found');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A button press on the review message; resolves with the response id. */
  async function press(user: string, actionId: string, value: string): Promise<string> {
    const responseId = `press-${++counter}`;
    const response = await pressButton(app, { user, actionId, value, channel: CHANNEL, channelName: 'incidents', blockId: 'review_actions', responseId });
    expect(response.status).toBe(200);
    return responseId;
  }

  function submitReflection(user: string, reviewId: number, answers: Answers) {
    const input = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
    const anonymous = { value: 'anonymous', text: { type: 'plain_text', text: 'Share without my name' } };
    return app.interaction({
      type: 'view_submission',
      user: { id: user, team_id: app.teamId },
      view: {
        id: `V${++counter}`,
        callback_id: 'review_reflection',
        private_metadata: JSON.stringify({ reviewId, channelId: CHANNEL }),
        state: {
          values: {
            review_expected: { review_expected_input: input(answers.expected) },
            review_actual: { review_actual_input: input(answers.actual) },
            review_why: { review_why_input: input(answers.why) },
            review_next_time: { review_next_time_input: input(answers.nextTime) },
            review_anonymous: { review_anonymous_input: { type: 'checkboxes', selected_options: answers.anonymous ? [anonymous] : [] } },
          },
        },
      },
    });
  }

  function submitStart(user: string, metadata: Record<string, unknown>, fields: { title?: string; link?: string; closeAt?: number; facilitator?: string }) {
    return app.interaction({
      type: 'view_submission',
      user: { id: user, team_id: app.teamId },
      view: {
        id: `V${++counter}`,
        callback_id: 'review_start',
        private_metadata: JSON.stringify(metadata),
        state: {
          values: {
            review_title: { review_title_input: { type: 'plain_text_input', value: fields.title ?? null } },
            review_link: { review_link_input: { type: 'plain_text_input', value: fields.link ?? null } },
            review_close_at: { review_close_at_input: { type: 'datetimepicker', selected_date_time: fields.closeAt ?? null } },
            review_facilitator: { review_facilitator_input: { type: 'users_select', selected_user: fields.facilitator ?? null } },
          },
        },
      },
    });
  }

  function react(user: string, ts: string, reaction = 'rewind', channel = CHANNEL) {
    return app.event({ type: 'reaction_added', user, reaction, item: { type: 'message', channel, ts }, item_user: BOB, event_ts: `${Date.now() / 1000}` });
  }

  /** Slack's answer for the reacted message (conversations.replies). */
  function messagesAre(messages: Record<string, { text: string; thread_ts?: string; user?: string }>) {
    app.slack.on('conversations.replies', (params) => {
      const message = messages[params.ts];
      return message ? { ok: true, messages: [{ type: 'message', ts: params.ts, user: BOB, ...message }] } : { ok: false, error: 'thread_not_found' };
    });
  }

  describe('starting', () => {
    it('posts the review message with the four questions and two buttons, saved and followed', async () => {
      const responseId = await review('Checkout outage on Tuesday');
      const post = await app.slack.waitFor(() => reviewPosts()[0]);
      expect(post.params.channel).toBe(CHANNEL);
      expect(post.params.thread_ts).toBeUndefined();
      expect(blockById(post.params.blocks, 'review_header').text.text).toContain('Checkout outage on Tuesday');
      expect(blockById(post.params.blocks, 'review_header').text.text).toContain(`<@${ALICE}>`);
      const questions = blockById(post.params.blocks, 'review_questions').text.text;
      for (const question of QUESTIONS) expect(questions).toContain(question);
      const buttons = blockById(post.params.blocks, 'review_actions').elements;
      expect(buttons.map((e: any) => [e.action_id, e.text.text])).toEqual([
        ['review_add_reflection', 'Add my reflection'],
        ['review_close', 'Close review'],
      ]);
      const row = await waitForReview((r) => r.messageTs !== null);
      expect(row).toMatchObject({ channelId: CHANNEL, title: 'Checkout outage on Tuesday', startedBy: ALICE, trigger: 'command', status: 'open', sourceTs: null });
      expect(row.threadTs).toBe(row.messageTs);
      expect(buttons[0].value).toBe(String(row.id));
      const thread = await app.db.selectFrom('trackedThread').selectAll().where('subjectId', '=', row.id).executeTakeFirstOrThrow();
      expect(thread).toMatchObject({ kind: 'review', channelId: CHANNEL, threadTs: row.messageTs });
      // Only errors are answered privately.
      await app.learnloop.settled();
      expect(app.slack.responses.find((r) => r.path === `/response/${responseId}`)).toBeUndefined();
    });

    it('escapes broadcasts in the title', async () => {
      await review('Release <!channel> retro');
      const post = await app.slack.waitFor(() => reviewPosts()[0]);
      expect(blockById(post.params.blocks, 'review_header').text.text).not.toContain('<!channel>');
    });

    it('refuses in a DM and says where to run it', async () => {
      const response = await app.command('/review', 'Outage', { channel_id: 'D0ALICE', channel_name: 'directmessage', user_id: ALICE });
      expect(response.body.text).toContain('not in a DM');
      expect(await reviews()).toHaveLength(0);
    });

    it('refuses in a channel the bot is not in and says how to invite it', async () => {
      app.slack.on('conversations.info', (params) => ({ ok: true, channel: { id: params.channel, is_member: false } }));
      const reply = await responseTo(await review('Outage'));
      expect(reply.text).toContain('/invite @Learnloop');
      expect(await reviews()).toHaveLength(0);
      expect(reviewPosts()).toHaveLength(0);
    });

    it('opens the form with /review alone and starts the review from it', async () => {
      const responseId = await review('');
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      expect(open.params.trigger_id).toBe(`trigger-${responseId}`);
      const view = open.params.view;
      expect(view.callback_id).toBe('review_start');
      expect(view.blocks.map((b: any) => b.block_id)).toEqual(expect.arrayContaining(['review_title', 'review_link', 'review_close_at', 'review_facilitator']));
      expect(blockById(view.blocks, 'review_close_at').element.type).toBe('datetimepicker');
      expect(blockById(view.blocks, 'review_facilitator').element.type).toBe('users_select');
      const metadata = JSON.parse(view.private_metadata);

      const empty = await submitStart(ALICE, metadata, { title: '  ', link: 'not a link', closeAt: Math.floor(Date.now() / 1000) - 60 });
      expect(empty.body.response_action).toBe('errors');
      expect(Object.keys(empty.body.errors).sort()).toEqual(['review_close_at', 'review_link', 'review_title']);

      const closeAt = Math.floor(Date.now() / 1000) + 3600;
      const ok = await submitStart(ALICE, metadata, { title: 'Launch retro', link: 'https://example.com/doc', closeAt, facilitator: CAROL });
      expect(ok.status).toBe(200);
      expect(ok.body).toBeUndefined();
      const row = await waitForReview((r) => r.messageTs !== null);
      expect(row).toMatchObject({ title: 'Launch retro', trigger: 'modal', link: 'https://example.com/doc', facilitatorId: CAROL, startedBy: ALICE });
      expect(row.closeAt?.getTime()).toBe(closeAt * 1000);
      const post = reviewPosts()[0]!;
      expect(blockById(post.params.blocks, 'review_header').text.text).toContain(`facilitated by <@${CAROL}>`);
    });
  });

  describe('starting from a message', () => {
    it('starts once per message on the trigger emoji, titled from the message, in its thread', async () => {
      messagesAre({ '1790000100.000100': { text: 'Deploy of v2 failed and rolled back after 40 minutes of errors in checkout for all EU customers' } });
      const first = await react(ALICE, '1790000100.000100');
      expect(first.status).toBe(200);
      const [row] = await reviews();
      expect(row).toMatchObject({ trigger: 'reaction', sourceTs: '1790000100.000100', threadTs: '1790000100.000100', startedBy: ALICE, status: 'open' });
      expect(row!.title.length).toBeLessThanOrEqual(80);
      expect(row!.title.startsWith('Deploy of v2 failed')).toBe(true);
      expect(reviewPosts()).toHaveLength(1);
      expect(reviewPosts()[0]!.params.thread_ts).toBe('1790000100.000100');

      await react(BOB, '1790000100.000100');
      expect(await reviews()).toHaveLength(1);
      expect(reviewPosts()).toHaveLength(1);
      const pointer = ephemerals().find((c) => c.params.user === BOB);
      expect(pointer?.params.text).toContain('already a review on this message');
      expect(pointer?.params.text).toContain(`archives/${CHANNEL}/p${row!.messageTs!.replace('.', '')}`);
    });

    it('starts a review on the parent when the reaction is on a thread reply', async () => {
      messagesAre({ '1790000200.000300': { text: 'I think the cache was cold', thread_ts: '1790000200.000100' } });
      await react(ALICE, '1790000200.000300');
      const [row] = await reviews();
      expect(row).toMatchObject({ sourceTs: '1790000200.000100', threadTs: '1790000200.000100' });
      expect(reviewPosts()[0]!.params.thread_ts).toBe('1790000200.000100');
    });

    it("points to the review when the reaction is on the review's own message or its thread", async () => {
      const row = await started('Bot message review');
      messagesAre({ [row.messageTs!]: { text: 'After-action review: Bot message review', user: 'U0BOT' }, '1799000000.000500': { text: 'a reply', thread_ts: row.messageTs! } });
      await react(BOB, row.messageTs!);
      await react(CAROL, '1799000000.000500');
      expect(await reviews()).toHaveLength(1);
      expect(ephemerals().map((c) => c.params.user).sort()).toEqual([BOB, CAROL]);
      for (const call of ephemerals()) expect(call.params.text).toContain('already a review');
    });

    it('starts afresh on a message whose earlier start was left unposted by a stopped process, but not while one is under way', async () => {
      const abandoned = (ts: string, minutesAgo: number) =>
        app.db
          .insertInto('review')
          .values({ teamId: app.teamId, channelId: CHANNEL, title: 'Half-started', link: null, startedBy: CAROL, facilitatorId: null, trigger: 'reaction', sourceTs: ts, threadTs: null, messageTs: null, status: 'open', closeAt: null, createdAt: new Date(Date.now() - minutesAgo * 60_000) })
          .execute();
      messagesAre({ '1790000600.000100': { text: 'Release train missed its window' }, '1790000600.000200': { text: 'Second message' } });
      await abandoned('1790000600.000100', 5);
      await abandoned('1790000600.000200', 0.5);

      await react(ALICE, '1790000600.000100');
      const replaced = (await reviews()).filter((r) => r.sourceTs === '1790000600.000100');
      expect(replaced).toHaveLength(1);
      expect(replaced[0]).toMatchObject({ startedBy: ALICE, title: 'Release train missed its window' });
      expect(replaced[0]!.messageTs).not.toBeNull();
      expect(reviewPosts()).toHaveLength(1);

      await react(ALICE, '1790000600.000200');
      expect((await reviews()).filter((r) => r.sourceTs === '1790000600.000200')).toMatchObject([{ startedBy: CAROL, messageTs: null }]);
      expect(reviewPosts()).toHaveLength(1);
      expect(ephemerals().at(-1)?.params.text).toContain('already a review on this message');
    });

    it('ignores other emoji', async () => {
      messagesAre({ '1790000300.000100': { text: 'Nice work' } });
      await react(ALICE, '1790000300.000100', 'tada');
      await react(ALICE, '1790000300.000100', 'rewinds');
      expect(await reviews()).toHaveLength(0);
      expect(reviewPosts()).toHaveLength(0);
    });

    it("uses the channel's own emoji once set with /learnloop settings review-emoji", async () => {
      const responseId = `settings-${++counter}`;
      await app.command('/learnloop', 'settings review-emoji :tada:', { channel_id: CHANNEL, channel_name: 'incidents', user_id: BOB, response_url: app.slack.responseUrl(responseId) });
      expect((await responseTo(responseId)).text).toContain(':tada:');
      const bad = `settings-${++counter}`;
      await app.command('/learnloop', 'settings review-emoji <!channel>', { channel_id: CHANNEL, channel_name: 'incidents', user_id: BOB, response_url: app.slack.responseUrl(bad) });
      const badReply = await responseTo(bad);
      expect(badReply.text).toContain('not an emoji name');
      expect(badReply.text).not.toContain('<!channel>');

      messagesAre({ '1790000400.000100': { text: 'Payments were down' } });
      await react(ALICE, '1790000400.000100', 'rewind');
      expect(await reviews()).toHaveLength(0);
      await react(ALICE, '1790000400.000100', 'tada::skin-tone-3');
      expect(await reviews()).toHaveLength(1);
      // Other channels keep the default.
      messagesAre({ '1790000400.000200': { text: 'Other channel' } });
      await react(ALICE, '1790000400.000200', 'rewind', 'C0OTHER');
      expect((await reviews()).filter((r) => r.channelId === 'C0OTHER')).toHaveLength(1);
    });

    it('starts from the message shortcut with a pre-filled title', async () => {
      const responseId = `shortcut-${++counter}`;
      const response = await app.interaction({
        type: 'message_action',
        callback_id: 'review_start_message',
        trigger_id: `trigger-${responseId}`,
        response_url: app.slack.responseUrl(responseId),
        action_ts: '1790000500.000900',
        message_ts: '1790000500.000100',
        message: { type: 'message', ts: '1790000500.000100', user: BOB, text: 'Search was slow all morning' },
        channel: { id: CHANNEL, name: 'incidents' },
        user: { id: ALICE, name: 'alice', team_id: app.teamId },
      });
      expect(response.status).toBe(200);
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      const view = open.params.view;
      expect(blockById(view.blocks, 'review_title').element.initial_value).toBe('Search was slow all morning');
      const submitted = await submitStart(ALICE, JSON.parse(view.private_metadata), { title: 'Slow search, Monday morning' });
      expect(submitted.body).toBeUndefined();
      const row = await waitForReview((r) => r.messageTs !== null);
      expect(row).toMatchObject({ trigger: 'shortcut', sourceTs: '1790000500.000100', threadTs: '1790000500.000100', title: 'Slow search, Monday morning' });
      expect(reviewPosts()[0]!.params.thread_ts).toBe('1790000500.000100');

      // The same message again: the form says where the review is.
      const again = await submitStart(ALICE, JSON.parse(view.private_metadata), { title: 'Again' });
      expect(again.body.errors.review_title).toContain('already a review');
    });
  });

  it('opens the review thread with open commitments and related learnings', async () => {
    const earlier = await app.db
      .insertInto('review')
      .values({ teamId: app.teamId, channelId: CHANNEL, title: 'Earlier checkout incident', link: null, startedBy: BOB, facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: '1780000000.000100', messageTs: '1780000000.000100', status: 'closed', closeAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.insertInto('commitment').values({ teamId: app.teamId, reviewId: earlier.id, ownerId: BOB, text: 'Add a checkout smoke test', dueDate: '2026-12-01', createdBy: BOB }).execute();
    await app.db.insertInto('commitment').values({ teamId: app.teamId, reviewId: earlier.id, ownerId: BOB, text: 'Already done thing', dueDate: '2026-12-01', createdBy: BOB, status: 'done' }).execute();
    await insertLearning(app.db, { teamId: app.teamId, userId: CAROL, text: 'Checkout depends on the tax service; warm its cache first', tags: [], link: null, visibility: 'team', source: 'experience', sourcePermalink: 'https://acme.slack.com/archives/C0X/p1' });
    await insertLearning(app.db, { teamId: app.teamId, userId: BOB, text: 'A private checkout note', tags: [], link: null, visibility: 'private', source: 'experience' });

    const row = await started('Checkout outage');
    const context = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => blockById(c.params.blocks, 'review_context')));
    expect(context.params.thread_ts).toBe(row.messageTs);
    const text = allText(context.params.blocks);
    expect(text).toContain('Add a checkout smoke test');
    expect(text).toContain(`<@${BOB}>, due 2026-12-01`);
    expect(text).not.toContain('Already done thing');
    expect(text).toContain('Checkout depends on the tax service');
    expect(text).toContain('https://acme.slack.com/archives/C0X/p1');
    expect(text).not.toContain('A private checkout note');
  });

  it('posts no context message when there is nothing to show', async () => {
    await started('Quiet review');
    await app.learnloop.settled();
    expect(app.slack.callsTo('chat.postMessage').filter((c) => blockById(c.params.blocks, 'review_context'))).toHaveLength(0);
  });

  describe('reflections', () => {
    it('saves a reflection and edits it on a second submission (one row), pre-filling the form', async () => {
      const row = await started('Reflection review');
      await press(BOB, 'review_add_reflection', String(row.id));
      const first = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      expect(first.params.view.callback_id).toBe('review_reflection');
      expect(blockById(first.params.view.blocks, 'review_anonymous').element.options[0].text.text).toBe('Share without my name');
      expect((await submitReflection(BOB, row.id, { expected: 'Fast rollback', nextTime: 'Canary' })).body).toBeUndefined();

      await press(BOB, 'review_add_reflection', String(row.id));
      const second = await app.slack.waitFor(() => app.slack.callsTo('views.open')[1]);
      expect(blockById(second.params.view.blocks, 'review_expected').element.initial_value).toBe('Fast rollback');
      expect(blockById(second.params.view.blocks, 'review_next_time').element.initial_value).toBe('Canary');
      await submitReflection(BOB, row.id, { expected: 'Fast rollback', actual: 'Slow rollback', anonymous: true });

      const rows = await app.db.selectFrom('reflection').selectAll().where('reviewId', '=', row.id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ userId: BOB, expected: 'Fast rollback', actual: 'Slow rollback', nextTime: null, anonymous: true });
      expect(rows[0]!.updatedAt).not.toBeNull();
    });

    it('asks for at least one answer and at most 2,000 characters each, on the fields', async () => {
      const row = await started('Validation review');
      const empty = await submitReflection(BOB, row.id, { expected: '  ' });
      expect(empty.body).toEqual({ response_action: 'errors', errors: { review_expected: 'Answer at least one of the four questions, or press Cancel.' } });
      const long = await submitReflection(BOB, row.id, { expected: 'ok', why: 'x'.repeat(2001) });
      expect(long.body.response_action).toBe('errors');
      expect(long.body.errors.review_why).toContain('2,000');
      expect(await app.db.selectFrom('reflection').selectAll().execute()).toHaveLength(0);
    });

    it('says the review is closed when someone tries to reflect on a closed review', async () => {
      const row = await started('Closed review');
      await app.db.updateTable('review').set({ status: 'closed' }).where('id', '=', row.id).execute();
      const reply = await responseTo(await press(BOB, 'review_add_reflection', String(row.id)));
      expect(reply.text).toContain('This review is closed');
      expect(app.slack.callsTo('views.open')).toHaveLength(0);
      const late = await submitReflection(BOB, row.id, { expected: 'late' });
      expect(late.body.errors.review_expected).toContain('This review is closed');
    });
  });

  describe('closing', () => {
    it('refuses anyone but the starter, the facilitator or an admin, naming who can', async () => {
      const row = await started('Permission review');
      await app.db.updateTable('review').set({ facilitatorId: CAROL }).where('id', '=', row.id).execute();
      const reply = await responseTo(await press(BOB, 'review_close', String(row.id)));
      expect(reply.text).toContain(`<@${ALICE}>`);
      expect(reply.text).toContain(`<@${CAROL}>`);
      expect(reply.text).toContain('admin');
      expect((await reviews())[0]!.status).toBe('open');
    });

    it.each([
      ['the starter', ALICE],
      ['the facilitator', CAROL],
      ['a workspace admin', ADMIN],
    ])('lets %s close it', async (_who, user) => {
      const row = await started(`Close by ${user}`);
      await app.db.updateTable('review').set({ facilitatorId: CAROL }).where('id', '=', row.id).execute();
      await press(user, 'review_close', String(row.id));
      const closed = await waitForReview((r) => r.status === 'closed');
      expect(closed.closedBy).toBe(user);
    });

    it('says so when the review is already closed', async () => {
      const row = await started('Twice closed');
      await press(ALICE, 'review_close', String(row.id));
      await waitForReview((r) => r.status === 'closed');
      const reply = await responseTo(await press(ALICE, 'review_close', String(row.id)));
      expect(reply.text).toContain('already closed');
      expect(app.slack.callsTo('chat.postMessage').filter((c) => blockById(c.params.blocks, 'review_summary'))).toHaveLength(1);
    });

    it('/review close closes the latest open review, and says when there is none', async () => {
      await started('First open');
      await started('Second open');
      await review('close');
      const closed = await waitForReview((r) => r.status === 'closed');
      expect(closed.title).toBe('Second open');
      await review('close');
      await waitForReview((r) => r.title === 'First open' && r.status === 'closed');
      const reply = await responseTo(await review('close'));
      expect(reply.text).toContain('There is no open review in this channel');
    });

    it('posts the summary in the thread, marks the message closed and records the close', async () => {
      const row = await started('Summary review');
      await submitReflection(BOB, row.id, { expected: 'A calm release', why: 'No canary stage', nextTime: '- Canary first\n- Smaller batches' });
      await submitReflection(CAROL, row.id, { expected: 'Secret expectation', nextTime: 'Page earlier', anonymous: true });
      // A reply in the review thread is captured by the generic thread capture.
      await app.event({ type: 'message', channel: CHANNEL, user: 'U0DAN', text: 'The alert was muted', ts: '1799999999.000200', thread_ts: row.threadTs });

      await press(ALICE, 'review_close', String(row.id));
      const summary = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => blockById(c.params.blocks, 'review_summary')));
      expect(summary.params.thread_ts).toBe(row.threadTs);
      const blocks = summary.params.blocks;
      expect(blockById(blocks, 'review_summary').text.text).toContain('3 participants');
      expect(blockById(blocks, 'review_summary').text.text).toContain(`Closed by <@${ALICE}>`);
      const text = allText(blocks);
      expect(text).toContain('What did we expect to happen?');
      expect(text).toContain(`<@${BOB}>: A calm release`);
      expect(text).toContain('Secret expectation');
      expect(text).not.toContain(`<@${CAROL}>`);
      expect(text).toContain('Why was there a difference?');
      expect(text).toContain('The alert was muted');
      expect(text).toContain('<@U0DAN>');

      const items = blocksWithPrefix(blocks, 'review_next_item_');
      expect(items.map((b) => b.block_id)).toEqual(['review_next_item_0', 'review_next_item_1', 'review_next_item_2']);
      expect(items.map((b) => b.text.text)).toEqual(['• Canary first', '• Smaller batches', '• Page earlier']);
      for (const [index, item] of items.entries()) {
        expect(item.accessory).toMatchObject({ type: 'button', action_id: 'review_own_item', text: { text: 'Own this' } });
        expect(JSON.parse(item.accessory.value)).toEqual({ reviewId: row.id, index });
      }

      const closed = await waitForReview((r) => r.status === 'closed');
      // The ts stored is the one Slack answered for the summary post.
      expect(summary.result?.ts).toMatch(/^\d+\.\d+$/);
      expect(closed).toMatchObject({ closedBy: ALICE, summaryTs: summary.result!.ts });
      expect(closed.closedAt).toBeInstanceOf(Date);
      const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update').find((c) => c.params.ts === row.messageTs));
      expect(blockById(update.params.blocks, 'review_actions')).toBeUndefined();
      expect(blockById(update.params.blocks, 'review_header').text.text).toContain('(closed)');
    });

    it('turns every why and next-time answer into a team learning, anonymous ones flagged', async () => {
      const row = await started('Learning review');
      await submitReflection(BOB, row.id, { why: 'No canary stage', nextTime: 'Canary first' });
      await submitReflection(CAROL, row.id, { expected: 'only this', nextTime: '* Page earlier', anonymous: true });
      // A third person takes part, so the anonymous reflection is among enough people to stay unnamed.
      await app.event({ type: 'message', channel: CHANNEL, user: 'U0DAN', text: 'Agreed on the canary', ts: '1799999999.000300', thread_ts: row.threadTs });
      await press(ALICE, 'review_close', String(row.id));
      await waitForReview((r) => r.status === 'closed');
      const learnings = await app.db.selectFrom('learning').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();
      expect(learnings.map((l) => [l.userId, l.text, l.anonymous])).toEqual([
        [BOB, 'No canary stage', false],
        [BOB, 'Canary first', false],
        [CAROL, 'Page earlier', true],
      ]);
      for (const learning of learnings) {
        expect(learning).toMatchObject({ source: 'review', sourceKind: 'review', sourceId: row.id, visibility: 'team', tags: ['review'] });
        expect(learning.sourcePermalink).toBe(`https://acme.slack.com/archives/${CHANNEL}/p${row.messageTs!.replace('.', '')}`);
      }
    });
  });

  it('/review list shows open reviews with commitment counts, closed ones and overdue commitments', async () => {
    const open = await started('Open one');
    const done = await started('Closed one');
    await press(ALICE, 'review_close', String(done.id));
    await waitForReview((r) => r.id === done.id && r.status === 'closed');
    await app.db.insertInto('commitment').values({ teamId: app.teamId, reviewId: open.id, ownerId: BOB, text: 'Write the runbook', dueDate: '2000-01-03', createdBy: BOB }).execute();
    await app.db.insertInto('commitment').values({ teamId: app.teamId, reviewId: open.id, ownerId: CAROL, text: 'Future item', dueDate: '2999-01-01', createdBy: CAROL }).execute();
    const reply = await responseTo(await review('list'));
    expect(reply.response_type).toBe('ephemeral');
    const text = allText(reply.blocks);
    expect(blockById(reply.blocks, 'review_list').text.text).toContain('*Reviews in <#');
    expect(text).toMatch(/Open one>.*2 open commitments/);
    expect(text).toContain('Recently closed');
    expect(text).toContain('Closed one');
    expect(text).toContain('Overdue commitments');
    expect(text).toContain(`Write the runbook · <@${BOB}>, was due 2000-01-03`);
    expect(text).not.toMatch(/Overdue[\s\S]*Future item/);
  });
});
