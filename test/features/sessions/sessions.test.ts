import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { pressButton } from '../../support/interactions';

const CHANNEL = 'C0LEARN';
const ALICE = 'U0ALICE';
const LEAD = 'U0LEAD';
const BACK = 'U0BACK';
const BOB = 'U0BOB';
const NOW = new Date('2026-11-22T10:00:00Z');


describe('leader-led sessions: command, form, announcement, join, list', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => NOW } });
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: LEAD, tz: 'America/New_York' });
    app.slack.addUser({ id: BACK });
    app.slack.addUser({ id: BOB });
    // The session channel's people, as Slack knows them (the form and the join button are checked against them).
    app.slack.channelMembers.set(CHANNEL, [ALICE, LEAD, BACK, BOB]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    for (const table of ['threadReply', 'trackedThread', 'sessionAttendee', 'learningSession'] as const) await app.db.deleteFrom(table).execute();
  });

  const sessions = () => app.db.selectFrom('learningSession').selectAll().where('teamId', '=', app.teamId).orderBy('id').execute();
  const announcements = () => app.slack.callsTo('chat.postMessage').filter((c) => blockById(c.params.blocks, 'session_announcement'));
  const responseTo = (id: string) => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);

  async function command(text: string): Promise<string> {
    const responseId = `session-${++counter}`;
    const response = await app.command('/learnloop', text, { channel_id: CHANNEL, channel_name: 'learning', user_id: ALICE, response_url: app.slack.responseUrl(responseId), trigger_id: `trigger-${responseId}` });
    expect(response.status).toBe(200);
    return responseId;
  }

  interface Fields { topic?: string | null; leader?: string | null; backup?: string | null; channel?: string | null; date?: string | null; time?: string | null; length?: string | null; description?: string | null }
  const filled: Fields = { topic: 'Reading flame graphs', leader: LEAD, backup: BACK, channel: CHANNEL, date: '2026-11-24', time: '15:00', length: '45', description: 'Bring a <!here> profile' };

  function submit(fields: Fields, metadata: Record<string, unknown> = { channelId: CHANNEL }) {
    return app.interaction({
      type: 'view_submission',
      user: { id: ALICE, team_id: app.teamId },
      view: {
        id: `V${++counter}`,
        callback_id: 'session_create',
        private_metadata: JSON.stringify(metadata),
        state: {
          values: {
            session_topic: { session_topic_input: { type: 'plain_text_input', value: fields.topic ?? null } },
            session_leader: { session_leader_input: { type: 'users_select', selected_user: fields.leader ?? null } },
            session_backup: { session_backup_input: { type: 'users_select', selected_user: fields.backup ?? null } },
            session_channel: { session_channel_input: { type: 'conversations_select', selected_conversation: fields.channel ?? null } },
            session_date: { session_date_input: { type: 'datepicker', selected_date: fields.date ?? null } },
            session_time: { session_time_input: { type: 'timepicker', selected_time: fields.time ?? null } },
            session_length: { session_length_input: { type: 'number_input', value: fields.length ?? null } },
            session_description: { session_description_input: { type: 'plain_text_input', value: fields.description ?? null } },
          },
        },
      },
    });
  }

  async function press(user: string, actionId: string, value: string): Promise<string> {
    const responseId = `press-${++counter}`;
    const response = await pressButton(app, { user, actionId, value, channel: CHANNEL, channelName: 'learning', blockId: 'session_announcement_actions', responseId });
    expect(response.status).toBe(200);
    return responseId;
  }

  async function created() {
    const response = await submit(filled);
    expect(response.status).toBe(200);
    await app.slack.waitFor(() => announcements().length > 0);
    return waitForSession();
  }

  async function waitForSession() {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = (await sessions()).find((s) => s.announcementTs !== null);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('session not announced');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('opens the form with the current channel preselected', async () => {
    await command('session');
    const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    const view = open.params.view;
    expect(view.callback_id).toBe('session_create');
    expect(blockById(view.blocks, 'session_channel').element.initial_conversation).toBe(CHANNEL);
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(expect.arrayContaining(['session_topic', 'session_leader', 'session_backup', 'session_date', 'session_time', 'session_length', 'session_description']));
  });

  it('creates the session in the leader time zone and announces it with an I\'ll join button', async () => {
    const response = await submit(filled);
    expect(response.status).toBe(200);
    expect(response.body).toBeFalsy();
    await app.slack.waitFor(() => announcements().length > 0);
    const session = await waitForSession();
    expect(session).toMatchObject({ teamId: app.teamId, channelId: CHANNEL, topic: 'Reading flame graphs', organiserId: ALICE, leaderId: LEAD, backupLeaderId: BACK, lengthMinutes: 45, timeZone: 'America/New_York', status: 'scheduled', stage: 'announced', startsAt: new Date('2026-11-24T20:00:00Z') });
    expect(session.description).toBe('Bring a @\u200Bhere profile');
    const post = announcements()[0]!;
    expect(post.params.channel).toBe(CHANNEL);
    const card = blockById(post.params.blocks, 'session_announcement').text.text;
    expect(card).toContain('Reading flame graphs');
    expect(card).toContain(`<@${LEAD}>`);
    expect(card).toContain(`<@${BACK}>`);
    expect(card).toContain(`<!date^${Date.parse('2026-11-24T20:00:00Z') / 1000}^{date_short_pretty} at {time}|2026-11-24 15:00 (America/New_York)>`);
    expect(card).toContain('45 minutes');
    expect(blockById(post.params.blocks, 'session_announcement_actions').elements[0]).toMatchObject({ action_id: 'session_join', value: String(session.id) });
    const thread = await app.db.selectFrom('trackedThread').selectAll().where('kind', '=', 'session').executeTakeFirstOrThrow();
    expect(thread).toMatchObject({ subjectId: session.id, threadTs: session.announcementTs, channelId: CHANNEL });
  });

  it('returns field errors keyed by block id and saves nothing', async () => {
    const response = await submit({ ...filled, topic: '', backup: LEAD, length: '5', date: '2026-11-21' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((response.body as any).errors).sort()).toEqual(['session_backup', 'session_length', 'session_time', 'session_topic']);
    expect(await sessions()).toHaveLength(0);
    expect(announcements()).toHaveLength(0);
  });

  it('refuses a channel the bot is not in, on the channel field', async () => {
    app.slack.on('conversations.info', (params) => ({ ok: true, channel: { id: params.channel, is_member: false } }));
    const response = await submit(filled);
    expect(response.body).toMatchObject({ response_action: 'errors', errors: { session_channel: expect.stringContaining('not a member') } });
    expect(await sessions()).toHaveLength(0);
  });

  it("stores I'll join once, with an ephemeral confirmation each time", async () => {
    const session = await created();
    const first = await press(BOB, 'session_join', String(session.id));
    expect((await responseTo(first)).text).toContain("You're on the list");
    const second = await press(BOB, 'session_join', String(session.id));
    expect((await responseTo(second)).text).toContain('already on the list');
    const attendees = await app.db.selectFrom('sessionAttendee').selectAll().where('sessionId', '=', session.id).execute();
    expect(attendees.map((a) => a.userId)).toEqual([BOB]);
  });

  it('lists the channel sessions with leader, attendees and reflections', async () => {
    const session = await created();
    await press(BOB, 'session_join', String(session.id));
    await press(ALICE, 'session_join', String(session.id));
    await app.slack.waitFor(() => app.slack.responses.length >= 2);
    const past = await app.db
      .insertInto('learningSession')
      .values({ teamId: app.teamId, channelId: CHANNEL, topic: 'Past talk', description: null, organiserId: ALICE, leaderId: LEAD, backupLeaderId: BACK, confirmedLeaderId: BACK, startsAt: new Date('2026-11-20T10:00:00Z'), lengthMinutes: 30, timeZone: 'UTC', status: 'held', stage: 'reflected', announcementTs: '1790000000.000900' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const thread = await app.db.insertInto('trackedThread').values({ teamId: app.teamId, channelId: CHANNEL, threadTs: '1790000000.000900', kind: 'session', subjectId: past.id }).returning('id').executeTakeFirstOrThrow();
    await app.db.insertInto('threadReply').values([1, 2].map((n) => ({ teamId: app.teamId, threadId: thread.id, channelId: CHANNEL, userId: BOB, text: `I will try ${n}`, ts: `1790000001.00000${n}`, permalink: null }))).execute();
    // A question asked in the thread before the session is no reflection on it.
    await app.db.insertInto('threadReply').values({ teamId: app.teamId, threadId: thread.id, channelId: CHANNEL, userId: ALICE, text: 'Is it recorded?', ts: '1790000000.000950', permalink: null, createdAt: new Date('2026-11-19T09:00:00Z') }).execute();

    const id = await command('session list');
    const body = await responseTo(id);
    const upcoming = blockById(body.blocks, `session_item_${session.id}`).text.text;
    expect(upcoming).toContain('Reading flame graphs');
    expect(upcoming).toContain(`led by <@${LEAD}>`);
    expect(upcoming).toContain('2 joining');
    expect(upcoming).toContain('0 reflections');
    const held = blockById(body.blocks, `session_item_${past.id}`).text.text;
    expect(held).toContain(`led by <@${BACK}>`);
    expect(held).toContain('2 reflections');
    expect(held).toContain('held');
  });
});
