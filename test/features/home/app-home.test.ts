import { insertCommitment } from '../../../src/features/commitments/queries';
import { insertLearning } from '../../../src/features/learnings/queries';
import { lastWeekRange } from '../../../src/features/home/rules';
import { seedPostedPrompt, seedSchedule } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const DAN = 'U0DAN';
const TEAM_CHANNEL = 'C0TEAM';
const QUIET_CHANNEL = 'C0QUIET';
const OTHER_CHANNEL = 'C0OTHER';
const OTHER_TEAM = 'T0OTHER';

const textOf = (blocks: any[] | undefined, id: string): string => blockById(blocks, id)?.text?.text ?? '';
const DAY_MS = 86_400_000;

describe('App Home', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    for (const id of [ALICE, BOB, CAROL, DAN]) app.slack.addUser({ id });
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    app.slack.channelMembers.clear();
    for (const table of ['learning', 'commitment', 'mentoringPair', 'feedback', 'threadReply', 'trackedThread', 'prompt', 'promptSchedule', 'review'] as const) {
      await app.db.deleteFrom(table).execute();
    }
  });

  const publishes = () => app.slack.callsTo('views.publish');
  const lastHome = () => publishes().at(-1)?.params.view;

  async function openHome(): Promise<any> {
    const before = publishes().length;
    const response = await app.event({ type: 'app_home_opened', user: ALICE, tab: 'home', channel: 'D0ALICE' });
    expect(response.status).toBe(200);
    await app.slack.waitFor(() => publishes().length > before);
    expect(lastHome()?.type).toBe('home');
    return lastHome();
  }

  /** A button (or select) on the Home or in a modal; there is no response_url on either. */
  function press(action: Record<string, unknown>, container: Record<string, unknown> = { type: 'view', view_id: 'VHOME' }, view: Record<string, unknown> = { id: 'VHOME', type: 'home' }) {
    return app.interaction({
      type: 'block_actions',
      user: { id: ALICE, username: 'alice', team_id: app.teamId },
      trigger_id: `trigger-home-${++counter}`,
      container,
      view,
      actions: [{ type: 'button', block_id: 'b', action_ts: '1', ...action }],
    });
  }

  async function seedReply(threadId: number, channelId: string, userId: string, createdAt: Date) {
    await app.db
      .insertInto('threadReply')
      .values({ teamId: app.teamId, threadId, channelId, userId, text: `reply by ${userId}`, ts: `${createdAt.getTime() / 1000}.${++counter}`, permalink: null, createdAt })
      .execute();
  }

  /** A workspace with something in every part of Alice's Home, and things she must not see. */
  async function seedWorkspace() {
    const now = new Date();
    const lastWeek = lastWeekRange(now, 'Europe/Berlin');
    const inLastWeek = new Date(lastWeek.from.getTime() + DAY_MS);
    for (let i = 1; i <= 6; i++) {
      await insertLearning(app.db, { teamId: app.teamId, userId: ALICE, text: `Learning number ${i}`, tags: [], link: null, visibility: i === 6 ? 'private' : 'team', source: 'experience' });
    }
    await insertLearning(app.db, { teamId: app.teamId, userId: BOB, text: 'Bob learned something', tags: [], link: null, visibility: 'team', source: 'experience' });
    await insertLearning(app.db, { teamId: OTHER_TEAM, userId: ALICE, text: 'Other workspace learning', tags: [], link: null, visibility: 'team', source: 'experience' });
    const commitment = await insertCommitment(app.db, { teamId: app.teamId, reviewId: null, ownerId: ALICE, text: 'Write the rollback runbook', dueDate: '2030-01-15', createdBy: ALICE, createdAt: now });
    await insertCommitment(app.db, { teamId: app.teamId, reviewId: null, ownerId: BOB, text: 'Bob commitment', dueDate: '2030-01-15', createdBy: BOB, createdAt: now });
    await app.db
      .insertInto('mentoringPair')
      .values({ teamId: app.teamId, mentorId: BOB, menteeId: ALICE, status: 'active', cadence: 'weekly', requestedBy: ALICE, requestNote: null, nextReminderAt: new Date('2030-01-07T09:00:00Z'), acceptedAt: now })
      .execute();
    await app.db
      .insertInto('feedback')
      .values([
        { teamId: app.teamId, senderId: CAROL, recipientId: ALICE, text: 'Older note', status: 'delivered', createdAt: new Date(now.getTime() - 5 * DAY_MS) },
        { teamId: app.teamId, senderId: BOB, recipientId: ALICE, text: 'Your demo made the trade-offs clear', status: 'delivered', createdAt: new Date(now.getTime() - DAY_MS) },
        { teamId: app.teamId, senderId: BOB, recipientId: ALICE, text: 'Too old to count', status: 'delivered', createdAt: new Date(now.getTime() - 40 * DAY_MS) },
        { teamId: app.teamId, senderId: ALICE, recipientId: BOB, text: 'Sent by Alice', status: 'delivered' },
        { teamId: OTHER_TEAM, senderId: BOB, recipientId: ALICE, text: 'Other workspace feedback', status: 'delivered' },
      ])
      .execute();
    // Alice replied in the team channel last week, with Bob and Carol; Dan is a member who did not.
    await seedSchedule(app.db, app.teamId, TEAM_CHANNEL, { nextRunAt: new Date('2030-01-04T14:00:00Z'), createdBy: BOB });
    const promptId = await seedPostedPrompt(app.db, app.teamId, TEAM_CHANNEL, '1790000000.000100', { postedAt: lastWeek.from });
    const thread = await app.db.selectFrom('trackedThread').select('id').where('subjectId', '=', promptId).executeTakeFirstOrThrow();
    for (const user of [ALICE, BOB, CAROL]) await seedReply(thread.id, TEAM_CHANNEL, user, inLastWeek);
    app.slack.channelMembers.set(TEAM_CHANNEL, [ALICE, BOB, CAROL, DAN, app.slack.botUserId]);
    // Alice created this one; only she replied: too few people for a figure.
    await seedSchedule(app.db, app.teamId, QUIET_CHANNEL, { nextRunAt: new Date('2030-01-05T08:00:00Z'), createdBy: ALICE });
    const quietPrompt = await seedPostedPrompt(app.db, app.teamId, QUIET_CHANNEL, '1790000000.000200', { postedAt: lastWeek.from });
    const quietThread = await app.db.selectFrom('trackedThread').select('id').where('subjectId', '=', quietPrompt).executeTakeFirstOrThrow();
    await seedReply(quietThread.id, QUIET_CHANNEL, ALICE, inLastWeek);
    app.slack.channelMembers.set(QUIET_CHANNEL, [ALICE, BOB, CAROL, DAN]);
    // Neither created nor replied to by Alice: not hers to see.
    await seedSchedule(app.db, app.teamId, OTHER_CHANNEL, { nextRunAt: new Date('2030-01-03T08:00:00Z'), createdBy: BOB });
    await app.db
      .insertInto('review')
      .values({ teamId: app.teamId, channelId: TEAM_CHANNEL, title: 'Outage', link: null, startedBy: BOB, facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: '1790000001.000100', messageTs: '1790000001.000100', status: 'open' })
      .execute();
    return { commitment };
  }

  it('publishes my learnings, commitments, mentoring, feedback, streak and team channels', async () => {
    const { commitment } = await seedWorkspace();
    const view = await openHome();
    expect(publishes()[0]?.params.user_id).toBe(ALICE);
    expect(view.callback_id).toBe('home_view');

    const learnings = textOf(view.blocks, 'home_learnings');
    for (const i of [2, 3, 4, 5, 6]) expect(learnings).toContain(`Learning number ${i}`);
    expect(learnings).not.toContain('Learning number 1');
    expect(learnings).toContain('_(only me)_');
    expect(learnings).not.toMatch(/Bob learned|Other workspace/);

    expect(textOf(view.blocks, `home_commitment_${commitment.id}`)).toContain('Write the rollback runbook');
    expect(textOf(view.blocks, `home_commitment_${commitment.id}`)).toContain('Due Tue 15 Jan 2030');
    const buttons = blockById(view.blocks, `home_commitment_actions_${commitment.id}`).elements;
    expect(buttons.map((e: any) => e.action_id)).toEqual(['home_commitment_done', 'home_commitment_more_time']);
    expect(JSON.parse(buttons[0].value)).toEqual({ commitmentId: commitment.id, dueDate: '2030-01-15' });
    expect(JSON.stringify(view.blocks)).not.toContain('Bob commitment');

    expect(textOf(view.blocks, 'home_mentoring')).toContain(`<@${BOB}> mentors you (weekly): next check-in Mon 7 Jan 2030, 10:00`);

    const feedback = textOf(view.blocks, 'home_feedback');
    expect(feedback).toContain('last 30 days:* 2');
    expect(feedback).toContain(`from <@${BOB}>`);
    expect(feedback).toContain('Your demo made the trade-offs clear');
    expect(feedback).not.toMatch(/Older note|Sent by Alice|Other workspace/);

    // Learnings this week, replies last week.
    expect(textOf(view.blocks, 'home_streak')).toContain('2 weeks in a row');

    const team = textOf(view.blocks, `home_channel_${TEAM_CHANNEL}`);
    expect(team).toContain('Next prompt: Fri 4 Jan, 15:00 (Europe/Berlin)');
    expect(team).toContain('Replied last week: 75% (3 of 4)');
    expect(team).toContain('Open reviews: 1');
    const quiet = textOf(view.blocks, `home_channel_${QUIET_CHANNEL}`);
    expect(quiet).toContain('Replied last week: fewer than 3');
    expect(quiet).toContain('Open reviews: 0');
    expect(blockById(view.blocks, `home_channel_${OTHER_CHANNEL}`)).toBeUndefined();
    expect(app.slack.callsTo('conversations.members').map((c) => c.params.channel).sort()).toEqual([QUIET_CHANNEL, TEAM_CHANNEL]);
  });

  it('shows "—" for participation when Slack will not list the members', async () => {
    await seedWorkspace();
    app.slack.fail('conversations.members', { error: 'not_in_channel' }, 2);
    const view = await openHome();
    expect(textOf(view.blocks, `home_channel_${TEAM_CHANNEL}`)).toContain('Replied last week: —');
  });

  it('publishes a friendly empty Home for someone new', async () => {
    const view = await openHome();
    expect(textOf(view.blocks, 'home_streak')).toContain('No streak yet');
    expect(textOf(view.blocks, 'home_commitments')).toContain('None open');
    expect(textOf(view.blocks, 'home_feedback')).toContain('last 30 days:* 0');
    expect(textOf(view.blocks, 'home_team')).toContain('No channels');
    expect(blockById(view.blocks, 'home_quick_actions').elements.map((e: any) => e.action_id)).toEqual(['home_record_learning', 'home_give_feedback', 'home_start_review']);
  });

  it.each([
    ['home_record_learning', 'learning_modal'],
    ['home_give_feedback', 'feedback_submit'],
    ['home_start_review', 'home_review_channel'],
  ])('%s opens the %s form', async (actionId, callbackId) => {
    expect((await press({ action_id: actionId })).status).toBe(200);
    const opened = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    expect(opened.params.view.callback_id).toBe(callbackId);
    expect(opened.params.trigger_id).toMatch(/^trigger-home-/);
  });

  it('turns the review channel picker into the review start form for the chosen channel', async () => {
    const modal = { id: 'VPICK', type: 'modal', callback_id: 'home_review_channel' };
    // Only a channel the person is in becomes a review form.
    app.slack.channelMembers.set(TEAM_CHANNEL, [ALICE]);
    await press({ type: 'conversations_select', action_id: 'home_review_channel_input', block_id: 'home_review_channel_pick', selected_conversation: TEAM_CHANNEL }, { type: 'view', view_id: 'VPICK' }, modal);
    const updated = await app.slack.waitFor(() => app.slack.callsTo('views.update')[0]);
    expect(updated.params.view_id).toBe('VPICK');
    expect(updated.params.view.callback_id).toBe('review_start');
    expect(JSON.parse(updated.params.view.private_metadata)).toEqual({ channelId: TEAM_CHANNEL, trigger: 'modal' });
  });

  it('Done from the Home opens the "What did we learn?" form; submitting it marks the commitment done and refreshes the Home', async () => {
    const { commitment } = await seedWorkspace();
    await press({ action_id: 'home_commitment_done', value: JSON.stringify({ commitmentId: commitment.id, dueDate: commitment.dueDate }) });
    const opened = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    expect(opened.params.view.callback_id).toBe('commitment_done_learning');
    const response = await app.interaction({
      type: 'view_submission',
      user: { id: ALICE, team_id: app.teamId },
      view: {
        id: 'VDONE',
        callback_id: 'commitment_done_learning',
        private_metadata: opened.params.view.private_metadata,
        state: { values: { commitment_done_learning_text: { commitment_done_learning_input: { type: 'plain_text_input', value: 'Runbooks need an owner' } } } },
      },
    });
    expect(response.status).toBe(200);
    const row = await waitForRow(commitment.id, (c) => c.status === 'done');
    expect(row.doneLearningId).not.toBeNull();
    await app.slack.waitFor(() => publishes().length === 1);
    expect(blockById(lastHome().blocks, `home_commitment_${commitment.id}`)).toBeUndefined();
  });

  it('Done on a commitment that is no longer open re-publishes the Home without it', async () => {
    const { commitment } = await seedWorkspace();
    await app.db.updateTable('commitment').set({ status: 'dropped' }).where('id', '=', commitment.id).execute();
    await press({ action_id: 'home_commitment_done', value: JSON.stringify({ commitmentId: commitment.id, dueDate: commitment.dueDate }) });
    await app.slack.waitFor(() => publishes().length === 1);
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
    expect(blockById(lastHome().blocks, `home_commitment_${commitment.id}`)).toBeUndefined();
  });

  it('More time from the Home moves the due date a week and re-publishes; a second click changes nothing', async () => {
    const { commitment } = await seedWorkspace();
    const value = JSON.stringify({ commitmentId: commitment.id, dueDate: '2030-01-15' });
    await press({ action_id: 'home_commitment_more_time', value });
    await app.slack.waitFor(() => publishes().length === 1);
    expect((await waitForRow(commitment.id, () => true)).dueDate).toBe('2030-01-22');
    expect(textOf(lastHome().blocks, `home_commitment_${commitment.id}`)).toContain('Due Tue 22 Jan 2030');
    expect(publishes()[0]?.params.user_id).toBe(ALICE);

    await press({ action_id: 'home_commitment_more_time', value });
    await app.slack.waitFor(() => publishes().length === 2);
    expect((await waitForRow(commitment.id, () => true)).dueDate).toBe('2030-01-22');
  });

  it('More time on someone else\'s commitment changes nothing', async () => {
    const bobs = await insertCommitment(app.db, { teamId: app.teamId, reviewId: null, ownerId: BOB, text: 'Bob commitment', dueDate: '2030-01-15', createdBy: BOB, createdAt: new Date() });
    await press({ action_id: 'home_commitment_more_time', value: JSON.stringify({ commitmentId: bobs.id, dueDate: '2030-01-15' }) });
    await app.slack.waitFor(() => publishes().length === 1);
    expect((await waitForRow(bobs.id, () => true)).dueDate).toBe('2030-01-15');
  });

  async function waitForRow(id: number, predicate: (row: any) => boolean) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const row = await app.db.selectFrom('commitment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      if (predicate(row)) return row;
      if (Date.now() > deadline) throw new Error(`commitment ${id} did not reach the expected state`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
