import { insertPair } from '../../../src/features/mentoring/queries';
import { mentorReplies } from '../../../src/features/mentoring/blocks';
import { startTestApp, type TestApp } from '../../support/test-app';

const ALICE = 'U0ALICE'; // Berlin
const BOB = 'U0BOB'; // New York
const CAROL = 'U0CAROL'; // Berlin
const ADMIN = 'U0ADMIN';
// Monday 23 Nov 2026, 11:00 in Berlin, 05:00 in New York.
const NOW = new Date('2026-11-23T10:00:00Z');
// Two weeks on, 10:00 in New York (EST).
const BOB_BIWEEKLY = new Date('2026-12-07T15:00:00Z');

describe('/learnloop mentor', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ clock: { now: () => NOW } });
    app.slack.addUser({ id: ALICE });
    app.slack.addUser({ id: BOB, name: 'Bob', tz: 'America/New_York' });
    app.slack.addUser({ id: CAROL });
    app.slack.addUser({ id: ADMIN, is_admin: true });
    app.slack.addUser({ id: 'U0HELPER', is_bot: true });
    app.slack.addUser({ id: 'U0GONE', deleted: true });
    // Each person's DM with Learnloop, as Slack knows it: reminders are updated only there.
    for (const id of [ALICE, BOB, CAROL, ADMIN]) app.slack.dmChannels.set(id, `D${id}`);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    app.slack.reset();
    await app.db.deleteFrom('checkIn').execute();
    await app.db.deleteFrom('mentoringPair').execute();
    await app.db.deleteFrom('learning').execute();
  });

  const mentor = async (text: string, userId = ALICE) => {
    const before = app.slack.responses.length;
    const response = await app.command('/learnloop', `mentor ${text}`, { user_id: userId });
    expect(response.status).toBe(200);
    const answer = await app.slack.waitFor(() => app.slack.responses.length > before && app.slack.responses[before]);
    expect(answer.body.response_type).toBe('ephemeral');
    return answer.body as { text: string; blocks?: any[] };
  };
  /** A signed button click; resolves to what went to its response_url. */
  const click = async (actionId: string, value: string, userId: string) => {
    const id = await press(actionId, value, userId);
    return app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`)?.body);
  };
  /** A signed button click whose answer is a modal, not a response. */
  const press = async (actionId: string, value: string, userId: string) => {
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
    });
    expect(response.status).toBe(200);
    return id;
  };
  const submitView = (callbackId: string, values: Record<string, Record<string, unknown>>, metadata: string, userId: string) =>
    app.interaction({ type: 'view_submission', user: { id: userId, team_id: app.teamId }, view: { id: 'V1', callback_id: callbackId, private_metadata: metadata, state: { values } } });
  const dmsTo = (userId: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId);
  const pairs = () => app.db.selectFrom('mentoringPair').selectAll().orderBy('id').execute();
  const seedActive = async (mentorId = BOB, menteeId = ALICE, change: { unansweredReminders?: number; nextReminderAt?: Date } = {}) => {
    const pair = await insertPair(app.db, {
      teamId: app.teamId, mentorId, menteeId, status: 'active', cadence: 'biweekly', requestedBy: menteeId, requestNote: null, nextReminderAt: change.nextReminderAt ?? BOB_BIWEEKLY, acceptedAt: NOW,
    });
    if (change.unansweredReminders) await app.db.updateTable('mentoringPair').set({ unansweredReminders: change.unansweredReminders }).where('id', '=', pair!.id).execute();
    return pair!;
  };
  const pairValue = (id: number) => JSON.stringify({ pairId: id });

  describe('request, accept, decline', () => {
    it('asks the mentor by DM with Accept / Decline; Accept makes the pair active and tells both', async () => {
      expect((await mentor(`request <@${BOB}> Help me with code review <!here>`)).text).toBe(mentorReplies.requested(BOB));
      const [row] = await pairs();
      expect(row).toMatchObject({ mentorId: BOB, menteeId: ALICE, status: 'requested', requestedBy: ALICE, cadence: 'biweekly', nextReminderAt: null });
      const [dm] = await app.slack.waitFor(() => dmsTo(BOB).length > 0 && dmsTo(BOB));
      expect(JSON.stringify(dm!.params)).not.toContain('<!here>');
      const actions = (dm!.params.blocks as any[]).find((b) => b.block_id === 'mentor_request_actions');
      expect(actions.elements.map((e: any) => e.action_id)).toEqual(['mentor_accept', 'mentor_decline']);

      expect((await click('mentor_accept', actions.elements[0].value, ALICE)).text).toBe(mentorReplies.notForYou);
      const answer = await click('mentor_accept', actions.elements[0].value, BOB);
      expect(answer).toMatchObject({ replace_original: true, text: mentorReplies.accepted(ALICE, 'biweekly') });
      expect(await pairs()).toEqual([expect.objectContaining({ status: 'active', acceptedAt: NOW, nextReminderAt: BOB_BIWEEKLY, unansweredReminders: 0 })]);
      const told = await app.slack.waitFor(() => dmsTo(ALICE)[0]);
      expect(told.params.text).toBe(mentorReplies.acceptedNotice(BOB));
      // A second click changes nothing.
      expect((await click('mentor_accept', actions.elements[0].value, BOB)).text).toBe(mentorReplies.requestGone);
    });

    it('Decline tells the requester and frees the pair for a new request', async () => {
      await mentor(`request <@${BOB}>`);
      const dm = await app.slack.waitFor(() => dmsTo(BOB)[0]);
      const value = (dm.params.blocks as any[]).find((b) => b.block_id === 'mentor_request_actions').elements[1].value;
      expect((await click('mentor_decline', value, BOB)).text).toBe(mentorReplies.declined(ALICE));
      expect((await pairs())[0]).toMatchObject({ status: 'declined' });
      expect((await app.slack.waitFor(() => dmsTo(ALICE)[0])).params.text).toBe(mentorReplies.declinedNotice(BOB));
      expect((await mentor(`request <@${BOB}>`)).text).toBe(mentorReplies.requested(BOB));
    });
  });

  describe('refusals', () => {
    it.each([
      ['yourself', `request <@${ALICE}>`, mentorReplies.refusals.self],
      ['a bot', 'request <@U0HELPER>', mentorReplies.refusals.bot],
      ['the Learnloop bot', 'request <@U0BOT>', mentorReplies.refusals.bot],
      ['a deactivated user', 'request <@U0GONE>', mentorReplies.refusals.deactivated],
      ['an unknown person', 'request <@U0NOBODY>', mentorReplies.refusals.unknown],
    ])('refuses %s', async (_name, text, reply) => {
      expect((await mentor(text)).text).toBe(reply);
      expect(await pairs()).toHaveLength(0);
      expect(dmsTo(BOB)).toHaveLength(0);
    });

    it('refuses a name that is not a mention, with an example', async () => {
      expect((await mentor('request bob')).text).toMatch(/Mention the person with @.*`\/learnloop mentor request @alex/);
    });

    it('refuses a pairing that already exists, in either direction', async () => {
      await seedActive(BOB, ALICE);
      expect((await mentor(`request <@${BOB}>`)).text).toBe(mentorReplies.exists(BOB, ALICE));
      expect((await mentor(`request <@${ALICE}>`, BOB)).text).toBe(mentorReplies.exists(ALICE, BOB));
      expect((await mentor(`pair <@${BOB}> <@${ALICE}>`, ADMIN)).text).toBe(mentorReplies.exists(BOB, ALICE));
      expect(await pairs()).toHaveLength(1);
    });

    it('refuses pair to non-admins', async () => {
      expect((await mentor(`pair <@${BOB}> <@${CAROL}>`)).text).toBe(mentorReplies.notAdmin);
      expect(await pairs()).toHaveLength(0);
    });

    it('refuses to pair someone with themselves or with a bot', async () => {
      expect((await mentor(`pair <@${BOB}> <@${BOB}>`, ADMIN)).text).toBe(mentorReplies.refusals.self);
      expect((await mentor(`pair <@U0HELPER> <@${BOB}>`, ADMIN)).text).toBe(mentorReplies.refusals.bot);
      expect((await mentor(`pair <@${BOB}> <@U0GONE>`, ADMIN)).text).toBe(mentorReplies.refusals.deactivated);
    });
  });

  it('lets an admin pair two people directly; both are told', async () => {
    expect((await mentor(`pair <@${BOB}> <@${CAROL}> weekly`, ADMIN)).text).toBe(mentorReplies.paired(BOB, CAROL, 'weekly'));
    expect(await pairs()).toEqual([
      // Next Monday 10:00 in New York.
      expect.objectContaining({ mentorId: BOB, menteeId: CAROL, status: 'active', cadence: 'weekly', requestedBy: ADMIN, nextReminderAt: new Date('2026-11-30T15:00:00Z') }),
    ]);
    const notice = mentorReplies.pairedNotice(ADMIN, BOB, CAROL, 'weekly');
    expect(dmsTo(BOB).map((c) => c.params.text)).toEqual([notice]);
    expect(dmsTo(CAROL).map((c) => c.params.text)).toEqual([notice]);
  });

  it('lists my mentors and mentees with cadence, next check-in and overdue', async () => {
    await seedActive(BOB, ALICE, { unansweredReminders: 2 });
    await seedActive(ALICE, CAROL);
    const list = await mentor('list');
    const text = list.blocks!.find((b) => b.block_id === 'mentor_list').text.text as string;
    expect(text).toBe(
      `*Your mentors*\n• <@${BOB}>: every two weeks, next check-in Mon 7 Dec 2026, 16:00 — *overdue*\n\n*Your mentees*\n• <@${CAROL}>: every two weeks, next check-in Mon 7 Dec 2026, 16:00`,
    );
    expect((await mentor('list', 'U0NEW')).text).toMatch(/no mentors or mentees yet/);
  });

  it('changes cadence, pauses, resumes and ends a pair from either side', async () => {
    const { id } = await seedActive(BOB, ALICE);
    const row = () => app.db.selectFrom('mentoringPair').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await mentor(`cadence <@${BOB}> weekly`)).text).toBe(mentorReplies.cadenceChanged(BOB, 'weekly'));
    expect(await row()).toMatchObject({ cadence: 'weekly', nextReminderAt: new Date('2026-11-30T15:00:00Z') });
    expect((await mentor(`pause <@${ALICE}>`, BOB)).text).toBe(mentorReplies.paused(ALICE));
    expect(await row()).toMatchObject({ status: 'paused', nextReminderAt: null });
    expect((await mentor(`pause <@${ALICE}>`, BOB)).text).toBe(mentorReplies.notActive(ALICE));
    expect((await mentor(`resume <@${BOB}>`)).text).toBe(mentorReplies.resumed(BOB, 'Mon 30 Nov 2026, 16:00'));
    expect(await row()).toMatchObject({ status: 'active', nextReminderAt: new Date('2026-11-30T15:00:00Z') });
    expect((await mentor(`end <@${BOB}>`)).text).toBe(mentorReplies.ended(BOB));
    expect(await row()).toMatchObject({ status: 'ended', endedAt: NOW, nextReminderAt: null });
    expect((await mentor(`end <@${BOB}>`)).text).toBe(mentorReplies.noPair(BOB));
    expect((await mentor(`pause <@${CAROL}>`)).text).toBe(mentorReplies.noPair(CAROL));
  });

  it('logs a check-in with both answers, then asks the mentee the mirror question and stores their answer', async () => {
    const pair = await seedActive(BOB, ALICE, { unansweredReminders: 2 });
    expect((await click('mentor_log_check_in', pairValue(pair.id), ALICE)).text).toBe(mentorReplies.onlyMentor(BOB));
    await press('mentor_log_check_in', pairValue(pair.id), BOB);
    const view = await app.slack.waitFor(() => app.slack.callsTo('views.open').at(-1)?.params.view);
    expect(view.callback_id).toBe('mentor_check_in');
    expect(view.blocks.map((b: any) => b.label.text)).toEqual(['What did u0alice learn?', 'What did you learn from u0alice?']);

    const values = (mentee: string | null, mentorText: string | null) => ({
      mentor_check_in_mentee_learned: { mentor_check_in_mentee_learned_input: { type: 'plain_text_input', value: mentee } },
      mentor_check_in_mentor_learned: { mentor_check_in_mentor_learned_input: { type: 'plain_text_input', value: mentorText } },
    });
    const empty = await submitView('mentor_check_in', values(' ', null), view.private_metadata, BOB);
    expect(empty.body).toEqual({ response_action: 'errors', errors: { mentor_check_in_mentee_learned: mentorReplies.checkInEmpty } });

    const saved = await submitView('mentor_check_in', values('Feature flags <!channel>', 'How to explain things simply'), view.private_metadata, BOB);
    expect(saved.status).toBe(200);
    expect(saved.body).toBeUndefined();
    const checkIns = await app.db.selectFrom('checkIn').selectAll().execute();
    expect(checkIns).toEqual([
      expect.objectContaining({ pairId: pair.id, mentorId: BOB, menteeId: ALICE, menteeLearned: 'Feature flags <!channel>', mentorLearned: 'How to explain things simply', heldAt: NOW, menteeReflection: null }),
    ]);
    expect((await pairs())[0]).toMatchObject({ lastCheckInAt: NOW, unansweredReminders: 0, nextReminderAt: BOB_BIWEEKLY });
    const update = await app.slack.waitFor(() => app.slack.callsTo('chat.update')[0]);
    expect(update.params).toMatchObject({ channel: `D${BOB}`, ts: '1700000300.000100' });

    const mirror = await app.slack.waitFor(() => dmsTo(ALICE)[0]);
    expect(mirror.params.text).toBe(`What did you learn from <@${BOB}> this time?`);
    const reflect = (mirror.params.blocks as any[]).find((b) => b.block_id === 'mentor_reflect_actions').elements[0];
    expect((await click('mentor_reflect', reflect.value, CAROL)).text).toBe(mentorReplies.notForYou);
    app.slack.calls.length = 0;
    await press('mentor_reflect', reflect.value, ALICE);
    const reflectionView = await app.slack.waitFor(() => app.slack.callsTo('views.open').at(-1)?.params.view);
    expect(reflectionView.callback_id).toBe('mentor_reflection');
    const answer = { mentor_reflection_text: { mentor_reflection_input: { type: 'plain_text_input', value: 'To ask for help earlier' } } };
    expect((await submitView('mentor_reflection', answer, reflectionView.private_metadata, ALICE)).body).toBeUndefined();
    expect((await submitView('mentor_reflection', answer, reflectionView.private_metadata, ALICE)).body).toEqual({
      response_action: 'errors',
      errors: { mentor_reflection_text: mentorReplies.alreadyReflected },
    });
    expect(await app.db.selectFrom('checkIn').selectAll().executeTakeFirstOrThrow()).toMatchObject({ menteeReflection: 'To ask for help earlier', menteeAnsweredAt: NOW });

    const learnings = await app.db.selectFrom('learning').select(['userId', 'text', 'visibility', 'source', 'creditedUserId']).orderBy('id').execute();
    expect(learnings).toEqual([
      { userId: BOB, text: 'How to explain things simply', visibility: 'private', source: 'colleague', creditedUserId: ALICE },
      { userId: ALICE, text: 'To ask for help earlier', visibility: 'private', source: 'colleague', creditedUserId: BOB },
    ]);
  });

  it('snoozes a reminder by a day or a week, keeping the unanswered count; only the mentor may', async () => {
    const pair = await seedActive(BOB, ALICE, { unansweredReminders: 1 });
    expect((await click('mentor_snooze_day', pairValue(pair.id), ALICE)).text).toBe(mentorReplies.onlyMentor(BOB));
    const day = await click('mentor_snooze_day', pairValue(pair.id), BOB);
    expect(day).toMatchObject({ replace_original: true, text: mentorReplies.snoozed('Tue 24 Nov 2026, 05:00') });
    expect((await pairs())[0]).toMatchObject({ nextReminderAt: new Date('2026-11-24T10:00:00Z'), unansweredReminders: 1 });
    await click('mentor_snooze_week', pairValue(pair.id), BOB);
    expect((await pairs())[0]).toMatchObject({ nextReminderAt: new Date('2026-11-30T10:00:00Z'), unansweredReminders: 1 });
  });

  it('skips to the next cadence and resets the unanswered count', async () => {
    const pair = await seedActive(BOB, ALICE, { unansweredReminders: 2, nextReminderAt: NOW });
    expect((await click('mentor_skip', pairValue(pair.id), CAROL)).text).toBe(mentorReplies.onlyMentor(BOB));
    expect(await click('mentor_skip', pairValue(pair.id), BOB)).toMatchObject({ replace_original: true, text: mentorReplies.skipped('Mon 7 Dec 2026, 10:00') });
    expect((await pairs())[0]).toMatchObject({ nextReminderAt: BOB_BIWEEKLY, unansweredReminders: 0 });
    await app.db.updateTable('mentoringPair').set({ status: 'ended' }).execute();
    expect((await click('mentor_skip', pairValue(pair.id), BOB)).text).toBe(mentorReplies.pairGone);
  });
});
