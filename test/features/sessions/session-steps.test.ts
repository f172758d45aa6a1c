import { runSessionSteps } from '../../../src/features/sessions/jobs/run-session-steps';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { pressButton } from '../../support/interactions';

const CHANNEL = 'C0LEARN';
const ORGANISER = 'U0ALICE';
const LEAD = 'U0LEAD';
const BACK = 'U0BACK';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const START = new Date('2026-11-24T14:00:00Z');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);
const hours = (n: number) => minutes(n * 60);


describe('leader-led session steps', () => {
  let app: TestApp;
  let other: TestApp;
  let counter = 0;
  let now = hours(-48);

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => now } });
    // A second process on the same database and the same Slack.
    other = await startTestApp({ schema: app.schema, slack: app.slack, clock: { now: () => now } });
    for (const id of [ORGANISER, LEAD, BACK, BOB, CAROL]) app.slack.addUser({ id });
  });
  afterAll(async () => {
    await other.stop();
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    now = hours(-48);
    for (const table of ['learning', 'threadReply', 'trackedThread', 'sessionAttendee', 'learningSession'] as const) await app.db.deleteFrom(table).execute();
  });

  const job = (target: TestApp = app) => runSessionSteps(target.learnloop.deps);
  const session = (id: number) => app.db.selectFrom('learningSession').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const postsTo = (channel: string) => app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);
  const dmsWith = (user: string, blockId: string) => postsTo(user).filter((c) => blockById(c.params.blocks, blockId));
  const threadPosts = (ts: string) => postsTo(CHANNEL).filter((c) => c.params.thread_ts === ts);
  const responseTo = (id: string) => app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);

  async function seed(n = 1, startsAt = START): Promise<{ id: number; ts: string }> {
    const ts = `17900${String(n).padStart(5, '0')}.000100`;
    const row = await app.db
      .insertInto('learningSession')
      .values({ teamId: app.teamId, channelId: CHANNEL, topic: `Flame graphs ${n}`, description: null, organiserId: ORGANISER, leaderId: LEAD, backupLeaderId: BACK, confirmedLeaderId: null, startsAt, lengthMinutes: 60, timeZone: 'Europe/Berlin', announcementTs: ts })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.insertInto('trackedThread').values({ teamId: app.teamId, channelId: CHANNEL, threadTs: ts, kind: 'session', subjectId: row.id }).execute();
    return { id: row.id, ts };
  }

  async function press(user: string, actionId: string, value: string): Promise<string> {
    const responseId = `press-${++counter}`;
    const response = await pressButton(app, { user, actionId, value, channel: `D${user}`, channelName: 'directmessage', blockId: 'session_ask_actions', responseId });
    expect(response.status).toBe(200);
    return responseId;
  }

  it('asks the leader a day before; their Confirm is announced in the thread and no backup is asked', async () => {
    const { id, ts } = await seed();
    expect((await job().run(hours(-25))).leaderAsked).toBe(0);
    expect((await job().run(hours(-24))).leaderAsked).toBe(1);
    expect((await job().run(hours(-23))).leaderAsked).toBe(0);
    const ask = dmsWith(LEAD, 'session_ask');
    expect(ask).toHaveLength(1);
    expect(blockById(ask[0]!.params.blocks, 'session_ask_actions').elements.map((e: any) => e.action_id)).toEqual(['session_leader_confirm', 'session_leader_decline']);

    // Only the person asked may answer.
    const refused = await press(BOB, 'session_leader_confirm', String(id));
    expect((await responseTo(refused)).text).toContain(`Only <@${LEAD}>`);
    expect((await session(id)).status).toBe('scheduled');

    const pressed = await press(LEAD, 'session_leader_confirm', String(id));
    expect((await responseTo(pressed)).text).toContain("you're leading");
    await app.slack.waitFor(() => threadPosts(ts).length > 0);
    expect(threadPosts(ts)[0]!.params.text).toContain(`<@${LEAD}> will lead *Flame graphs 1*`);
    expect(await session(id)).toMatchObject({ status: 'confirmed', confirmedLeaderId: LEAD });

    expect((await job().run(hours(-2))).backupAsked).toBe(0);
    expect(postsTo(BACK)).toHaveLength(0);
  });

  it('asks the backup when the leader declines; the backup takes over and the thread is told', async () => {
    const { id, ts } = await seed();
    await job().run(hours(-24));
    const declined = await press(LEAD, 'session_leader_decline', String(id));
    expect((await responseTo(declined)).text).toContain('asked the backup leader');
    const ask = await app.slack.waitFor(() => dmsWith(BACK, 'session_ask')[0]);
    expect(ask.params.text).toContain(`<@${LEAD}> can't make it`);
    expect(blockById(ask.params.blocks, 'session_ask_actions').elements.map((e: any) => e.action_id)).toEqual(['session_backup_take_over', 'session_backup_decline']);
    expect((await session(id)).stage).toBe('backup_asked');

    // The job does not ask the backup a second time.
    expect((await job().run(hours(-2))).backupAsked).toBe(0);
    // A late Confirm from the leader changes nothing.
    const late = await press(LEAD, 'session_leader_confirm', String(id));
    expect((await responseTo(late)).text).toContain('already been settled');

    await press(BACK, 'session_backup_take_over', String(id));
    await app.slack.waitFor(() => threadPosts(ts).length > 0);
    expect(threadPosts(ts)[0]!.params.text).toContain(`<@${BACK}> will lead`);
    expect(await session(id)).toMatchObject({ status: 'confirmed', confirmedLeaderId: BACK });
    expect((await job().run(minutes(1))).postponed).toBe(0);
    expect(dmsWith(BACK, 'session_ask')).toHaveLength(1);
  });

  it('asks the backup when the leader has not confirmed two hours before', async () => {
    const { id } = await seed();
    await job().run(hours(-24));
    expect((await job().run(minutes(-121))).backupAsked).toBe(0);
    expect((await job().run(hours(-2))).backupAsked).toBe(1);
    const ask = dmsWith(BACK, 'session_ask');
    expect(ask).toHaveLength(1);
    expect(ask[0]!.params.text).toContain(`<@${LEAD}> hasn't confirmed`);
    expect((await session(id)).stage).toBe('backup_asked');
  });

  it('postpones in the thread and DMs the organiser when the backup cannot either', async () => {
    const { id, ts } = await seed();
    await job().run(hours(-24));
    await job().run(hours(-2));
    const pressed = await press(BACK, 'session_backup_decline', String(id));
    expect((await responseTo(pressed)).text).toContain('postponed');
    await app.slack.waitFor(() => postsTo(ORGANISER).length > 0);
    expect(threadPosts(ts).map((c) => c.params.text)).toEqual([expect.stringContaining('Nobody could lead *Flame graphs 1*, so it is postponed')]);
    expect(postsTo(ORGANISER)[0]!.params.text).toContain('postponed');
    expect(await session(id)).toMatchObject({ status: 'postponed', stage: 'resolved' });
    expect((await job().run(minutes(0))).postponed).toBe(0);
    expect((await job().run(minutes(90))).reflected).toBe(0);
    expect(threadPosts(ts)).toHaveLength(1);
  });

  it('postpones at the start time when nobody answered', async () => {
    const { id, ts } = await seed();
    await job().run(hours(-24));
    await job().run(hours(-2));
    expect((await job().run(minutes(-1))).postponed).toBe(0);
    expect((await job().run(minutes(0))).postponed).toBe(1);
    expect(threadPosts(ts)).toHaveLength(1);
    expect(postsTo(ORGANISER)).toHaveLength(1);
    expect((await session(id)).status).toBe('postponed');
  });

  it('DMs attendees 15 minutes before a confirmed session, once', async () => {
    const { id } = await seed();
    await job().run(hours(-24));
    await press(LEAD, 'session_leader_confirm', String(id));
    for (const user of [BOB, CAROL]) await app.db.insertInto('sessionAttendee').values({ teamId: app.teamId, sessionId: id, userId: user, remindedAt: null }).execute();
    await waitForStatus(id, 'confirmed');
    expect((await job().run(minutes(-16))).reminded).toBe(0);
    expect((await job().run(minutes(-15))).reminded).toBe(2);
    expect((await job().run(minutes(-14))).reminded).toBe(0);
    for (const user of [BOB, CAROL]) {
      const dms = dmsWith(user, 'session_reminder');
      expect(dms).toHaveLength(1);
      expect(dms[0]!.params.text).toContain('Flame graphs 1');
    }
  });

  it('after a 500 from a Slack that kept an attendee’s reminder, finds it instead of sending it again', async () => {
    const { id } = await seed();
    await job().run(hours(-24));
    await press(LEAD, 'session_leader_confirm', String(id));
    await app.db.insertInto('sessionAttendee').values({ teamId: app.teamId, sessionId: id, userId: BOB, remindedAt: null }).execute();
    await waitForStatus(id, 'confirmed');
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    expect(await job().run(minutes(-15))).toMatchObject({ reminded: 1, failed: 0 });
    expect(await job().run(minutes(-10))).toMatchObject({ reminded: 0 });
    const kept = app.slack.messages.filter((m) => m.channel === `D${BOB.replace(/^U/, '')}` && m.metadata?.event_type === 'learnloop_session_reminder');
    expect(kept).toEqual([expect.objectContaining({ metadata: { event_type: 'learnloop_session_reminder', event_payload: { session_id: id } } })]);
    expect(dmsWith(BOB, 'session_reminder')).toHaveLength(1);
  });

  it('after the session, prompts the thread, asks the leader, and stores their answer as a learning', async () => {
    const { id, ts } = await seed();
    await job().run(hours(-24));
    await press(LEAD, 'session_leader_confirm', String(id));
    await waitForStatus(id, 'confirmed');
    expect((await job().run(minutes(59))).reflected).toBe(0);
    expect((await job().run(minutes(60))).reflected).toBe(1);
    expect((await job().run(minutes(61))).reflected).toBe(0);
    const prompt = threadPosts(ts).find((c) => blockById(c.params.blocks, 'session_reflection'));
    expect(prompt?.params.text).toContain("What will you try from today's session?");
    expect((await session(id)).status).toBe('held');
    const ask = dmsWith(LEAD, 'session_teaching');
    expect(ask).toHaveLength(1);
    expect(ask[0]!.params.text).toContain('What did you learn from teaching this — which question surprised you?');

    // Replies in the thread are captured as the session's reflections.
    await app.event({ type: 'message', channel: CHANNEL, user: BOB, text: 'I will try flame graphs on checkout', ts: '1790009999.000200', thread_ts: ts });
    const replies = await app.db.selectFrom('threadReply').innerJoin('trackedThread', 'trackedThread.id', 'threadReply.threadId').select(['threadReply.text', 'trackedThread.kind', 'trackedThread.subjectId']).execute();
    expect(replies).toEqual([{ text: 'I will try flame graphs on checkout', kind: 'session', subjectId: id }]);

    const opened = await press(LEAD, 'session_teaching_open', String(id));
    const modal = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === `trigger-${opened}`));
    expect(modal.params.view.callback_id).toBe('session_teaching_learning');
    const response = await app.interaction({
      type: 'view_submission',
      user: { id: LEAD, team_id: app.teamId },
      view: { id: 'V1', callback_id: 'session_teaching_learning', private_metadata: modal.params.view.private_metadata, state: { values: { session_teaching_text: { session_teaching_text_input: { type: 'plain_text_input', value: 'Nobody knew what a <!channel> off-CPU profile was' } } } } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeFalsy();
    const learnings = await app.db.selectFrom('learning').select(['userId', 'text', 'source', 'sourceKind', 'sourceId', 'tags', 'channelId']).execute();
    expect(learnings).toEqual([{ userId: LEAD, text: 'Nobody knew what a @\u200Bchannel off-CPU profile was', source: 'experience', sourceKind: 'session', sourceId: id, tags: ['teaching'], channelId: CHANNEL }]);
  });

  it('sends each DM once when two processes race', async () => {
    const ids: number[] = [];
    for (let n = 10; n < 30; n++) ids.push((await seed(n)).id);
    const race = async (at: Date) => {
      const runs = await Promise.all([job(app).run(at), job(other).run(at)]);
      const total = (key: string) => runs.reduce((sum, r) => sum + (r[key] ?? 0), 0);
      return { leaderAsked: total('leaderAsked'), backupAsked: total('backupAsked'), postponed: total('postponed'), reminded: total('reminded'), reflected: total('reflected') };
    };
    expect((await race(hours(-24))).leaderAsked).toBe(20);
    expect(dmsWith(LEAD, 'session_ask')).toHaveLength(20);
    // Half are confirmed, with attendees; the other half go to the backup.
    const confirmed = ids.slice(0, 10);
    await app.db.updateTable('learningSession').set({ status: 'confirmed', confirmedLeaderId: LEAD, stage: 'resolved' }).where('id', 'in', confirmed).execute();
    await app.db.insertInto('sessionAttendee').values(confirmed.flatMap((sessionId) => [BOB, CAROL].map((userId) => ({ teamId: app.teamId, sessionId, userId, remindedAt: null })))).execute();
    expect((await race(hours(-2))).backupAsked).toBe(10);
    expect(dmsWith(BACK, 'session_ask')).toHaveLength(10);
    expect((await race(minutes(-10))).reminded).toBe(20);
    expect(dmsWith(BOB, 'session_reminder')).toHaveLength(10);
    expect((await race(minutes(0))).postponed).toBe(10);
    expect(postsTo(ORGANISER)).toHaveLength(10);
    expect((await race(minutes(60))).reflected).toBe(10);
    expect(dmsWith(LEAD, 'session_teaching')).toHaveLength(10);
    expect(postsTo(CHANNEL)).toHaveLength(20);
  });

  async function waitForStatus(id: number, status: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while ((await session(id)).status !== status) {
      if (Date.now() > deadline) throw new Error(`session ${id} never became ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
