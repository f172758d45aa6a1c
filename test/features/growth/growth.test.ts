import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { pressButton } from '../../support/interactions';

const NOW = new Date('2026-12-05T12:00:00Z');
const DAY = 86_400_000;
const CHANNEL = 'C0TEAM';
const PRIVATE = 'C0PRIVATE';
const ADMIN = 'U0ADMIN'; // in LEARNLOOP_ADMINS
const ALICE = 'U0ALICE'; // grows
const BOB = 'U0BOB'; // Alice's mentor
const CAROL = 'U0CAROL'; // a teammate
const DAN = 'U0DAN'; // Fluent in feedback, open to mentoring
const EVE = 'U0EVE'; // Teaching others in feedback, not open to mentoring
const PEOPLE = [ADMIN, ALICE, BOB, CAROL, DAN, EVE];

describe('growth: competencies, evidence, goals and the team map', () => {
  let app: TestApp;
  let counter = 0;
  let now = NOW;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(now) } });
    for (const id of PEOPLE) app.slack.addUser({ id, tz: 'Europe/Berlin' });
    app.slack.channelMembers.set(CHANNEL, PEOPLE);
    app.slack.channelMembers.set(PRIVATE, [ALICE, CAROL]);
    app.slack.privateChannels.add(PRIVATE);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    now = NOW;
    app.slack.reset();
    for (const table of ['competency_pick', 'growth_goal', 'competency', 'check_in', 'mentoring_pair', 'reflection', 'commitment', 'review', 'feedback', 'learning', 'learning_session', 'person', 'channel_privacy']) {
      await sql`delete from ${sql.table(table)}`.execute(app.db.withoutPlugins());
    }
    await app.db.insertInto('channelPrivacy').values([
      { teamId: app.teamId, channelId: CHANNEL, isPrivate: false, checkedAt: NOW },
      { teamId: app.teamId, channelId: PRIVATE, isPrivate: true, checkedAt: NOW },
    ]).execute();
  });

  async function run(text: string, user: string, channel = CHANNEL): Promise<{ text: string; blocks?: any[] }> {
    const id = `growth-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, channel_id: channel, response_url: app.slack.responseUrl(id) });
    const reply = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`));
    expect(reply.body.response_type).toBe('ephemeral');
    return reply.body as { text: string; blocks?: any[] };
  }
  const textOf = (reply: { text: string; blocks?: any[] }): string => [reply.text, ...(reply.blocks ?? []).map((b: any) => b.text?.text ?? (b.elements ?? []).map((e: any) => e.text).join(' '))].join('\n');

  async function addCompetency(name = 'Giving feedback', tags = '#feedback #sbi'): Promise<number> {
    await run(`competencies add "${name}" ${tags}`, ADMIN);
    const row = await app.db.selectFrom('competency').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return row.id;
  }
  async function mentor(mentorId: string, menteeId: string): Promise<number> {
    const row = await app.db
      .insertInto('mentoringPair')
      .values({ teamId: app.teamId, mentorId, menteeId, status: 'active', requestedBy: menteeId, requestNote: null, nextReminderAt: null, acceptedAt: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function learning(userId: string, text: string, tags: string[], extra: { visibility?: 'team' | 'private'; anonymous?: boolean; privateChannelId?: string | null; createdAt?: Date } = {}): Promise<number> {
    const row = await app.db
      .insertInto('learning')
      .values({ teamId: app.teamId, userId, text, tags, visibility: extra.visibility ?? 'team', anonymous: extra.anonymous ?? false, channelId: extra.privateChannelId ?? CHANNEL, privateChannelId: extra.privateChannelId ?? null, createdAt: extra.createdAt ?? new Date(NOW.getTime() - DAY) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function confirmedGoal(userId: string, competencyId: number, level: number, days = 30, open = false): Promise<void> {
    await app.db
      .insertInto('growthGoal')
      .values({ teamId: app.teamId, userId, competencyId, targetLevel: level, dueDate: null, timeZone: 'Europe/Berlin', startedAt: new Date(NOW.getTime() - days * DAY), status: 'confirmed', confirmedBy: BOB, confirmedAt: NOW, claimedAt: NOW, confirmerId: null })
      .execute();
    if (open) await app.db.insertInto('person').values({ teamId: app.teamId, userId, timeZone: null, mutedUntil: null, openToMentoring: true }).onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ openToMentoring: true })).execute();
  }
  const evidenceLine = (reply: { blocks?: any[] }, competencyId: number): string => blockById(reply.blocks, `growth_person_${competencyId}`)?.text?.text ?? '';

  describe('the competency map', () => {
    it('is changed by admins only and read by everyone', async () => {
      expect(textOf(await run('competencies add "Giving feedback" #feedback', ALICE))).toContain('Only Learnloop admins');
      expect(await app.db.selectFrom('competency').select('id').execute()).toEqual([]);

      expect(textOf(await run('competencies add "Giving feedback" #feedback #sbi specific and kind', ADMIN))).toContain('Added “Giving feedback”; items tagged #feedback #sbi count as evidence for it.');
      expect(textOf(await run('competencies add "giving FEEDBACK" #x', ADMIN))).toContain('already exists');
      expect(textOf(await run('competencies starter', ADMIN))).toMatch(/Added 8 competencies from the starter map/);
      expect(textOf(await run('competencies rename "Testing" to "Testing well"', ADMIN))).toContain('“Testing well” is updated');
      expect(textOf(await run('competencies levels "Testing well" New | Getting there | Solid | Teaches it', ADMIN))).toContain('updated');
      expect(textOf(await run('competencies retire "Mentoring"', ADMIN))).toContain('Retired “Mentoring”');
      expect(textOf(await run('competencies describe "Nope" x', ADMIN))).toContain('There is no competency called “Nope”');

      const list = textOf(await run('competencies', ALICE));
      expect(list).toContain('*Giving feedback* · evidence: #feedback #sbi\nspecific and kind');
      expect(list).toContain('*Testing well*');
      expect(list).toContain('1 New → 2 Getting there → 3 Solid → 4 Teaches it');
      expect(list).not.toContain('*Mentoring*');
    });
  });

  describe('evidence', () => {
    it('counts tagged and picked items from every source, and shows each viewer only what they may see', async () => {
      const feedbackId = await addCompetency();
      await mentor(BOB, ALICE);
      await learning(ALICE, 'Public: SBI made my feedback land', ['feedback']);
      await learning(ALICE, 'Private: I avoided a hard conversation', ['sbi'], { visibility: 'private' });
      await learning(ALICE, 'Anonymous: I froze when giving feedback', ['feedback'], { anonymous: true });
      await learning(ALICE, 'In a private channel: asked for feedback', ['feedback'], { privateChannelId: PRIVATE });
      await learning(ALICE, 'Untagged but picked', []).then((id) => app.db.insertInto('competencyPick').values({ teamId: app.teamId, itemKind: 'learning', itemId: id, competencyId: feedbackId, pickedBy: ALICE }).execute());
      await learning(ALICE, 'Too old to list', ['feedback'], { createdAt: new Date(NOW.getTime() - 100 * DAY) });
      await learning(CAROL, 'Not Alice’s', ['feedback']);
      const pick = (itemKind: 'feedback' | 'reflection' | 'commitment' | 'check_in' | 'session', itemId: number) =>
        app.db.insertInto('competencyPick').values({ teamId: app.teamId, itemKind, itemId, competencyId: feedbackId, pickedBy: ALICE }).execute();
      const feedback = await app.db.insertInto('feedback').values({ teamId: app.teamId, senderId: CAROL, recipientId: ALICE, text: 'Your retro notes were specific', status: 'delivered', situation: null, behaviour: null, impact: null, contextPermalink: null }).returning('id').executeTakeFirstOrThrow();
      await pick('feedback', feedback.id);
      const review = await app.db.insertInto('review').values({ teamId: app.teamId, channelId: CHANNEL, title: 'Launch', startedBy: BOB, trigger: 'command', link: null }).returning('id').executeTakeFirstOrThrow();
      const reflection = await app.db.insertInto('reflection').values({ teamId: app.teamId, reviewId: review.id, userId: ALICE, expected: null, actual: null, whyDifference: null, nextTime: 'Ask for feedback earlier', anonymous: false }).returning('id').executeTakeFirstOrThrow();
      await pick('reflection', reflection.id);
      const anonymousReflection = await app.db.insertInto('reflection').values({ teamId: app.teamId, reviewId: review.id, userId: ALICE, expected: null, actual: null, whyDifference: null, nextTime: 'Anonymous next time', anonymous: true }).returning('id').executeTakeFirstOrThrow().catch(() => undefined);
      if (anonymousReflection) await pick('reflection', anonymousReflection.id);
      const commitment = await app.db.insertInto('commitment').values({ teamId: app.teamId, reviewId: review.id, ownerId: ALICE, text: 'Run a feedback dojo', dueDate: '2026-12-20', createdBy: ALICE }).returning('id').executeTakeFirstOrThrow();
      await pick('commitment', commitment.id);
      const pairId = (await app.db.selectFrom('mentoringPair').select('id').executeTakeFirstOrThrow()).id;
      const checkIn = await app.db.insertInto('checkIn').values({ teamId: app.teamId, pairId, mentorId: BOB, menteeId: ALICE, menteeLearned: 'Feedback as a gift', mentorLearned: null, heldAt: new Date(NOW.getTime() - 2 * DAY) }).returning('id').executeTakeFirstOrThrow();
      await pick('check_in', checkIn.id);
      const session = await app.db
        .insertInto('learningSession')
        .values({ teamId: app.teamId, channelId: CHANNEL, topic: 'Feedback that lands', description: null, organiserId: ALICE, leaderId: ALICE, backupLeaderId: BOB, confirmedLeaderId: ALICE, startsAt: new Date(NOW.getTime() - 3 * DAY), lengthMinutes: 30, timeZone: 'Europe/Berlin', status: 'held' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await pick('session', session.id);

      const own = evidenceLine(await run('growth', ALICE), feedbackId);
      // Public, private, anonymous, private channel, picked learning; feedback; reflection (+ anonymous one); commitment; check-in; session.
      expect(own).toContain(`· ${anonymousReflection ? 11 : 10} pieces of evidence`);
      expect(own.split('\n').filter((line) => line.startsWith('• '))).toHaveLength(3);

      const asMentor = await run(`growth <@${ALICE}>`, BOB);
      const mentorLine = evidenceLine(asMentor, feedbackId);
      // Bob may not see: her private learning, her anonymous learning and reflection, the private channel's learning, Carol's feedback to her.
      expect(mentorLine).toContain('· 6 pieces of evidence');
      expect(JSON.stringify(asMentor.blocks)).not.toMatch(/Private: I avoided|Anonymous|In a private channel|retro notes/);
      expect(asMentor.text).toContain(`Growth of <@${ALICE}>`);

      expect(textOf(await run(`growth <@${ALICE}>`, CAROL))).toContain('Only the person and their mentors see someone’s growth.');
    });

    it('records a competency picked in the learning form, and ignores one that is not this workspace’s', async () => {
      const competencyId = await addCompetency();
      await app.command('/learned', '', { user_id: ALICE, channel_id: CHANNEL, trigger_id: 'trigger-learned-form' });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      const view = typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
      const picker = blockById(view.blocks, 'growth_competency_pick');
      expect(picker.element.options.map((o: any) => o.text.text)).toEqual(['Giving feedback']);

      const submit = (pickedId: string) =>
        app.interaction({
          type: 'view_submission',
          user: { id: ALICE, team_id: app.teamId },
          view: {
            id: `V${++counter}`,
            callback_id: view.callback_id,
            private_metadata: view.private_metadata,
            state: {
              values: {
                learning_text: { learning_text_input: { type: 'plain_text_input', value: `Asked for feedback early ${pickedId}` } },
                learning_tags: { learning_tags_input: { type: 'plain_text_input', value: null } },
                learning_link: { learning_link_input: { type: 'plain_text_input', value: null } },
                learning_visibility: { learning_visibility_input: { type: 'radio_buttons', selected_option: { value: 'team' } } },
                growth_competency_pick: { growth_competency_pick_input: { type: 'static_select', selected_option: { value: pickedId } } },
              },
            },
          },
        });
      await submit(String(competencyId));
      await submit('999999');
      await app.learnloop.settled();
      await app.slack.waitFor(() => app.slack.callsTo('chat.postEphemeral').length + app.slack.responses.length >= 2 || undefined).catch(() => undefined);
      const picks = await app.db.selectFrom('competencyPick').select(['itemKind', 'competencyId', 'pickedBy']).execute();
      expect(picks).toEqual([{ itemKind: 'learning', competencyId, pickedBy: ALICE }]);
    });
  });

  describe('goals', () => {
    it('sets a goal, suggests people open to mentoring, and is confirmed by a mentor only', async () => {
      const competencyId = await addCompetency();
      await mentor(BOB, ALICE);
      await confirmedGoal(DAN, competencyId, 3, 30, true);
      await confirmedGoal(EVE, competencyId, 4, 30, false);

      const set = await run('goal add "Giving feedback" to Practising by 2027-03-31', ALICE);
      expect(textOf(set)).toMatch(/Goal #\d+ set: Giving feedback to Practising by 2027-03-31/);
      const suggestions = (set.blocks ?? []).filter((b: any) => b.accessory?.action_id === 'growth_ask_mentor');
      expect(suggestions.map((b: any) => b.text.text)).toEqual([`<@${DAN}> — Fluent`]);
      const goal = await app.db.selectFrom('growthGoal').selectAll().where('userId', '=', ALICE).executeTakeFirstOrThrow();
      expect(goal).toMatchObject({ targetLevel: 2, dueDate: '2027-03-31', status: 'open', timeZone: 'Europe/Berlin' });

      expect(textOf(await run('goal add "Giving feedback" to Expert', ALICE))).toContain('“Expert” is not a level');

      now = new Date(NOW.getTime() + 10 * DAY + 12 * 3600_000); // 10 days later, 01:00 in Berlin of the 11th day
      app.slack.reset();
      expect(textOf(await run(`goal reached ${goal.id}`, ALICE))).toContain(`Asked <@${BOB}> to confirm`);
      const ask = app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === BOB);
      expect(JSON.stringify(ask?.params.blocks)).toContain(`"value":"${goal.id}"`);
      expect(JSON.stringify(ask?.params.blocks)).toContain('growth_goal_confirm');

      const press = (user: string, n: number) => pressButton(app, { user, actionId: 'growth_goal_confirm', value: String(goal.id), channel: `D${user}`, channelName: 'dm', blockId: 'growth_confirm_request', responseId: `confirm-${user}-${n}` });
      const told = async (user: string, n: number) => (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/confirm-${user}-${n}`))).body.text as string;
      await press(CAROL, 1);
      expect(await told(CAROL, 1)).toContain('Only the person’s mentors');
      await press(ALICE, 1);
      expect(await told(ALICE, 1)).toContain('Someone else confirms your goals');
      expect((await app.db.selectFrom('growthGoal').select('status').where('id', '=', goal.id).executeTakeFirstOrThrow()).status).toBe('claimed');

      await press(BOB, 1);
      await app.learnloop.settled();
      const confirmed = await app.db.selectFrom('growthGoal').selectAll().where('id', '=', goal.id).executeTakeFirstOrThrow();
      expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: BOB });
      expect(confirmed.confirmedAt?.getTime()).toBe(now.getTime());
      const toAlice = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === ALICE));
      // Set 5 Dec 13:00 Berlin, confirmed 16 Dec 01:00 Berlin: 11 calendar days in her zone.
      expect(toAlice.params.text).toContain(`<@${BOB}> confirmed you at Practising in Giving feedback: 11 days from setting the goal.`);
      await press(BOB, 2);
      expect(await told(BOB, 2)).toContain('already confirmed');
    });

    it('asks the person the owner names instead of their mentors', async () => {
      const competencyId = await addCompetency();
      const goal = await app.db
        .insertInto('growthGoal')
        .values({ teamId: app.teamId, userId: ALICE, competencyId, targetLevel: 1, dueDate: null, timeZone: 'Europe/Berlin', startedAt: NOW, confirmerId: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(textOf(await run(`goal reached ${goal.id}`, ALICE))).toContain('You have no mentor to confirm it yet');
      expect(textOf(await run(`goal reached ${goal.id} <@${CAROL}>`, ALICE))).toContain(`Asked <@${CAROL}> to confirm`);
      expect(textOf(await run(`goal reached ${goal.id}`, BOB))).toContain('not yours');
    });
  });

  describe('the team map', () => {
    it('shows people per level, evidence and median time only above the minimum group size, with gaps and no names', async () => {
      const feedbackId = await addCompetency();
      await addCompetency('Testing', '#testing');
      for (const [user, days] of [[ALICE, 10], [BOB, 20], [CAROL, 40]] as const) await confirmedGoal(user, feedbackId, 2, days);
      await confirmedGoal(DAN, feedbackId, 4);
      for (const user of [ALICE, BOB]) await learning(user, 'public', ['feedback'], { createdAt: NOW });
      await learning(CAROL, 'private one', ['feedback'], { visibility: 'private', createdAt: NOW });

      const map = await run('growth team', CAROL);
      const line = blockById(map.blocks, `growth_team_${feedbackId}`).text.text as string;
      expect(line).toContain('Exploring <3 · Practising 3 · Fluent <3 · Teaching others <3');
      // Two public learnings from two people (the private one never counts): held back. Days: 10, 20, 30, 40.
      expect(line).toContain('Evidence this month: <3');
      expect(line).toContain('Median time to a confirmed level: 25 days (4 confirmations)');
      expect(blockById(map.blocks, 'growth_team_gaps').text.text).toContain('Testing');
      expect(JSON.stringify(map.blocks)).not.toMatch(/U0(ALICE|BOB|CAROL|DAN)/);

      await learning(CAROL, 'public too', ['sbi'], { createdAt: NOW });
      const again = await run('growth team', CAROL);
      expect(blockById(again.blocks, `growth_team_${feedbackId}`).text.text).toContain('Evidence this month: 3');
    });
  });

  it('suggests only people who said they are open to mentoring (`/learnloop settings mentoring`)', async () => {
    const competencyId = await addCompetency();
    await confirmedGoal(EVE, competencyId, 4);
    expect(textOf(await run('settings mentoring', EVE))).toContain('You are not suggested');
    let set = await run('goal add "Giving feedback" to Exploring', ALICE);
    expect((set.blocks ?? []).filter((b: any) => b.accessory?.action_id === 'growth_ask_mentor')).toEqual([]);
    expect(textOf(await run('settings mentoring open', EVE))).toContain('You are open to mentoring');
    await app.db.deleteFrom('growthGoal').where('userId', '=', ALICE).execute();
    set = await run('goal add "Giving feedback" to Exploring', ALICE);
    expect((set.blocks ?? []).filter((b: any) => b.accessory?.action_id === 'growth_ask_mentor').map((b: any) => b.accessory.value)).toEqual([expect.stringMatching(new RegExp(`^${EVE}:\\d+$`))]);
    expect(textOf(await run('settings mentoring maybe', EVE))).toContain('neither open nor closed');
  });

  it('shows My growth on the App Home', async () => {
    await addCompetency();
    await learning(ALICE, 'Public: SBI', ['feedback']);
    await app.event({ type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' });
    const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish')[0]);
    const view = typeof publish.params.view === 'string' ? JSON.parse(publish.params.view) : publish.params.view;
    expect(blockById(view.blocks, 'growth_home').text.text).toContain('*Giving feedback* — not yet confirmed · 1 in 90 days');
    // A competency without evidence of Alice's is not on her Home.
    await addCompetency('Testing', '#testing');
    app.slack.reset();
    await app.event({ type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' });
    const again = await app.slack.waitFor(() => app.slack.callsTo('views.publish')[0]);
    const home = typeof again.params.view === 'string' ? JSON.parse(again.params.view) : again.params.view;
    expect(blockById(home.blocks, 'growth_home').text.text).not.toContain('Testing');
  });

  describe('forms, the chart and the digest', () => {
    const openedView = async () => {
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open').at(-1));
      return typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
    };
    const submitView = (user: string, callbackId: string, values: Record<string, any>) =>
      app.interaction({ type: 'view_submission', user: { id: user, team_id: app.teamId }, view: { id: `V${++counter}`, callback_id: callbackId, private_metadata: '', state: { values } } });

    it('adds a competency through its form (admins only, checked again on submit)', async () => {
      await app.command('/learnloop', 'competencies add', { user_id: ADMIN, channel_id: CHANNEL, trigger_id: 'trigger-competency-form', response_url: app.slack.responseUrl('c-form') });
      const view = await openedView();
      expect(view.callback_id).toBe('growth_competency_form');
      const values = (name: string, tags: string) => ({
        growth_competency_name: { growth_competency_name_input: { type: 'plain_text_input', value: name } },
        growth_competency_tags: { growth_competency_tags_input: { type: 'plain_text_input', value: tags } },
        growth_competency_description: { growth_competency_description_input: { type: 'plain_text_input', value: 'Reviews that teach' } },
      });
      const refused = await submitView(ALICE, 'growth_competency_form', values('Code review', '#reviews'));
      expect(JSON.stringify(refused.body)).toContain('Only Learnloop admins');
      const badTag = await submitView(ADMIN, 'growth_competency_form', values('Code review', '#no!'));
      expect((badTag.body as any).errors.growth_competency_tags).toContain('is not a tag');
      const ok = await submitView(ADMIN, 'growth_competency_form', values('Code review', '#reviews #codereview'));
      expect(ok.status).toBe(200);
      expect(await app.db.selectFrom('competency').select(['name', 'tags', 'description', 'createdBy']).execute()).toEqual([{ name: 'Code review', tags: ['reviews', 'codereview'], description: 'Reviews that teach', createdBy: ADMIN }]);
    });

    it('sets a goal through its form, refusing a date in the past on the field', async () => {
      const competencyId = await addCompetency();
      await app.command('/learnloop', 'goal add', { user_id: ALICE, channel_id: CHANNEL, trigger_id: 'trigger-goal-form', response_url: app.slack.responseUrl('g-form') });
      const view = await openedView();
      expect(view.callback_id).toBe('growth_goal_form');
      const values = (due: string | null) => ({
        growth_goal_competency: { growth_goal_competency_input: { type: 'static_select', selected_option: { value: String(competencyId) } } },
        growth_goal_level: { growth_goal_level_input: { type: 'static_select', selected_option: { value: '3' } } },
        growth_goal_due: { growth_goal_due_input: { type: 'datepicker', selected_date: due } },
        growth_goal_confirmer: { growth_goal_confirmer_input: { type: 'users_select', selected_user: CAROL } },
      });
      const past = await submitView(ALICE, 'growth_goal_form', values('2026-12-01'));
      expect((past.body as any).errors.growth_goal_due).toBe('Pick a date after today.');
      await submitView(ALICE, 'growth_goal_form', values('2027-06-30'));
      await app.learnloop.settled();
      expect(await app.db.selectFrom('growthGoal').select(['userId', 'targetLevel', 'dueDate', 'confirmerId', 'status']).execute()).toEqual([
        { userId: ALICE, targetLevel: 3, dueDate: '2027-06-30', confirmerId: CAROL, status: 'open' },
      ]);
      const dm = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === ALICE));
      expect(dm.params.text).toContain('Giving feedback to Fluent by 2027-06-30');
    });

    it('sends the 12-week chart to the person’s DM as a picture', async () => {
      await addCompetency();
      await learning(ALICE, 'Public: SBI', ['feedback']);
      await run('growth', ALICE);
      const upload = await app.slack.waitFor(() => app.slack.uploads[0]);
      expect(upload.filename).toBe('my-growth.png');
      expect(upload.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      const complete = app.slack.callsTo('files.completeUploadExternal')[0];
      expect(JSON.stringify(complete?.params)).toContain(`D${ALICE.replace(/^U/, '')}`);
    });

    it('adds the team map’s line to the weekly digest, counts only', async () => {
      await addCompetency();
      await addCompetency('Testing', '#testing');
      for (const user of [ALICE, BOB, CAROL]) await learning(user, `public by ${user}`, ['feedback'], { createdAt: NOW });
      await run('digest now', ALICE);
      const post = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === CHANNEL && JSON.stringify(call.params.blocks ?? []).includes('digest_growth')));
      const line = blockById(post.params.blocks, 'digest_growth').text.text as string;
      expect(line).toContain('Growth this month: Giving feedback (3)');
      expect(line).toContain('gaps: Testing');
      expect(line).not.toMatch(/U0(ALICE|BOB|CAROL)/);
    });
  });
});
