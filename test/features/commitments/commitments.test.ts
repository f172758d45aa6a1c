import { insertCommitment } from '../../../src/features/commitments/queries';
import { queueCommitmentFollowUps } from '../../../src/features/commitments/jobs/queue-commitment-follow-ups';
import { commitmentReplies } from '../../../src/features/commitments/blocks';
import { startTestApp, type TestApp } from '../../support/test-app';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CHANNEL = 'C0REVIEW';
const THREAD_TS = '1700000100.000100';
// Monday 23 Nov 2026, 11:00 in Berlin.
const NOW = new Date('2026-11-23T10:00:00Z');

describe('commitments from after-action reviews', () => {
  let app: TestApp;
  let reviewId: number;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => NOW } });
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: BOB, tz: 'America/New_York' });
    app.slack.addUser({ id: 'U0HELPER', is_bot: true });
    app.slack.addUser({ id: 'U0GONE', deleted: true });
    // The review's channel and each person's DM with Learnloop, as Slack knows them (forms are checked against both).
    app.slack.channelMembers.set(CHANNEL, [ALICE, BOB]);
    for (const id of [ALICE, BOB]) app.slack.dmChannels.set(id, `D${id}`);
    const review = await app.db
      .insertInto('review')
      .values({
        teamId: app.teamId,
        channelId: CHANNEL,
        title: 'Checkout outage <!here>',
        link: null,
        startedBy: ALICE,
        facilitatorId: null,
        trigger: 'command',
        sourceTs: null,
        threadTs: THREAD_TS,
        messageTs: THREAD_TS,
        status: 'closed',
        closeAt: null,
        closedAt: NOW,
        closedBy: ALICE,
        summaryTs: '1700000200.000100',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    reviewId = review.id;
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await app.db.deleteFrom('scheduledDm').execute();
    await app.db.deleteFrom('commitment').execute();
    await app.db.deleteFrom('learning').execute();
  });

  const commitments = () => app.db.selectFrom('commitment').selectAll().orderBy('id').execute();
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const summaryBlocks = [
    { type: 'section', block_id: 'review_summary', text: { type: 'mrkdwn', text: '*Next time*' } },
    {
      type: 'section',
      block_id: 'review_next_item_0',
      text: { type: 'mrkdwn', text: '• Write the rollback runbook &amp; test it' },
      accessory: { type: 'button', action_id: 'review_own_item', value: '{}' },
    },
    {
      type: 'section',
      block_id: 'review_next_item_1',
      text: { type: 'mrkdwn', text: '• Page the on-call lead earlier' },
      accessory: { type: 'button', action_id: 'review_own_item', value: '{}' },
    },
  ];

  /** A signed button click; `reply()` waits for what went to its response_url. */
  const click = async (actionId: string, value: string, userId: string, extra: Record<string, unknown> = {}) => {
    const id = `click-${++counter}`;
    const response = await app.interaction({
      type: 'block_actions',
      user: { id: userId, team_id: app.teamId },
      trigger_id: `trig-${id}`,
      response_url: app.slack.responseUrl(id),
      channel: { id: `D${userId}` },
      container: { type: 'message', message_ts: '1700000300.000100' },
      message: { ts: '1700000300.000100', text: '', blocks: [] },
      actions: [{ type: 'button', action_id: actionId, block_id: 'any', value, action_ts: '1' }],
      ...extra,
    });
    expect(response.status).toBe(200);
    return { reply: () => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body) };
  };
  const openedView = () => app.slack.waitFor(() => app.slack.callsTo('views.open').at(-1)?.params.view);

  const submitView = (callbackId: string, values: Record<string, Record<string, unknown>>, metadata: unknown, userId = ALICE) =>
    app.interaction({
      type: 'view_submission',
      user: { id: userId, team_id: app.teamId },
      view: { id: 'V1', callback_id: callbackId, private_metadata: JSON.stringify(metadata), state: { values } },
    });

  const ownValues = (v: { text?: string | null; owner?: string | null; due?: string | null }) => ({
    commitment_text: { commitment_text_input: { type: 'plain_text_input', value: v.text ?? null } },
    commitment_owner: { commitment_owner_input: { type: 'users_select', selected_user: v.owner ?? null } },
    commitment_due: { commitment_due_input: { type: 'datepicker', selected_date: v.due ?? null } },
  });

  const seedCommitment = (ownerId = ALICE, dueDate = '2026-12-07') =>
    insertCommitment(app.db, { teamId: app.teamId, reviewId, ownerId, text: 'Write the rollback runbook', dueDate, createdBy: ownerId, createdAt: NOW });
  const followUpValue = (id: number, dueDate = '2026-12-07') => JSON.stringify({ commitmentId: id, dueDate });

  describe('Own this', () => {
    it('opens a form pre-filled with the item, the clicker as owner and a due date two weeks out; submitting saves the commitment', async () => {
      await click('review_own_item', JSON.stringify({ reviewId, index: 0 }), ALICE, { channel: { id: CHANNEL }, message: { ts: '1700000200.000100', blocks: summaryBlocks } });
      const view = await openedView();
      expect(view.callback_id).toBe('commitment_own');
      const block = (id: string) => view.blocks.find((b: any) => b.block_id === id);
      expect(block('commitment_text').element.initial_value).toBe('Write the rollback runbook & test it');
      expect(block('commitment_owner').element).toMatchObject({ type: 'users_select', initial_user: ALICE });
      expect(block('commitment_due').element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-07' });
      expect(JSON.stringify(view)).not.toContain('<!here>');

      const response = await submitView('commitment_own', ownValues({ text: 'Write the rollback runbook & test it', owner: ALICE, due: '2026-12-07' }), JSON.parse(view.private_metadata));
      expect(response.status).toBe(200);
      expect(response.body).toBeUndefined();
      expect(await commitments()).toEqual([
        expect.objectContaining({
          teamId: app.teamId,
          reviewId,
          ownerId: ALICE,
          createdBy: ALICE,
          text: 'Write the rollback runbook & test it',
          dueDate: '2026-12-07',
          status: 'open',
          followUpsSent: 0,
          createdAt: NOW,
        }),
      ]);
      const confirmation = await app.slack.waitFor(() => app.slack.callsTo('chat.postEphemeral')[0]);
      expect(confirmation.params).toMatchObject({ channel: CHANNEL, user: ALICE, thread_ts: THREAD_TS });
      expect(confirmation.params.text).toBe(commitmentReplies.saved(ALICE, ALICE, 'Write the rollback runbook & test it', '2026-12-07'));
      expect(confirmation.params.text).toContain('Mon 7 Dec 2026');
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });

    it('takes the item by its index and works without the summary blocks (empty text to type)', async () => {
      await click('review_own_item', JSON.stringify({ reviewId, index: 1 }), ALICE, { message: { ts: '1', blocks: summaryBlocks } });
      expect((await openedView()).blocks.find((b: any) => b.block_id === 'commitment_text').element.initial_value).toBe('Page the on-call lead earlier');
      app.slack.reset();
      await click('review_own_item', JSON.stringify({ reviewId, index: 5 }), ALICE);
      expect((await openedView()).blocks.find((b: any) => b.block_id === 'commitment_text').element.initial_value).toBeUndefined();
    });

    it('defaults the due date in the clicker’s time zone', async () => {
      // 23:30 UTC: already Tuesday in Berlin, still Monday in New York.
      const late = await startTestApp({ schema: app.schema, slack: app.slack, clock: { now: () => new Date('2026-11-23T23:30:00Z') } });
      try {
        for (const [userId, expected] of [[ALICE, '2026-12-08'], [BOB, '2026-12-07']] as const) {
          app.slack.reset();
          const response = await late.interaction({
            type: 'block_actions',
            user: { id: userId, team_id: app.teamId },
            trigger_id: 'trig-late',
            response_url: app.slack.responseUrl('late'),
            actions: [{ type: 'button', action_id: 'review_own_item', block_id: 'any', value: JSON.stringify({ reviewId, index: 0 }), action_ts: '1' }],
          });
          expect(response.status).toBe(200);
          expect((await openedView()).blocks.find((b: any) => b.block_id === 'commitment_due').element.initial_date).toBe(expected);
        }
      } finally {
        await late.stop();
      }
    });

    it('tells the owner by DM when someone else made them the owner', async () => {
      const response = await submitView('commitment_own', ownValues({ text: 'Page the on-call lead <!channel>', owner: BOB, due: '2026-12-01' }), { reviewId });
      expect(response.body).toBeUndefined();
      expect(await commitments()).toEqual([expect.objectContaining({ ownerId: BOB, createdBy: ALICE, dueDate: '2026-12-01' })]);
      const [notice] = await app.slack.waitFor(() => dmsTo(BOB).length > 0 && dmsTo(BOB));
      expect(notice!.params.text).toContain(`<@${ALICE}> made you the owner of a commitment from <https://acme.slack.com/archives/${CHANNEL}/p1700000100000100|`);
      expect(notice!.params.text).toContain('Tue 1 Dec 2026');
      expect(notice!.params.text).not.toContain('<!channel>');
      expect(notice!.params.text).not.toContain('<!here>');
      const confirmation = await app.slack.waitFor(() => app.slack.callsTo('chat.postEphemeral')[0]);
      expect(confirmation.params.text).toContain(`<@${BOB}> owns`);
      // The scheduled DM queue is for follow-ups, not this one-off.
      expect(await app.db.selectFrom('scheduledDm').selectAll().execute()).toHaveLength(0);
    });

    it('confirms by DM when it cannot post in the review thread', async () => {
      app.slack.fail('chat.postEphemeral', { error: 'not_in_channel' });
      await submitView('commitment_own', ownValues({ text: 'Write it down', owner: ALICE, due: '2026-12-07' }), { reviewId });
      const [dm] = await app.slack.waitFor(() => dmsTo(ALICE).length > 0 && dmsTo(ALICE));
      expect(dm!.params.text).toBe(commitmentReplies.saved(ALICE, ALICE, 'Write it down', '2026-12-07'));
    });

    it.each([
      ['an empty text', { text: '  ', owner: ALICE, due: '2026-12-07' }, { commitment_text: 'Write what will be done differently next time.' }],
      ['a text over 500 characters', { text: 'x'.repeat(501), owner: ALICE, due: '2026-12-07' }, { commitment_text: commitmentReplies.tooLong(500, 501) }],
      ['a due date in the past', { text: 'Do it', owner: ALICE, due: '2026-11-22' }, { commitment_due: 'That date is in the past; choose today or a later date.' }],
      ['no due date', { text: 'Do it', owner: ALICE, due: null }, { commitment_due: 'Choose a due date.' }],
      ['no owner', { text: 'Do it', owner: null, due: '2026-12-07' }, { commitment_owner: commitmentReplies.chooseOwner }],
      ['a bot owner', { text: 'Do it', owner: 'U0HELPER', due: '2026-12-07' }, { commitment_owner: commitmentReplies.ownerRefusals.bot }],
      ['Learnloop as owner', { text: 'Do it', owner: 'U0BOT', due: '2026-12-07' }, { commitment_owner: commitmentReplies.ownerRefusals.bot }],
      ['a deactivated owner', { text: 'Do it', owner: 'U0GONE', due: '2026-12-07' }, { commitment_owner: commitmentReplies.ownerRefusals.deactivated }],
      [
        'several problems at once',
        { text: '', owner: 'U0GONE', due: '2026-01-01' },
        { commitment_text: 'Write what will be done differently next time.', commitment_owner: commitmentReplies.ownerRefusals.deactivated, commitment_due: 'That date is in the past; choose today or a later date.' },
      ],
    ])('refuses %s with a field error and saves nothing', async (_name, values, errors) => {
      const response = await submitView('commitment_own', ownValues(values), { reviewId });
      expect(response.body).toEqual({ response_action: 'errors', errors });
      expect(await commitments()).toHaveLength(0);
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });

    it('says so when the review is gone', async () => {
      const { reply } = await click('review_own_item', JSON.stringify({ reviewId: 999_999, index: 0 }), ALICE);
      expect((await reply()).text).toBe(commitmentReplies.reviewGone);
      const response = await submitView('commitment_own', ownValues({ text: 'Do it', owner: ALICE, due: '2026-12-07' }), { reviewId: 999_999 });
      expect(response.body).toEqual({ response_action: 'errors', errors: { commitment_text: commitmentReplies.reviewGone } });
    });
  });

  describe('the follow-up buttons', () => {
    it('Done: the form’s answer becomes the owner’s learning, is posted in the review thread, and the commitment is done', async () => {
      const commitment = await seedCommitment();
      await click('commitment_done', followUpValue(commitment.id), ALICE);
      const view = await openedView();
      expect(view.callback_id).toBe('commitment_done_learning');

      const response = await submitView('commitment_done_learning', { commitment_done_learning_text: { commitment_done_learning_input: { type: 'plain_text_input', value: 'Runbooks only help if someone rehearses them <!everyone>' } } }, JSON.parse(view.private_metadata));
      expect(response.body).toBeUndefined();

      const learning = await app.db.selectFrom('learning').selectAll().executeTakeFirstOrThrow();
      expect(learning).toMatchObject({
        teamId: app.teamId,
        userId: ALICE,
        text: 'Runbooks only help if someone rehearses them <!everyone>',
        source: 'review',
        sourceKind: 'commitment',
        sourceId: commitment.id,
        tags: ['review'],
        channelId: CHANNEL,
      });
      const post = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === CHANNEL));
      expect(post.params.thread_ts).toBe(THREAD_TS);
      const posted = JSON.stringify(post.params);
      expect(posted).toContain(`<@${ALICE}>`);
      expect(posted).toContain('Runbooks only help if someone rehearses them');
      expect(posted).not.toContain('<!everyone>');
      expect(await commitments()).toEqual([expect.objectContaining({ status: 'done', doneAt: NOW, doneLearningId: learning.id })]);
      // The DM loses its buttons (after the learning was recorded as shared) and says what happened.
      const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update')[0]);
      expect(update.params).toMatchObject({ channel: `D${ALICE}`, ts: '1700000300.000100', text: commitmentReplies.done(true) });
      expect(JSON.stringify(update.params.blocks)).not.toContain('commitment_done"');
      expect((await app.db.selectFrom('learning').select(['sharedChannelId']).executeTakeFirstOrThrow()).sharedChannelId).toBe(CHANNEL);

      // Pressing Done again on the old DM changes nothing.
      const again = await click('commitment_done', followUpValue(commitment.id), ALICE);
      expect((await again.reply()).text).toBe(commitmentReplies.alreadyDone);
    });

    it('Done: an empty answer is a field error', async () => {
      const commitment = await seedCommitment();
      const response = await submitView('commitment_done_learning', { commitment_done_learning_text: { commitment_done_learning_input: { type: 'plain_text_input', value: ' ' } } }, { commitmentId: commitment.id });
      expect(response.body).toEqual({ response_action: 'errors', errors: { commitment_done_learning_text: commitmentReplies.learningEmpty } });
      expect(await commitments()).toEqual([expect.objectContaining({ status: 'open' })]);
    });

    it('Need more time: due a week later, follow-ups start over, and the next one comes on the new date', async () => {
      const commitment = await seedCommitment();
      await app.db.updateTable('commitment').set({ followUpsSent: 1 }).execute();
      const { reply } = await click('commitment_more_time', followUpValue(commitment.id), ALICE, {
        message: { ts: '1700000300.000100', blocks: [{ type: 'section', block_id: 'commitment_follow_up', text: { type: 'mrkdwn', text: 'Two weeks ago…' } }] },
      });
      const answer = await reply();
      expect(answer).toMatchObject({ replace_original: true, text: commitmentReplies.moreTime('2026-12-14') });
      expect(JSON.stringify(answer.blocks)).toContain('Two weeks ago…');
      expect(await commitments()).toEqual([expect.objectContaining({ dueDate: '2026-12-14', followUpsSent: 0, status: 'open' })]);

      // A second click on the same DM does not add another week.
      const again = await click('commitment_more_time', followUpValue(commitment.id), ALICE);
      expect((await again.reply()).text).toBe(commitmentReplies.alreadyExtended('2026-12-14'));
      expect((await commitments())[0]!.dueDate).toBe('2026-12-14');

      const job = queueCommitmentFollowUps(app.learnloop.deps);
      expect(await job.run(new Date('2026-12-10T08:00:00Z'))).toEqual({ followUps: 0, reminders: 0 });
      expect(await job.run(new Date('2026-12-14T07:59:00Z'))).toEqual({ followUps: 0, reminders: 0 });
      expect(await job.run(new Date('2026-12-14T08:00:00Z'))).toEqual({ followUps: 1, reminders: 0 });
      const queued = await app.db.selectFrom('scheduledDm').selectAll().execute();
      expect(queued.map((dm) => dm.dedupeKey)).toEqual([`commitment_followup:${commitment.id}:2026-12-14:1`]);
    });

    it('Dropped: the reason is kept and the commitment is closed', async () => {
      const commitment = await seedCommitment();
      await click('commitment_drop', followUpValue(commitment.id), ALICE);
      const view = await openedView();
      expect(view.callback_id).toBe('commitment_drop_reason');
      const response = await submitView('commitment_drop_reason', { commitment_drop_reason_text: { commitment_drop_reason_input: { type: 'plain_text_input', value: 'We replaced the service instead' } } }, JSON.parse(view.private_metadata));
      expect(response.body).toBeUndefined();
      expect(await commitments()).toEqual([expect.objectContaining({ status: 'dropped', droppedReason: 'We replaced the service instead', doneLearningId: null })]);
      const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update')[0]);
      expect(update.params.text).toBe(commitmentReplies.dropped);
    });

    it('Dropped: the reason is optional', async () => {
      const commitment = await seedCommitment();
      const response = await submitView('commitment_drop_reason', { commitment_drop_reason_text: { commitment_drop_reason_input: { type: 'plain_text_input', value: null } } }, { commitmentId: commitment.id });
      expect(response.body).toBeUndefined();
      expect(await commitments()).toEqual([expect.objectContaining({ status: 'dropped', droppedReason: null })]);
    });

    it.each(['commitment_done', 'commitment_more_time', 'commitment_drop'])('refuses %s from anyone but the owner', async (actionId) => {
      const commitment = await seedCommitment(ALICE);
      const { reply } = await click(actionId, followUpValue(commitment.id), BOB);
      expect((await reply()).text).toBe(commitmentReplies.notOwner(ALICE));
      expect(app.slack.callsTo('views.open')).toHaveLength(0);
      expect(await commitments()).toEqual([expect.objectContaining({ status: 'open', dueDate: '2026-12-07' })]);
    });

    it('refuses a forged form submission from anyone but the owner', async () => {
      const commitment = await seedCommitment(ALICE);
      const done = await submitView('commitment_done_learning', { commitment_done_learning_text: { commitment_done_learning_input: { type: 'plain_text_input', value: 'mine now' } } }, { commitmentId: commitment.id }, BOB);
      expect(done.body).toEqual({ response_action: 'errors', errors: { commitment_done_learning_text: commitmentReplies.notOwner(ALICE) } });
      const drop = await submitView('commitment_drop_reason', { commitment_drop_reason_text: { commitment_drop_reason_input: { type: 'plain_text_input', value: null } } }, { commitmentId: commitment.id }, BOB);
      expect(drop.body).toEqual({ response_action: 'errors', errors: { commitment_drop_reason_text: commitmentReplies.notOwner(ALICE) } });
      expect(await commitments()).toEqual([expect.objectContaining({ status: 'open' })]);
      expect(await app.db.selectFrom('learning').selectAll().execute()).toHaveLength(0);
    });
  });
});
