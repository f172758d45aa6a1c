import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertCommitment } from '../../../src/features/commitments/queries';
import { insertPair } from '../../../src/features/mentoring/queries';
import { isSlackResponseUrl } from '../../../src/platform/slack/tell-privately';
import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

// Form metadata and button values travel through the person's Slack client: they are hints, never proof.
// Every test here sends what an adversarial tester sent (a signed submission with edited metadata)
// and checks that it is refused politely, that nothing changed, and that nothing went to Slack.

const ALICE = 'U0ALICE'; // the one who edits metadata; in #team only
const BOB = 'U0BOB'; // in #team and the private #secret
const CAROL = 'U0CAROL'; // in #secret
const TEAM = 'C0TEAM';
const SECRET = 'C0SECRET';
const SECRET_TITLE = 'Reorg of the payments team';
const SECRET_TS = '1790000000.000100';
const NOW = new Date('2026-11-23T10:00:00Z');


describe('form metadata and button values are checked on the server', () => {
  let app: TestApp;
  let counter = 0;
  let secretReviewId: number;
  let secretPromptId: number;

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => NOW } });
    for (const id of [ALICE, BOB, CAROL]) app.slack.addUser({ id });
    app.slack.channelMembers.set(TEAM, [ALICE, BOB]);
    app.slack.channelMembers.set(SECRET, [BOB, CAROL]);
    app.slack.privateChannels.add(SECRET);
    for (const id of [ALICE, BOB, CAROL]) app.slack.dmChannels.set(id, `D${id}`);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    for (const table of ['learning', 'commitment', 'reflection', 'threadReply', 'trackedThread', 'prompt', 'promptSchedule', 'review', 'sessionAttendee', 'learningSession', 'checkIn', 'mentoringPair', 'feedback'] as const) {
      await app.db.deleteFrom(table).execute();
    }
    secretReviewId = (
      await app.db
        .insertInto('review')
        .values({
          teamId: app.teamId, channelId: SECRET, privateChannelId: SECRET, title: SECRET_TITLE, link: null, startedBy: BOB, facilitatorId: null, trigger: 'command', sourceTs: null,
          threadTs: SECRET_TS, messageTs: SECRET_TS, status: 'open', closeAt: null, closedAt: null, closedBy: null, summaryTs: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    secretPromptId = await seedPostedPrompt(app.db, app.teamId, SECRET, '1790000100.000100', { questionText: 'What did the reorg teach us?' });
  });

  const count = async (table: 'review' | 'promptSchedule' | 'reflection' | 'commitment' | 'threadReply' | 'learning' | 'learningSession' | 'sessionAttendee' | 'feedback') =>
    Number((await app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  /** Waits for every request (and the work after its answer), then lists what went to Slack that a refusal must not send. */
  const sentToSlack = async () => {
    await app.learnloop.settled();
    return app.slack.calls.filter((c) => ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'views.open'].includes(c.method)).map((c) => `${c.method} ${c.params.channel ?? ''}`);
  };

  function submit(callbackId: string, metadata: unknown, values: Record<string, Record<string, unknown>>, userId = ALICE) {
    return app.interaction({
      type: 'view_submission',
      user: { id: userId, team_id: app.teamId },
      view: { id: `V${++counter}`, callback_id: callbackId, private_metadata: typeof metadata === 'string' ? metadata : JSON.stringify(metadata), state: { values } },
    });
  }

  /** A signed button press in #team; resolves with what went to its response_url. */
  async function press(actionId: string, value: string, userId = ALICE) {
    const id = `press-${++counter}`;
    const response = await app.interaction({
      type: 'block_actions',
      user: { id: userId, team_id: app.teamId },
      trigger_id: `trigger-${id}`,
      response_url: app.slack.responseUrl(id),
      channel: { id: TEAM },
      container: { type: 'message', message_ts: '1790000500.000100', channel_id: TEAM },
      message: { ts: '1790000500.000100', text: '', blocks: [] },
      actions: [{ type: 'button', action_id: actionId, block_id: 'any', value, action_ts: '1' }],
    });
    expect(response.status).toBe(200);
    return app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);
  }

  describe('the channel a form names must be one the submitter is in', () => {
    it('refuses a review started in a private channel the submitter is not in', async () => {
      const response = await submit('review_start', { channelId: SECRET, trigger: 'modal' }, {
        review_title: { review_title_input: { type: 'plain_text_input', value: 'Our take on the reorg' } },
        review_link: { review_link_input: { type: 'plain_text_input', value: null } },
        review_close_at: { review_close_at_input: { type: 'datetimepicker', selected_date_time: null } },
        review_facilitator: { review_facilitator_input: { type: 'users_select', selected_user: null } },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { review_title: expect.stringContaining('in a channel you are in') } });
      expect(await count('review')).toBe(1);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a prompt schedule for a channel the submitter is not in', async () => {
      const response = await submit('prompt_schedule_create', { channelId: SECRET }, {
        prompt_schedule_cadence: { prompt_schedule_cadence_input: { type: 'static_select', selected_option: { value: 'daily' } } },
        prompt_schedule_time: { prompt_schedule_time_input: { type: 'timepicker', selected_time: '09:00' } },
        prompt_schedule_time_zone: { prompt_schedule_time_zone_input: { type: 'plain_text_input', value: 'Europe/Berlin' } },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { prompt_schedule_cadence: expect.stringContaining('in a channel you are in') } });
      expect(await count('promptSchedule')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a reflection on a review in another channel, without naming the review', async () => {
      const answer = { type: 'plain_text_input', value: 'It went fine' };
      const response = await submit('review_reflection', { reviewId: secretReviewId, channelId: TEAM }, {
        review_expected: { review_expected_input: answer },
        review_actual: { review_actual_input: answer },
        review_why: { review_why_input: { type: 'plain_text_input', value: null } },
        review_next_time: { review_next_time_input: { type: 'plain_text_input', value: null } },
        review_anonymous: { review_anonymous_input: { type: 'checkboxes', selected_options: [] } },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { review_expected: expect.stringContaining('in a channel you are in') } });
      expect(JSON.stringify(response.body)).not.toContain('Reorg');
      expect(await count('reflection')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a commitment on a review in another channel, without naming the review', async () => {
      const response = await submit('commitment_own', { reviewId: secretReviewId }, {
        commitment_text: { commitment_text_input: { type: 'plain_text_input', value: 'Write the runbook' } },
        commitment_owner: { commitment_owner_input: { type: 'users_select', selected_user: ALICE } },
        commitment_due: { commitment_due_input: { type: 'datepicker', selected_date: '2026-12-07' } },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { commitment_text: expect.stringContaining('in a channel you are in') } });
      expect(JSON.stringify(response.body)).not.toContain('Reorg');
      expect(await count('commitment')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a commitment owned by someone outside the private channel (they would hear its title)', async () => {
      const response = await submit(
        'commitment_own',
        { reviewId: secretReviewId },
        {
          commitment_text: { commitment_text_input: { type: 'plain_text_input', value: 'Write the runbook' } },
          commitment_owner: { commitment_owner_input: { type: 'users_select', selected_user: ALICE } },
          commitment_due: { commitment_due_input: { type: 'datepicker', selected_date: '2026-12-07' } },
        },
        BOB,
      );
      expect(response.body).toEqual({ response_action: 'errors', errors: { commitment_owner: expect.stringContaining('not in this private channel') } });
      expect(await count('commitment')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a private reply to a prompt in another channel', async () => {
      const response = await submit('prompt_private_reply', { promptId: secretPromptId }, { prompt_private_reply_text: { prompt_private_reply_input: { type: 'plain_text_input', value: 'My secret answer' } } });
      expect(response.body).toEqual({ response_action: 'errors', errors: { prompt_private_reply_text: expect.stringContaining('in a channel you are in') } });
      expect(await count('threadReply')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a session announced in a channel the organiser is not in', async () => {
      const response = await submit('session_create', { channelId: null }, {
        session_topic: { session_topic_input: { type: 'plain_text_input', value: 'Reading flame graphs' } },
        session_leader: { session_leader_input: { type: 'users_select', selected_user: ALICE } },
        session_backup: { session_backup_input: { type: 'users_select', selected_user: BOB } },
        session_channel: { session_channel_input: { type: 'conversations_select', selected_conversation: SECRET } },
        session_date: { session_date_input: { type: 'datepicker', selected_date: '2026-11-24' } },
        session_time: { session_time_input: { type: 'timepicker', selected_time: '15:00' } },
        session_length: { session_length_input: { type: 'number_input', value: '45' } },
        session_description: { session_description_input: { type: 'plain_text_input', value: null } },
      });
      expect(response.body).toEqual({ response_action: 'errors', errors: { session_channel: expect.stringContaining('in a channel you are in') } });
      expect(await count('learningSession')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('accepts the same forms from someone in the channel (the check is not a blanket refusal)', async () => {
      const response = await submit('prompt_private_reply', { promptId: secretPromptId }, { prompt_private_reply_text: { prompt_private_reply_input: { type: 'plain_text_input', value: 'My answer' } } }, CAROL);
      expect(response.body).toBeUndefined();
      expect(await count('threadReply')).toBe(1);
    });
  });

  describe('a message named in a form is rewritten only in the submitter’s own DM with Learnloop', () => {
    // Someone else's message the bot once posted: the review message in #team.
    const elsewhere = { channelId: TEAM, messageTs: '1790000900.000100' };

    it('the mentor check-in form posts a new DM instead of overwriting a message elsewhere', async () => {
      const pair = await insertPair(app.db, {
        teamId: app.teamId, mentorId: BOB, menteeId: ALICE, status: 'active', cadence: 'biweekly', requestedBy: ALICE, requestNote: null, nextReminderAt: NOW, acceptedAt: NOW,
      });
      const response = await submit(
        'mentor_check_in',
        { pairId: pair!.id, ...elsewhere },
        {
          mentor_check_in_mentee_learned: { mentor_check_in_mentee_learned_input: { type: 'plain_text_input', value: 'Feature flags' } },
          mentor_check_in_mentor_learned: { mentor_check_in_mentor_learned_input: { type: 'plain_text_input', value: null } },
        },
        BOB,
      );
      expect(response.body).toBeUndefined();
      const sent = await sentToSlack();
      expect(sent.filter((call) => call.startsWith('chat.update'))).toEqual([]);
      expect(sent).toContain(`chat.postMessage ${BOB}`);
    });

    it('the mentee’s reflection form leaves a message elsewhere alone', async () => {
      const pair = await insertPair(app.db, {
        teamId: app.teamId, mentorId: BOB, menteeId: ALICE, status: 'active', cadence: 'biweekly', requestedBy: ALICE, requestNote: null, nextReminderAt: NOW, acceptedAt: NOW,
      });
      const checkIn = await app.db
        .insertInto('checkIn')
        .values({ teamId: app.teamId, pairId: pair!.id, mentorId: BOB, menteeId: ALICE, menteeLearned: 'Feature flags', mentorLearned: null, heldAt: NOW })
        .returning('id')
        .executeTakeFirstOrThrow();
      const response = await submit('mentor_reflection', { checkInId: checkIn.id, ...elsewhere }, { mentor_reflection_text: { mentor_reflection_input: { type: 'plain_text_input', value: 'Ask earlier' } } });
      expect(response.body).toBeUndefined();
      expect((await sentToSlack()).filter((call) => call.startsWith('chat.update'))).toEqual([]);
    });

    it('the commitment forms post a new DM instead of overwriting a message elsewhere', async () => {
      const review = await app.db
        .insertInto('review')
        .values({
          teamId: app.teamId, channelId: TEAM, title: 'Checkout outage', link: null, startedBy: BOB, facilitatorId: null, trigger: 'command', sourceTs: null,
          threadTs: elsewhere.messageTs, messageTs: elsewhere.messageTs, status: 'closed', closeAt: null, closedAt: NOW, closedBy: BOB, summaryTs: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const commitment = await insertCommitment(app.db, { teamId: app.teamId, reviewId: review.id, ownerId: ALICE, text: 'Write the runbook', dueDate: '2026-12-07', createdBy: ALICE, createdAt: NOW });
      const response = await submit('commitment_drop_reason', { commitmentId: commitment.id, ...elsewhere }, { commitment_drop_reason_text: { commitment_drop_reason_input: { type: 'plain_text_input', value: null } } });
      expect(response.body).toBeUndefined();
      const sent = await sentToSlack();
      expect(sent.filter((call) => call.startsWith('chat.update'))).toEqual([]);
      expect(sent).toContain(`chat.postMessage ${ALICE}`);
    });

    it('still updates the reminder in the submitter’s own DM', async () => {
      const pair = await insertPair(app.db, {
        teamId: app.teamId, mentorId: BOB, menteeId: ALICE, status: 'active', cadence: 'biweekly', requestedBy: ALICE, requestNote: null, nextReminderAt: NOW, acceptedAt: NOW,
      });
      await submit(
        'mentor_check_in',
        { pairId: pair!.id, channelId: `D${BOB}`, messageTs: '1790000300.000100' },
        {
          mentor_check_in_mentee_learned: { mentor_check_in_mentee_learned_input: { type: 'plain_text_input', value: 'Feature flags' } },
          mentor_check_in_mentor_learned: { mentor_check_in_mentor_learned_input: { type: 'plain_text_input', value: null } },
        },
        BOB,
      );
      expect(await sentToSlack()).toContain(`chat.update D${BOB}`);
    });
  });

  describe('a learning’s credit and link, and feedback’s link, are the ones Learnloop made', () => {
    const learningValues = (text: string) => ({
      learning_text: { learning_text_input: { type: 'plain_text_input', value: text } },
      learning_tags: { learning_tags_input: { type: 'plain_text_input', value: null } },
      learning_link: { learning_link_input: { type: 'plain_text_input', value: null } },
      learning_visibility: { learning_visibility_input: { type: 'radio_buttons', selected_option: { value: 'team' } } },
    });

    let saves = 0;
    /** The metadata of the form "Save as learning" opens on Bob's message in #team, as Slack sends it back. */
    async function savedMessageForm(): Promise<Record<string, unknown>> {
      // Each press of the shortcut is its own signed request, with its own trigger_id, as from Slack.
      const triggerId = `trigger-save-${++saves}`;
      await app.interaction({
        type: 'message_action',
        callback_id: 'learning_save_message',
        trigger_id: triggerId,
        response_url: app.slack.responseUrl('save'),
        action_ts: '1790000600.000100',
        message_ts: '1790000400.000100',
        message: { type: 'message', user: BOB, ts: '1790000400.000100', text: 'Write the rollback plan first' },
        channel: { id: TEAM, name: 'team' },
        user: { id: ALICE, name: 'alice', team_id: app.teamId },
      });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === triggerId));
      app.slack.reset();
      return JSON.parse(open.params.view.private_metadata);
    }

    it.each([
      ['another credited person', { creditedUserId: CAROL }],
      ['a source link to an outside address', { sourcePermalink: 'https://evil.example/archives/C0TEAM/p1790000400000100' }],
      ['a source link to another channel', { sourcePermalink: `https://acme.slack.com/archives/${SECRET}/p1790000000000100`, channelId: SECRET }],
      ['no seal at all', { seal: undefined }],
    ])('refuses a "Save as learning" form edited to carry %s', async (_what, edit) => {
      const metadata = { ...(await savedMessageForm()), ...edit };
      const response = await submit('learning_modal', metadata, learningValues('Rollback plans first'));
      expect(response.body).toEqual({ response_action: 'errors', errors: { learning_text: expect.stringContaining('no longer matches') } });
      expect(await count('learning')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('saves the unedited form with Bob credited and the message linked', async () => {
      const response = await submit('learning_modal', await savedMessageForm(), learningValues('Rollback plans first'));
      expect(response.body).toBeUndefined();
      expect(await app.db.selectFrom('learning').selectAll().executeTakeFirst()).toMatchObject({
        creditedUserId: BOB,
        sourcePermalink: `https://acme.slack.com/archives/${TEAM}/p1790000400000100`,
        channelId: TEAM,
      });
    });

    it('credits only a real colleague, even under a valid seal', async () => {
      // A bot wrote the message: the opener names it, but a learning credits people only.
      app.slack.addUser({ id: 'U0HELPER', is_bot: true });
      await app.interaction({
        type: 'message_action',
        callback_id: 'learning_save_message',
        trigger_id: 'trigger-bot',
        response_url: app.slack.responseUrl('bot'),
        action_ts: '1790000600.000200',
        message_ts: '1790000400.000200',
        message: { type: 'message', user: 'U0HELPER', ts: '1790000400.000200', text: 'Deploys are frozen' },
        channel: { id: TEAM, name: 'team' },
        user: { id: ALICE, name: 'alice', team_id: app.teamId },
      });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === 'trigger-bot'));
      const response = await submit('learning_modal', open.params.view.private_metadata, learningValues('Deploys freeze on Fridays'));
      expect(response.body).toBeUndefined();
      expect(await app.db.selectFrom('learning').selectAll().executeTakeFirst()).toMatchObject({ text: 'Deploys freeze on Fridays', creditedUserId: null, source: 'message' });
    });

    it('refuses a learning from a private channel the submitter is not in', async () => {
      const response = await submit('learning_modal', { mode: 'create', channelId: SECRET }, { ...learningValues('Reorgs are hard'), learning_source: { learning_source_input: { type: 'static_select', selected_option: { value: 'experience' } } } });
      expect(response.body).toEqual({ response_action: 'errors', errors: { learning_text: expect.stringContaining('in a channel you are in') } });
      expect(await count('learning')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });

    it('refuses a learning linked to a prompt it was not opened from', async () => {
      const response = await submit('learning_modal', { mode: 'create', source: 'prompt', channelId: TEAM, promptId: secretPromptId }, learningValues('Reorgs are hard'));
      expect(response.body).toEqual({ response_action: 'errors', errors: { learning_text: expect.stringContaining('no longer matches') } });
      expect(await count('learning')).toBe(0);
    });

    it.each([
      ['an outside address', 'https://evil.example/login'],
      ['a message in a private channel the sender is not in', `https://acme.slack.com/archives/${SECRET}/p1790000000000100`],
    ])('refuses feedback whose context link is %s', async (_what, contextPermalink) => {
      const input = (value: string | null) => ({ type: 'plain_text_input', value });
      const response = await submit('feedback_submit', { contextPermalink, responseUrl: null }, {
        feedback_recipient: { feedback_recipient_input: { type: 'users_select', selected_user: BOB } },
        feedback_situation: { feedback_situation_input: input(null) },
        feedback_behaviour: { feedback_behaviour_input: input(null) },
        feedback_impact: { feedback_impact_input: input(null) },
        feedback_text: { feedback_text_input: input('Nice rollout plan') },
      });
      expect(response.body).toMatchObject({ response_action: 'errors', errors: { feedback_text: expect.any(String) } });
      expect(await count('feedback')).toBe(0);
      expect(await sentToSlack()).toEqual([]);
    });
  });

  describe('the response_url a form carries is Slack’s, or nothing', () => {
    it.each([
      ['https://hooks.slack.com/commands/T0TEAM1/1/abc', 'https://slack.com/api/', true],
      ['http://127.0.0.1:4000/response/x', 'http://127.0.0.1:4000/api/', true],
      ['https://hooks.slack.com.evil.example/commands/1', 'https://slack.com/api/', false],
      ['http://hooks.slack.com/commands/1', 'https://slack.com/api/', false],
      ['https://slack.com/api/chat.postMessage', 'https://slack.com/api/', false],
      ['http://127.0.0.1:4001/response/x', 'http://127.0.0.1:4000/api/', false],
      ['http://169.254.169.254/latest/meta-data', 'https://slack.com/api/', false],
      ['not a url', 'https://slack.com/api/', false],
    ])('%s with the Web API at %s: %s', (url, api, expected) => {
      expect(isSlackResponseUrl(url, api)).toBe(expected);
    });

    it('never posts the answer to an address edited into the metadata; the sender hears by DM instead', async () => {
      const received: string[] = [];
      const elsewhere = createServer((req, res) => {
        received.push(req.url ?? '');
        res.end('ok');
      });
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/collect`;
        const input = (value: string | null) => ({ type: 'plain_text_input', value });
        const response = await submit('feedback_submit', { contextPermalink: null, responseUrl: url }, {
          feedback_recipient: { feedback_recipient_input: { type: 'users_select', selected_user: BOB } },
          feedback_situation: { feedback_situation_input: input(null) },
          feedback_behaviour: { feedback_behaviour_input: input(null) },
          feedback_impact: { feedback_impact_input: input(null) },
          feedback_text: { feedback_text_input: input('Nice rollout plan') },
        });
        expect(response.body).toBeUndefined();
        expect(await sentToSlack()).toContain(`chat.postMessage ${ALICE}`);
        expect(received).toEqual([]);
      } finally {
        await new Promise((resolve) => elsewhere.close(resolve));
      }
    });
  });

  describe('buttons whose value names an item of another channel', () => {
    it('"Add my reflection" does not open the form (it shows the title) for someone outside the review’s channel', async () => {
      const answer = await press('review_add_reflection', String(secretReviewId));
      expect(answer.text).toContain('in a channel you are in');
      expect(answer.text).not.toContain('Reorg');
      expect(await sentToSlack()).toEqual([]);
    });

    it('"Own this" does not open the commitment form for someone outside the review’s channel', async () => {
      const answer = await press('review_own_item', JSON.stringify({ reviewId: secretReviewId, index: 0 }));
      expect(answer.text).toContain('in a channel you are in');
      expect(await sentToSlack()).toEqual([]);
    });

    it('"Reply privately" does not show the question of a prompt in another channel', async () => {
      const answer = await press('prompt_reply_private', String(secretPromptId));
      expect(answer.text).toContain('in a channel you are in');
      expect(JSON.stringify(answer)).not.toContain('reorg');
      expect(await sentToSlack()).toEqual([]);
    });

    it('"I’ll join" does not add someone outside the session’s channel', async () => {
      const session = await app.db
        .insertInto('learningSession')
        .values({
          teamId: app.teamId, channelId: SECRET, topic: 'Reorg Q&A', description: null, organiserId: BOB, leaderId: BOB, backupLeaderId: CAROL, confirmedLeaderId: null,
          startsAt: new Date('2026-11-24T14:00:00Z'), lengthMinutes: 45, timeZone: 'Europe/Berlin', announcementTs: '1790000200.000100',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const answer = await press('session_join', String(session.id));
      expect(answer.text).toContain('in a channel you are in');
      expect(answer.text).not.toContain('Reorg');
      expect(await count('sessionAttendee')).toBe(0);
    });
  });
});
