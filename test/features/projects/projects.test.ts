import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { pressButton, startSecondProcess } from '../../support/interactions';

const NOW = new Date('2026-12-05T12:00:00Z');
const DAY = 86_400_000;
const CHANNEL = 'C0PROJECT';
const ADMIN = 'U0ADMIN';
const SPONSOR = 'U0SPONSOR';
const COACH = 'U0COACH';
const M1 = 'U0MEMBERONE';
const M2 = 'U0MEMBERTWO';
const M3 = 'U0MEMBERTHREE';
const BOSS = 'U0BOSS'; // M1's supervisor
const OUTSIDER = 'U0OUTSIDER'; // not in the project channel

describe('action-learning projects', () => {
  let app: TestApp;
  let counter = 0;
  let now = NOW;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(now) } });
    for (const id of [ADMIN, SPONSOR, COACH, M1, M2, M3, BOSS, OUTSIDER]) app.slack.addUser({ id, name: id.slice(2).toLowerCase(), tz: 'Europe/Berlin' });
    app.slack.channelMembers.set(CHANNEL, [SPONSOR, COACH, M1, M2, M3, app.slack.botUserId]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    now = NOW;
    app.slack.reset();
    for (const table of ['project_flag', 'project_set', 'project_module_done', 'project_module', 'project_person', 'project', 'scheduled_dm', 'thread_reply', 'tracked_thread', 'prompt', 'prompt_schedule', 'channel_question', 'review', 'feedback', 'feedback_send']) {
      await sql`delete from ${sql.table(table)}`.execute(app.db.withoutPlugins());
    }
  });

  function charterValues(change: Record<string, unknown> = {}): Record<string, any> {
    const f = { name: 'Faster onboarding', challenge: 'Halve the time a new engineer needs to ship.', sponsor: SPONSOR, coach: COACH, members: [M1, M2, M3], channel: CHANNEL, starts: '2027-01-04', ends: '2027-10-04', hours: '', time: '16:00', wave: 'Pilot 2027', ...change };
    const text = (value: unknown) => ({ type: 'plain_text_input', value: value ?? null });
    return {
      project_name: { project_name_input: text(f.name) },
      project_challenge: { project_challenge_input: text(f.challenge) },
      project_sponsor: { project_sponsor_input: { type: 'users_select', selected_user: f.sponsor } },
      project_coach: { project_coach_input: { type: 'users_select', selected_user: f.coach } },
      project_members: { project_members_input: { type: 'multi_users_select', selected_users: f.members } },
      project_channel: { project_channel_input: { type: 'conversations_select', selected_conversation: f.channel } },
      project_starts: { project_starts_input: { type: 'datepicker', selected_date: f.starts } },
      project_ends: { project_ends_input: { type: 'datepicker', selected_date: f.ends } },
      project_hours: { project_hours_input: text(f.hours) },
      project_cadence: { project_cadence_input: { type: 'static_select', selected_option: { value: 'biweekly' } } },
      project_time: { project_time_input: text(f.time) },
      project_wave: { project_wave_input: text(f.wave) },
    };
  }
  const submit = (user: string, callbackId: string, values: Record<string, any>, privateMetadata = '') =>
    app.interaction({ type: 'view_submission', user: { id: user, team_id: app.teamId }, view: { id: `V${++counter}`, callback_id: callbackId, private_metadata: privateMetadata, state: { values } } });

  async function createProject(change: Record<string, unknown> = {}): Promise<{ id: number; scheduleId: number }> {
    const answer = await submit(COACH, 'project_charter_form', charterValues(change));
    expect(answer.status).toBe(200);
    expect(answer.body).toBeFalsy();
    await app.learnloop.settled();
    const row = await app.db.selectFrom('project').select(['id', 'scheduleId']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return { id: row.id, scheduleId: row.scheduleId! };
  }
  async function run(text: string, user: string): Promise<{ text: string; blocks?: any[] }> {
    const id = `project-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, channel_id: CHANNEL, response_url: app.slack.responseUrl(id), trigger_id: `trigger-${id}` });
    return (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`))).body as { text: string; blocks?: any[] };
  }
  const dmsTo = (user: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === user);

  describe('the charter', () => {
    it('opens from /learnloop project new with the channel filled in', async () => {
      await app.command('/learnloop', 'project new', { user_id: COACH, channel_id: CHANNEL, trigger_id: 'trigger-project-new' });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      const view = typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
      expect(view.callback_id).toBe('project_charter_form');
      expect(blockById(view.blocks, 'project_channel').element.initial_conversation).toBe(CHANNEL);
    });

    it('shows each problem on its field and keeps what was typed', async () => {
      const answer = await submit(COACH, 'project_charter_form', charterValues({ members: [M1], ends: '2027-02-01', time: 'late' }));
      expect(answer.body).toMatchObject({ response_action: 'errors' });
      const errors = (answer.body as any).errors;
      expect(Object.keys(errors).sort()).toEqual(['project_ends', 'project_members', 'project_time']);
      expect(await app.db.selectFrom('project').select('id').execute()).toEqual([]);
    });

    it('refuses a channel Learnloop is not in, and members who are not in the channel', async () => {
      app.slack.on('conversations.info', (params) => ({ ok: true, channel: { id: params.channel, is_member: false } }));
      const notIn = await submit(COACH, 'project_charter_form', charterValues());
      expect((notIn.body as any).errors.project_channel).toContain('invite it with /invite @Learnloop');
      app.slack.reset();
      const outside = await submit(COACH, 'project_charter_form', charterValues({ members: [M1, OUTSIDER] }));
      expect((outside.body as any).errors.project_members).toContain('Not in the project channel yet: outsider');
      expect(await app.db.selectFrom('project').select('id').execute()).toEqual([]);
    });

    it('sets up the project: learning sets, charter in the channel, roles by DM, supervisors asked', async () => {
      const { id, scheduleId } = await createProject({ hours: '12' });
      const project = await app.db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(project).toMatchObject({ name: 'Faster onboarding', startsOn: '2027-01-04', endsOn: '2027-10-04', hoursPerWeek: 12, setCadence: 'biweekly', timeZone: 'Europe/Berlin', wave: 'Pilot 2027', status: 'active', createdBy: COACH });
      const schedule = await app.db.selectFrom('promptSchedule').selectAll().where('id', '=', scheduleId).executeTakeFirstOrThrow();
      expect(schedule).toMatchObject({ channelId: CHANNEL, questionSet: 'custom', timeZone: 'Europe/Berlin' });
      expect(schedule.nextRunAt.toISOString()).toBe('2027-01-04T15:00:00.000Z'); // Monday 16:00 in Berlin
      expect((await app.db.selectFrom('channelQuestion').select('text').execute()).map((q) => q.text)).toEqual([expect.stringContaining('What will we try next?')]);
      const charter = app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === CHANNEL);
      expect(JSON.stringify(charter?.params.blocks)).toContain('Halve the time a new engineer needs to ship.');
      // Each person hears their own role; only members are asked for a supervisor.
      const roleOf = (person: string) => dmsTo(person).map((call) => String(call.params.text)).find((text) => text.startsWith('You '));
      for (const person of [M1, M2, M3]) expect(roleOf(person)).toContain('You are a member of “Faster onboarding”: about 12 hours a week from 2027-01-04 to 2027-10-04');
      expect(roleOf(SPONSOR)).toContain('You sponsor “Faster onboarding” (2027-01-04 to 2027-10-04)');
      expect(roleOf(COACH)).toContain('You coach “Faster onboarding” (2027-01-04 to 2027-10-04)');
      expect(dmsTo(M1).some((call) => JSON.stringify(call.params.blocks).includes('project_supervisor_ask_'))).toBe(true);
      expect(dmsTo(SPONSOR).some((call) => JSON.stringify(call.params.blocks).includes('project_supervisor_ask_'))).toBe(false);
      expect(dmsTo(COACH).map((call) => call.params.text).join(' ')).toContain('12 hours a week is a lot');
    });
  });

  describe('the supervisor', () => {
    it('is asked once when a member names them, answers with a button only they can use, and the coach and sponsor hear it', async () => {
      const { id } = await createProject();
      app.slack.reset();
      await app.interaction({
        type: 'block_actions',
        user: { id: M1, team_id: app.teamId },
        trigger_id: 'trigger-sup',
        response_url: app.slack.responseUrl('sup-pick'),
        channel: { id: `D${M1}`, name: 'dm' },
        container: { type: 'message', message_ts: '1790000000.000100', channel_id: `D${M1}`, is_ephemeral: false },
        actions: [{ type: 'users_select', action_id: 'project_supervisor_pick', block_id: `project_supervisor_ask_${id}`, selected_user: BOSS, action_ts: '1' }],
      });
      const ask = await app.slack.waitFor(() => dmsTo(BOSS)[0]);
      expect(ask.params.text).toContain(`<@${M1}> is joining the action-learning project “Faster onboarding”: about 8 hours a week from 2027-01-04 to 2027-10-04`);
      const press = (user: string, actionId: string, n: number) => pressButton(app, { user, actionId, value: `${id}:${M1}`, channel: `D${user}`, channelName: 'dm', blockId: 'project_supervisor_request', responseId: `sup-${n}` });
      const told = async (n: number) => (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/sup-${n}`))).body.text as string;
      await press(M2, 'project_supervisor_agree', 1);
      expect(await told(1)).toContain('Only the supervisor this was sent to');
      await press(BOSS, 'project_supervisor_agree', 2);
      await app.learnloop.settled();
      const member = await app.db.selectFrom('projectPerson').selectAll().where('projectId', '=', id).where('userId', '=', M1).executeTakeFirstOrThrow();
      expect(member).toMatchObject({ supervisorId: BOSS, supervisorAnswer: 'agreed' });
      for (const person of [COACH, SPONSOR]) expect(dmsTo(person).map((call) => call.params.text)).toContain(`<@${BOSS}> agreed to <@${M1}>’s time on “Faster onboarding”.`);
      const show = await run(`project show ${id}`, SPONSOR);
      expect(blockById(show.blocks, 'project_show').text.text).toContain(`<@${M1}>: <@${BOSS}> agreed`);
    });
  });

  describe('posts in answer to a press, each once', () => {
    const marked = (eventType: string) => app.slack.messages.filter((m) => m.metadata?.event_type === eventType);
    const pickSupervisor = (id: number, n: number) =>
      app.interaction({
        type: 'block_actions',
        user: { id: M1, team_id: app.teamId },
        response_url: app.slack.responseUrl(`pick-${n}`),
        channel: { id: `D${M1}`, name: 'dm' },
        container: { type: 'message', message_ts: '1790000000.000100', channel_id: `D${M1}`, is_ephemeral: false },
        actions: [{ type: 'users_select', action_id: 'project_supervisor_pick', block_id: `project_supervisor_ask_${id}`, selected_user: BOSS, action_ts: String(n) }],
      });
    const stuckValues = (note: string) => ({ project_stuck_note: { project_stuck_note_input: { type: 'plain_text_input', value: note } }, project_stuck_anonymous: { project_stuck_anonymous_input: { type: 'checkboxes', selected_options: [] } } });

    it('sets up one project when the charter form is sent twice at once: one charter, one role DM each, one supervisor question per member', async () => {
      const view = { id: 'VCHARTERTWICE', callback_id: 'project_charter_form', private_metadata: '', state: { values: charterValues() } };
      const answers = await Promise.all([1, 2].map(() => app.interaction({ type: 'view_submission', user: { id: COACH, team_id: app.teamId }, view })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      await app.learnloop.settled();
      const projects = await app.db.selectFrom('project').select(['id', 'scheduleId', 'charterTs']).execute();
      expect(projects).toHaveLength(1);
      expect(await app.db.selectFrom('promptSchedule').select('id').execute()).toEqual([{ id: projects[0]!.scheduleId }]);
      expect(await app.db.selectFrom('channelQuestion').select('channelId').execute()).toEqual([{ channelId: CHANNEL }]);
      expect(marked('learnloop_project_charter').map((m) => m.ts)).toEqual([projects[0]!.charterTs]);
      expect(marked('learnloop_project_role').map((m) => m.metadata!.event_payload.user_id).sort()).toEqual([COACH, M1, M3, M2, SPONSOR].sort());
      expect(marked('learnloop_project_supervisor_ask').map((m) => m.metadata!.event_payload.user_id).sort()).toEqual([M1, M2, M3].sort());
      expect(marked('learnloop_project_created')).toHaveLength(1);
    });

    it('posts the charter once after a 500 from a Slack that kept it, and keeps its ts', async () => {
      app.slack.fail('chat.postMessage', { status: 500, stored: true });
      const { id } = await createProject();
      const charters = marked('learnloop_project_charter');
      expect(charters.map((m) => m.channel)).toEqual([CHANNEL]);
      expect((await app.db.selectFrom('project').select('charterTs').where('id', '=', id).executeTakeFirstOrThrow()).charterTs).toBe(charters[0]!.ts);
    });

    it('asks the supervisor once when the member picks them twice at once, and once after a 500', async () => {
      const { id } = await createProject();
      app.slack.reset();
      await Promise.all([pickSupervisor(id, 1), pickSupervisor(id, 2)]);
      await app.learnloop.settled();
      const told = await Promise.all([1, 2].map(async (n) => (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/pick-${n}`))).body.text as string));
      expect(told.sort()).toEqual([`<@${BOSS}> has been asked already; they are not asked twice.`, `Thanks: <@${BOSS}> has been asked to agree to your time on the project.`]);
      expect(marked('learnloop_project_supervisor_request').map((m) => m.channel)).toEqual([`D${BOSS.slice(1)}`]);
      // A new pick after Slack kept the request but answered 500: still one request to the new supervisor.
      await app.db.updateTable('projectPerson').set({ supervisorId: null }).where('projectId', '=', id).where('userId', '=', M1).execute();
      app.slack.reset();
      app.slack.fail('chat.postMessage', { status: 500, stored: true });
      await pickSupervisor(id, 3);
      await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/pick-3'));
      expect(marked('learnloop_project_supervisor_request')).toHaveLength(1);
    });

    it('tells the coach and sponsor once when "We\'re stuck" is sent twice at once, and once after a 500', async () => {
      const { id } = await createProject();
      app.slack.reset();
      const view = { id: 'VSTUCKTWICE', callback_id: 'project_stuck_form', private_metadata: JSON.stringify({ projectId: id }), state: { values: stuckValues('The build takes an hour') } };
      await Promise.all([1, 2].map(() => app.interaction({ type: 'view_submission', user: { id: M2, team_id: app.teamId }, view })));
      await app.learnloop.settled();
      expect(await app.db.selectFrom('projectFlag').select(['kind', 'userId', 'note']).execute()).toEqual([{ kind: 'stuck', userId: M2, note: 'The build takes an hour' }]);
      expect(marked('learnloop_project_stuck').map((m) => m.metadata!.event_payload.to).sort()).toEqual([COACH, SPONSOR].sort());
      app.slack.reset();
      app.slack.fail('chat.postMessage', { status: 500, stored: true });
      await submit(M2, 'project_stuck_form', stuckValues('Nobody reviews our changes'), JSON.stringify({ projectId: id }));
      await app.learnloop.settled();
      expect(marked('learnloop_project_stuck').map((m) => m.metadata!.event_payload.to).sort()).toEqual([COACH, SPONSOR].sort());
    });
  });

  describe('learning sets, modules, check-ins and milestones', () => {
    it('posts each learning set and its buttons once although two processes tick together', async () => {
      const { id } = await createProject();
      const second = await startSecondProcess(app);
      try {
        now = new Date('2027-01-04T15:00:30Z');
        app.slack.reset();
        await Promise.all([app.learnloop.scheduler.tick(now), second.learnloop.scheduler.tick(now)]);
        await app.learnloop.scheduler.tick(now);
        const posts = app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === CHANNEL);
        const prompt = posts.filter((call) => !call.params.thread_ts);
        const buttons = posts.filter((call) => call.params.thread_ts && JSON.stringify(call.params.blocks).includes('project_stuck'));
        expect(prompt).toHaveLength(1);
        expect(prompt[0]!.params.text ?? JSON.stringify(prompt[0]!.params.blocks)).toContain('Learning set');
        expect(buttons).toHaveLength(1);
        expect(await app.db.selectFrom('projectSet').select(['projectId', 'buttonsTs']).execute()).toEqual([{ projectId: id, buttonsTs: expect.any(String) }]);
      } finally {
        await second.stop();
      }
    });

    it('lets a member flag "we\'re stuck" without their name: the coach and sponsor hear at once, nobody is named', async () => {
      const { id } = await createProject();
      app.slack.reset();
      const stuck = await submit(M2, 'project_stuck_form', { project_stuck_note: { project_stuck_note_input: { type: 'plain_text_input', value: 'We cannot get access to the staging data' } }, project_stuck_anonymous: { project_stuck_anonymous_input: { type: 'checkboxes', selected_options: [{ value: 'anonymous' }] } } }, JSON.stringify({ projectId: id }));
      expect(stuck.status).toBe(200);
      await app.learnloop.settled();
      for (const person of [COACH, SPONSOR]) {
        const dm = await app.slack.waitFor(() => dmsTo(person).find((call) => String(call.params.text).includes('stuck')));
        expect(dm.params.text).toContain('(sent without a name): We cannot get access to the staging data');
        expect(dm.params.text).not.toContain(M2);
      }
      expect(await app.db.selectFrom('projectFlag').select(['kind', 'userId']).execute()).toEqual([{ kind: 'stuck', userId: null }]);
      const outsider = await submit(OUTSIDER, 'project_stuck_form', { project_stuck_note: { project_stuck_note_input: { type: 'plain_text_input', value: 'x' } } }, JSON.stringify({ projectId: id }));
      expect((outsider.body as any).errors.project_stuck_note).toContain('Only the project’s members');
    });

    it('turns "what will we try next" into a member’s commitment, followed up on its date', async () => {
      const { id } = await createProject();
      await pressButton(app, { user: M1, actionId: 'project_own_next', value: String(id), channel: CHANNEL, channelName: 'project', blockId: 'project_learning_set', responseId: 'own-1' });
      const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
      const view = typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
      expect(blockById(view.blocks, 'project_own_due').element.initial_date).toBe('2026-12-19');
      const values = (text: string, due: string) => ({ project_own_text: { project_own_text_input: { type: 'plain_text_input', value: text } }, project_own_due: { project_own_due_input: { type: 'datepicker', selected_date: due } } });
      expect(((await submit(M1, 'project_own_form', values('Pair on the onboarding doc', '2026-12-01'), view.private_metadata)).body as any).errors.project_own_due).toContain('today or a later date');
      expect(((await submit(SPONSOR, 'project_own_form', values('x', '2026-12-19'), view.private_metadata)).body as any).errors.project_own_text).toContain('Only the project’s members');
      await submit(M1, 'project_own_form', values('Pair on the onboarding doc', '2026-12-19'), view.private_metadata);
      expect(await app.db.selectFrom('commitment').select(['ownerId', 'text', 'dueDate', 'reviewId', 'status']).where('ownerId', '=', M1).execute()).toEqual([
        { ownerId: M1, text: 'Pair on the onboarding doc', dueDate: '2026-12-19', reviewId: null, status: 'open' },
      ]);
      await app.db.deleteFrom('commitment').where('ownerId', '=', M1).execute();
    });

    it('turns a recognition into feedback only its recipient sees, counted only in aggregate', async () => {
      const { id } = await createProject();
      app.slack.reset();
      await submit(M1, 'project_recognise_form', { project_recognise_who: { project_recognise_who_input: { type: 'users_select', selected_user: M3 } }, project_recognise_note: { project_recognise_note_input: { type: 'plain_text_input', value: 'unblocked the deploy' } } }, JSON.stringify({ projectId: id }));
      await app.learnloop.settled();
      const feedback = await app.db.selectFrom('feedback').select(['senderId', 'recipientId', 'text']).execute();
      expect(feedback).toEqual([{ senderId: M1, recipientId: M3, text: 'You helped us move this fortnight. (Faster onboarding) unblocked the deploy' }]);
      // The recipient's DM is the feedback card, from the member who recognised them.
      const card = await app.slack.waitFor(() => dmsTo(M3)[0]);
      expect(JSON.stringify(card.params.blocks)).toContain('unblocked the deploy');
      expect(JSON.stringify(card.params.blocks)).toContain(`<@${M1}>`);
      expect(dmsTo(M1).map((call) => call.params.text)).toContain(`Thanks for recognising <@${M3}>: they have it as feedback only they see.`);
      const show = await run(`project show ${id}`, SPONSOR);
      expect(blockById(show.blocks, 'project_show').text.text).not.toContain('recognitions');
    });

    it('adds modules for the coach only and posts each on its date once, with Done per member', async () => {
      const { id } = await createProject();
      const moduleValues = (date: string) => ({
        project_module_project: { project_module_project_input: { type: 'static_select', selected_option: { value: String(id) } } },
        project_module_title: { project_module_title_input: { type: 'plain_text_input', value: 'Giving feedback that lands' } },
        project_module_link: { project_module_link_input: { type: 'url_text_input', value: 'https://example.com/feedback' } },
        project_module_date: { project_module_date_input: { type: 'datepicker', selected_date: date } },
        project_module_question: { project_module_question_input: { type: 'plain_text_input', value: 'What will you try this week?' } },
      });
      expect(((await submit(M1, 'project_module_form', moduleValues('2027-02-01'))).body as any).errors.project_module_project).toContain('Only the project’s coach');
      expect(((await submit(COACH, 'project_module_form', moduleValues('2027-12-01'))).body as any).errors.project_module_date).toContain('ends on 2027-10-04');
      expect((await submit(COACH, 'project_module_form', moduleValues('2027-02-01'))).status).toBe(200);
      const second = await startSecondProcess(app);
      try {
        now = new Date('2027-01-31T22:00:00Z'); // 23:00 on the 31st in Berlin: not yet
        app.slack.reset();
        await app.learnloop.scheduler.tick(now);
        expect(app.slack.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.params.blocks ?? []).includes('project_module'))).toEqual([]);
        now = new Date('2027-01-31T23:30:00Z'); // 00:30 on the 1st in Berlin
        await Promise.all([app.learnloop.scheduler.tick(now), second.learnloop.scheduler.tick(now)]);
        const posts = app.slack.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.params.blocks ?? []).includes('project_module_done'));
        expect(posts).toHaveLength(1);
        const question = app.slack.callsTo('chat.postMessage').filter((call) => call.params.thread_ts && String(call.params.text).includes('What will you try this week?'));
        expect(question).toHaveLength(1);
      } finally {
        await second.stop();
      }
      const module = await app.db.selectFrom('projectModule').select(['id', 'postedAt']).executeTakeFirstOrThrow();
      expect(module.postedAt).not.toBeNull();
      await pressButton(app, { user: M2, actionId: 'project_module_done', value: String(module.id), channel: CHANNEL, channelName: 'project', blockId: 'project_module', responseId: 'done-1' });
      await pressButton(app, { user: BOSS, actionId: 'project_module_done', value: String(module.id), channel: CHANNEL, channelName: 'project', blockId: 'project_module', responseId: 'done-2' });
      await app.learnloop.settled();
      expect(await app.db.selectFrom('projectModuleDone').select('userId').execute()).toEqual([{ userId: M2 }]);
    });

    it('sends the sponsor a monthly check-in through the DM budget, with what they may read', async () => {
      const { id } = await createProject();
      await app.db.insertInto('learning').values({ teamId: app.teamId, userId: M1, text: 'Pairing on onboarding docs halves questions', tags: [], visibility: 'team', channelId: CHANNEL, createdAt: new Date('2027-01-20T10:00:00Z') }).execute();
      await app.db.insertInto('learning').values({ teamId: app.teamId, userId: M2, text: 'A private note to myself', tags: [], visibility: 'private', channelId: CHANNEL, createdAt: new Date('2027-01-21T10:00:00Z') }).execute();
      const project = await app.db.selectFrom('project').select('nextSponsorCheckInAt').where('id', '=', id).executeTakeFirstOrThrow();
      expect(project.nextSponsorCheckInAt?.toISOString()).toBe('2027-02-04T09:00:00.000Z'); // 10:00 in Berlin, a month after the start
      const second = await startSecondProcess(app);
      try {
        now = new Date('2027-02-04T09:01:00Z');
        app.slack.reset();
        await Promise.all([app.learnloop.scheduler.tick(now), second.learnloop.scheduler.tick(now)]);
      } finally {
        await second.stop();
      }
      const dms = await app.db.selectFrom('scheduledDm').select(['userId', 'kind', 'status']).where('kind', '=', 'project_sponsor_check_in').execute();
      expect(dms).toEqual([{ userId: SPONSOR, kind: 'project_sponsor_check_in', status: 'sent' }]);
      const sent = dmsTo(SPONSOR).find((call) => JSON.stringify(call.params.blocks ?? []).includes('project_sponsor_check_in'));
      const text = JSON.stringify(sent?.params.blocks);
      expect(text).toContain('Pairing on onboarding docs halves questions');
      expect(text).not.toContain('A private note to myself');
      expect(text).toContain('project_sponsor_note');
      expect((await app.db.selectFrom('project').select('nextSponsorCheckInAt').where('id', '=', id).executeTakeFirstOrThrow()).nextSponsorCheckInAt?.toISOString()).toBe('2027-03-04T09:00:00.000Z');
    });

    it('opens the mid-point review on its local date and offers the final review two weeks before the end', async () => {
      const { id } = await createProject();
      now = new Date('2027-05-19T21:30:00Z'); // 23:30 on the 19th in Berlin: the mid-point is the 20th
      await app.learnloop.scheduler.tick(now);
      expect(await app.db.selectFrom('review').select('id').execute()).toEqual([]);
      now = new Date('2027-05-19T22:30:00Z'); // 00:30 on the 20th in Berlin
      await app.learnloop.scheduler.tick(now);
      await app.learnloop.scheduler.tick(now);
      const reviews = await app.db.selectFrom('review').select(['id', 'title', 'channelId', 'startedBy']).execute();
      expect(reviews).toEqual([{ id: expect.any(Number), title: 'Mid-point review: Faster onboarding', channelId: CHANNEL, startedBy: COACH }]);
      expect((await app.db.selectFrom('project').select('midpointReviewId').where('id', '=', id).executeTakeFirstOrThrow()).midpointReviewId).toBe(reviews[0]!.id);
      app.slack.reset();
      now = new Date('2027-09-20T08:00:00Z');
      await app.learnloop.scheduler.tick(now);
      await app.learnloop.scheduler.tick(now);
      const proposals = dmsTo(COACH).filter((call) => JSON.stringify(call.params.blocks ?? []).includes('project_final_review'));
      expect(proposals).toHaveLength(1);
    });
  });

  describe('steering', () => {
    it('lets the coach pause, resume and close, posts a closing summary with its figures, and refuses members', async () => {
      const { id, scheduleId } = await createProject();
      expect((await run(`project pause ${id}`, M1)).text).toContain('Only the project’s coach, sponsor or creator');
      expect((await run(`project pause ${id}`, SPONSOR)).text).toContain('Paused “Faster onboarding”');
      expect((await app.db.selectFrom('promptSchedule').select('status').where('id', '=', scheduleId).executeTakeFirstOrThrow()).status).toBe('paused');
      expect((await run(`project resume ${id}`, COACH)).text).toContain('Resumed');
      expect((await app.db.selectFrom('promptSchedule').select('status').where('id', '=', scheduleId).executeTakeFirstOrThrow()).status).toBe('active');
      app.slack.reset();
      expect((await run(`project close ${id}`, COACH)).text).toContain('Closed “Faster onboarding”');
      const closing = app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === CHANNEL);
      expect(JSON.stringify(closing?.params.blocks)).toContain('is closed');
      expect(app.slack.uploads.map((u) => u.filename)).toEqual([`project-${id}-summary.csv`]);
      expect((await run(`project close ${id}`, COACH)).text).toContain('is closed; that cannot be done now');
      expect((await run('project show 99999', COACH)).text).toContain('There is no project #99999');
      expect((await run(`project show ${id}`, OUTSIDER)).text).toContain('Only the project’s people');
    });

    it('lists my projects, shows them on the Home, and gives admins a wave summary in figures', async () => {
      await createProject();
      expect(blockById((await run('project list', M1)).blocks, 'project_list').text.text).toContain('*Faster onboarding* — member');
      expect((await run('project list', OUTSIDER)).text).toContain('not in any action-learning project');
      expect((await run('project wave Pilot 2027', M1)).text).toContain('for Learnloop admins');
      const wave = await run('project wave pilot 2027', ADMIN);
      expect(blockById(wave.blocks, 'project_wave_summary').text.text).toContain('Wave pilot 2027: 1 project');
      app.slack.reset();
      await app.event({ type: 'app_home_opened', user: M2, channel: `D${M2}`, tab: 'home' });
      const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish')[0]);
      const view = typeof publish.params.view === 'string' ? JSON.parse(publish.params.view) : publish.params.view;
      expect(blockById(view.blocks, 'project_home').text.text).toContain('*Faster onboarding* — member');
    });
  });

  it('runs a whole nine-month project on a fake clock: every learning set once, a check-in a month, the milestones once', async () => {
    const { id } = await createProject();
    const start = new Date('2027-01-04T00:00:00Z').getTime();
    for (let day = 0; day <= 274; day++) {
      // Two ticks a day: the sponsor's 10:00 and the learning set's 16:00 (Berlin), in UTC.
      for (const hourUtc of [9, 15]) {
        now = new Date(start + day * DAY + hourUtc * 3600_000 + 60_000);
        await app.learnloop.scheduler.tick(now);
      }
    }
    const sets = await app.db.selectFrom('projectSet').select('promptId').where('projectId', '=', id).execute();
    const prompts = await app.db.selectFrom('prompt').select(['id', 'status']).where('channelId', '=', CHANNEL).execute();
    // Every other Monday from 4 January to 4 October 2027: 20 learning sets, each posted once, with its buttons.
    expect(prompts.filter((p) => p.status === 'posted')).toHaveLength(20);
    expect(sets).toHaveLength(20);
    const checkIns = await app.db.selectFrom('scheduledDm').select('status').where('kind', '=', 'project_sponsor_check_in').execute();
    expect(checkIns).toHaveLength(9);
    expect(checkIns.every((dm) => dm.status === 'sent')).toBe(true);
    expect(await app.db.selectFrom('review').select('title').execute()).toEqual([{ title: 'Mid-point review: Faster onboarding' }]);
    expect(app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === COACH && JSON.stringify(call.params.blocks ?? []).includes('project_final_review'))).toHaveLength(1);
  }, 120_000);
});
