import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const Z = '\u200B';
// Monday 23 November 2026, 05:00 in New York, 11:00 in Berlin.
const NOW = new Date('2026-11-23T10:00:00Z');

const TEAM = 'C0TEAM';
const ALICE = 'U0ALICE'; // America/New_York
const BOB = 'U0BOB'; // Europe/Berlin
const ADMIN = 'U0ADMIN'; // in LEARNLOOP_ADMINS
const BOSS = 'U0BOSS'; // a Slack workspace admin

const textOf = (block: any): string => block?.text?.text ?? '';

describe('/learnloop prompts and /learnloop questions', () => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(NOW) } });
    app.slack.addUser({ id: ALICE, tz: 'America/New_York' });
    app.slack.addUser({ id: BOB, tz: 'Europe/Berlin' });
    app.slack.addUser({ id: ADMIN, tz: 'Europe/Berlin' });
    app.slack.addUser({ id: BOSS, tz: 'Europe/Berlin', is_admin: true });
    // C0OUTSIDE: public, the bot is not a member; C0PRIVATE: private, invisible to the bot.
    app.slack.on('conversations.info', (params) =>
      params.channel === 'C0PRIVATE'
        ? { ok: false, error: 'channel_not_found' }
        : { ok: true, channel: { id: params.channel, name: 'x', is_channel: true, is_member: params.channel !== 'C0OUTSIDE' } },
    );
    // The schedule form's channel and its people, as Slack knows them (the form is checked against them).
    app.slack.channelMembers.set('C0FORM', [ALICE, BOB]);
  });
  afterAll(async () => {
    await app.stop();
  });

  /** Sends `/learnloop <text>` and returns the ephemeral reply sent later to the response_url. */
  async function run(text: string, options: { user?: string; channel?: string; channelName?: string } = {}): Promise<{ text: string; blocks?: any[] }> {
    const id = `prompts-test-${++counter}`;
    const response = await app.command('/learnloop', text, {
      user_id: options.user ?? ALICE,
      channel_id: options.channel ?? TEAM,
      channel_name: options.channelName ?? 'team',
      response_url: app.slack.responseUrl(id),
      trigger_id: `trigger-${id}`,
    });
    expect(response.status).toBe(200);
    const reply = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`));
    expect(reply.body.response_type).toBe('ephemeral');
    return reply.body as { text: string; blocks?: any[] };
  }

  const schedules = (channelId: string) => app.db.selectFrom('promptSchedule').selectAll().where('channelId', '=', channelId).orderBy('id').execute();
  const schedule = (id: number) => app.db.selectFrom('promptSchedule').selectAll().where('id', '=', id).executeTakeFirst();
  const idIn = (text: string): number => Number(/#(\d+)/.exec(text)?.[1]);

  async function addSchedule(channel = TEAM, user = ALICE): Promise<number> {
    const reply = await run('prompts add weekly fri 15:00 Europe/Berlin', { channel, user });
    return idIn(reply.text);
  }

  describe('adding and listing', () => {
    it('adds a weekly schedule by text and lists it with its next run in the channel zone and the viewer zone', async () => {
      const reply = await run('prompts add weekly fri 15:00 Europe/Berlin', { channel: 'C0LIST' });
      const created = blockById(reply.blocks, 'prompt_schedule_created');
      expect(textOf(created)).toContain('every Friday at 15:00 (Europe/Berlin)');
      expect(textOf(created)).toContain('Fri 27 Nov, 15:00 (Europe/Berlin) · for you Fri 27 Nov, 09:00 (America/New_York)');

      const [stored] = await schedules('C0LIST');
      expect(stored).toMatchObject({
        teamId: app.teamId,
        createdBy: ALICE,
        timeZone: 'Europe/Berlin',
        cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } },
        questionSet: 'default',
        status: 'active',
        nextRunAt: new Date('2026-11-27T14:00:00Z'),
      });

      const list = await run('prompts list', { channel: 'C0LIST' });
      const item = textOf(blockById(list.blocks, `prompt_schedule_item_${stored!.id}`));
      expect(item).toContain(`*#${stored!.id}* every Friday at 15:00 · Europe/Berlin`);
      expect(item).toContain('Active');
      expect(item).toContain('Next: Fri 27 Nov, 15:00 (Europe/Berlin) · for you Fri 27 Nov, 09:00 (America/New_York)');
      expect(item).toContain('Nudge: off');
      expect(item).toContain('Last: not run yet');
      expect(textOf(blockById(list.blocks, 'prompt_schedule_skips'))).toContain('No upcoming skip dates');
    });

    it('refuses a second schedule posting at the same time as an existing one, naming its id, and adds it with `anyway`', async () => {
      const first = await run('prompts add weekly friday 3pm', { channel: 'C0TWICE', user: BOB });
      expect(textOf(blockById(first.blocks, 'prompt_schedule_created'))).toContain('every Friday at 15:00 (Europe/Berlin)');
      const [existing] = await schedules('C0TWICE');

      const again = await run('prompts add weekly fri 15:00 Europe/Berlin', { channel: 'C0TWICE', user: ALICE });
      expect(again.text).toBe(
        `Nothing was added: schedule #${existing!.id} already posts here every Friday at 15:00 (Europe/Berlin), so both would post a prompt on Fri 27 Nov, 15:00 (Europe/Berlin). ` +
          `To change #${existing!.id}, remove it first with \`/learnloop prompts remove ${existing!.id}\`; to add this one as well, run \`/learnloop prompts add weekly fri 15:00 Europe/Berlin anyway\`.`,
      );
      // Daily at the same hour meets it every Friday.
      expect((await run('prompts add daily 9am America/New_York', { channel: 'C0TWICE' })).text).toContain(`schedule #${existing!.id} already posts here`);
      expect(await schedules('C0TWICE')).toHaveLength(1);

      // Another time is fine.
      await run('prompts add weekly friday 4pm', { channel: 'C0TWICE', user: BOB });
      expect(await schedules('C0TWICE')).toHaveLength(2);

      const anyway = await run('prompts add weekly fri 15:00 Europe/Berlin anyway', { channel: 'C0TWICE', user: ALICE });
      expect(textOf(blockById(anyway.blocks, 'prompt_schedule_created'))).toContain('every Friday at 15:00 (Europe/Berlin)');
      expect((await schedules('C0TWICE')).map((s) => s.cadence)).toEqual([
        { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } },
        { kind: 'weekly', weekday: 5, time: { hour: 16, minute: 0 } },
        { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } },
      ]);
    });

    it('adds a quoted cron schedule in another zone', async () => {
      await run('prompts add "0 9 * * 1-5" America/New_York', { channel: 'C0CRON' });
      const [stored] = await schedules('C0CRON');
      expect(stored).toMatchObject({ cadence: { kind: 'cron', expression: '0 9 * * 1-5' }, timeZone: 'America/New_York', nextRunAt: new Date('2026-11-23T14:00:00Z') });
    });

    it("suggests changing a schedule by an id from the list, not a made-up one", async () => {
      const paused = await run('prompts add daily 08:00', { channel: 'C0FOOTER' });
      const pausedId = idIn(paused.text);
      await run(`prompts pause ${pausedId}`, { channel: 'C0FOOTER' });
      const active = idIn((await run('prompts add weekly mon 10:00', { channel: 'C0FOOTER' })).text);
      const footer = (await run('prompts list', { channel: 'C0FOOTER' })).blocks!.at(-1).elements[0].text as string;
      expect(footer).toBe(`Change one by its number, e.g. \`/learnloop prompts pause ${active}\`, \`remove ${active}\` or \`nudge ${active} 4h\`.`);

      await run(`prompts pause ${active}`, { channel: 'C0FOOTER' });
      const allPaused = (await run('prompts list', { channel: 'C0FOOTER' })).blocks!.at(-1).elements[0].text as string;
      expect(allPaused).toContain(`\`/learnloop prompts resume ${pausedId}\``);
    });

    it('says so when a channel has no schedules', async () => {
      const list = await run('prompts list', { channel: 'C0NOTHING' });
      expect(textOf(blockById(list.blocks, 'prompt_schedule_list'))).toContain('No prompt schedules in <#C0NOTHING> yet');
    });

    it('shows the last result and a pause reason from Slack in words', async () => {
      const id = await addSchedule('C0RESULT');
      await app.db
        .updateTable('promptSchedule')
        .set({ status: 'paused', pausedReason: 'is_archived', lastResult: 'failed', lastResultReason: 'is_archived', lastRunAt: new Date('2026-11-20T14:00:00Z') })
        .where('id', '=', id)
        .execute();
      const item = textOf(blockById((await run('prompts list', { channel: 'C0RESULT' })).blocks, `prompt_schedule_item_${id}`));
      expect(item).toContain('Paused (that channel is archived)');
      expect(item).toContain('Last: failed Fri 20 Nov, 15:00 (Europe/Berlin): that channel is archived');
      expect(item).toContain(`\`/learnloop prompts resume ${id}\``);
    });
  });

  describe('bad input', () => {
    const CRON_EXAMPLE = 'Example: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin';
    const BAD_INPUT: [string, string][] = [
      ['prompts add hourly 10:00', 'Unknown cadence "hourly". Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
      ['prompts add daily 25:00 Europe/Berlin', '"25:00" is not a time of day. Use a time like 15:00 or 3pm.'],
      ['prompts add daily 09:00 Mars/Olympus', 'Unknown time zone "Mars/Olympus". Use an IANA name such as Europe/Berlin or America/New_York.'],
      ['prompts add "0 0 9 * * 1-5" Europe/Berlin', `Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported. ${CRON_EXAMPLE}`],
      ['prompts add "0 9 30 2 *" Europe/Berlin', `That cron expression never fires (there is no such date). ${CRON_EXAMPLE}`],
      ['prompts add weekly fri 15:00 <!channel>', `Unknown time zone "@${Z}channel". Use an IANA name such as Europe/Berlin or America/New_York.`],
      ['prompts pause 99999', 'There is no schedule #99999 in this channel. See `/learnloop prompts list`.'],
      ['prompts resume #99999', 'There is no schedule #99999 in this channel. See `/learnloop prompts list`.'],
      ['prompts nudge 99999 4h', 'There is no schedule #99999 in this channel. See `/learnloop prompts list`.'],
      ['prompts pause abc', '`abc` is not a schedule id. Use the number from `/learnloop prompts list`, e.g. `/learnloop prompts pause 12`.'],
      ['prompts lsit', '`lsit` is not a `/learnloop prompts` command. Did you mean `/learnloop prompts list`?'],
      ['prompts nudge 1 100h', 'Nudges can wait from 1h to 72h, not 100h; e.g. `/learnloop prompts nudge 12 4h` or `/learnloop prompts nudge 12 off`.'],
      ['prompts skip 2026-02-30', '2026-02-30 is not a real date. Try 2026-12-24..2027-01-02 or a single date like 2026-12-24.'],
      ['prompts skip remove 99999', 'There is no skip #99999 in this channel. See `/learnloop prompts skip list`.'],
      ['questions add', 'Write the question after `add`, e.g. `/learnloop questions add What did a customer teach us this week?`'],
      [`questions add ${'x'.repeat(301)}`, 'Keep questions to 300 characters (this one has 301), e.g. `/learnloop questions add What did a customer teach us this week?`'],
      ['questions remove 99999', 'There is no question #99999 in this channel. See `/learnloop questions list`.'],
      ['questions rmove 3', '`rmove` is not a `/learnloop questions` command. Did you mean `/learnloop questions remove`?'],
    ];
    const named = BAD_INPUT.map(([text, message]) => ({ name: text.length > 60 ? `${text.slice(0, 14)}… (${text.length - 14} characters)` : text, text, message }));

    it.each(named)('answers "$name" with one line and stores nothing', async ({ text, message }) => {
      const reply = await run(text, { channel: 'C0BAD' });
      expect(reply.text).toBe(message);
      expect(reply.blocks).toBeUndefined();
      expect(await schedules('C0BAD')).toHaveLength(0);
      expect(await app.db.selectFrom('promptSkip').select('id').where('channelId', '=', 'C0BAD').execute()).toHaveLength(0);
      expect(await app.db.selectFrom('channelQuestion').select('id').where('channelId', '=', 'C0BAD').execute()).toHaveLength(0);
    });

    it("does not find another channel's schedule", async () => {
      const id = await addSchedule('C0ELSEWHERE');
      const reply = await run(`prompts pause ${id}`, { channel: 'C0BAD' });
      expect(reply.text).toBe(`There is no schedule #${id} in this channel. See \`/learnloop prompts list\`.`);
      expect((await schedule(id))?.status).toBe('active');
    });
  });

  describe('where prompts can go', () => {
    it.each<[string, string]>([
      ['D0ALICE', 'directmessage'],
      ['G0GROUPDM', 'directmessage'],
    ])('refuses a schedule in a direct message (%s)', async (channel, channelName) => {
      const reply = await run('prompts add weekly fri 15:00 Europe/Berlin', { channel, channelName });
      expect(reply.text).toBe('Prompts belong to a channel, not a direct message. Run `/learnloop prompts` in the channel where the team should reflect.');
      expect(await schedules(channel)).toHaveLength(0);
    });

    it('refuses channel questions in a direct message', async () => {
      const reply = await run('questions add What went well?', { channel: 'D0ALICE', channelName: 'directmessage' });
      expect(reply.text).toBe('Questions belong to a channel, not a direct message. Run `/learnloop questions` in the channel where the team should reflect.');
    });

    it.each(['C0OUTSIDE', 'C0PRIVATE'])('asks to be invited to %s before adding, posting or opening the form', async (channel) => {
      const invite = "I'm not in this channel yet. Invite me with `/invite @Learnloop`, then try again.";
      const opened = app.slack.callsTo('views.open').length;
      const posted = app.slack.callsTo('chat.postMessage').length;
      expect((await run('prompts add weekly fri 15:00 Europe/Berlin', { channel })).text).toBe(invite);
      expect((await run('prompts now', { channel })).text).toBe(invite);
      expect((await run('prompts', { channel })).text).toBe(invite);
      expect(await schedules(channel)).toHaveLength(0);
      expect(app.slack.callsTo('views.open')).toHaveLength(opened);
      expect(app.slack.callsTo('chat.postMessage')).toHaveLength(posted);
    });
  });

  describe('changing a schedule', () => {
    it('lets its creator pause, resume and remove it; resuming starts from now', async () => {
      const id = await addSchedule('C0CHANGE');
      expect((await run(`prompts pause #${id}`, { channel: 'C0CHANGE' })).text).toBe(
        `Paused schedule #${id}. Nothing is posted until you run \`/learnloop prompts resume ${id}\`.`,
      );
      expect(await schedule(id)).toMatchObject({ status: 'paused', pausedReason: `by <@${ALICE}>` });
      expect((await run(`prompts pause ${id}`, { channel: 'C0CHANGE' })).text).toBe(`Schedule #${id} is already paused. Run \`/learnloop prompts resume ${id}\` to restart it.`);
      const item = textOf(blockById((await run('prompts list', { channel: 'C0CHANGE' })).blocks, `prompt_schedule_item_${id}`));
      expect(item).toContain(`Paused (by <@${ALICE}>)`);

      // An occurrence missed while paused is not posted: the next run is recomputed from now.
      await app.db.updateTable('promptSchedule').set({ nextRunAt: new Date('2026-11-01T14:00:00Z') }).where('id', '=', id).execute();
      expect((await run(`prompts resume ${id}`, { channel: 'C0CHANGE' })).text).toBe(
        `Resumed schedule #${id}. Next prompt: Fri 27 Nov, 15:00 (Europe/Berlin). Prompts missed while it was paused are not posted.`,
      );
      expect(await schedule(id)).toMatchObject({ status: 'active', pausedReason: null, nextRunAt: new Date('2026-11-27T14:00:00Z') });

      expect((await run(`prompts remove ${id}`, { channel: 'C0CHANGE' })).text).toBe(
        `Removed schedule #${id} (every Friday at 15:00). Past prompts and their replies are kept.`,
      );
      expect(await schedule(id)).toBeUndefined();
    });

    it('sets and clears the nudge', async () => {
      const id = await addSchedule('C0NUDGE');
      expect((await run(`prompts nudge ${id} 4h`, { channel: 'C0NUDGE' })).text).toBe(
        `Schedule #${id} will nudge people 4h after each prompt if the thread is still quiet.`,
      );
      expect((await schedule(id))?.nudgeAfterMinutes).toBe(240);
      const item = textOf(blockById((await run('prompts list', { channel: 'C0NUDGE' })).blocks, `prompt_schedule_item_${id}`));
      expect(item).toContain('Nudge: after 4h');
      expect((await run(`prompts nudge ${id} off`, { channel: 'C0NUDGE' })).text).toBe(`Schedule #${id} no longer nudges anyone.`);
      expect((await schedule(id))?.nudgeAfterMinutes).toBeNull();
    });

    it("refuses someone else's schedule and names who can change it", async () => {
      const id = await addSchedule('C0PERM');
      const refusal = `Only <@${ALICE}>, who added schedule #${id}, or a Learnloop or workspace admin can`;
      expect((await run(`prompts pause ${id}`, { channel: 'C0PERM', user: BOB })).text).toBe(`${refusal} pause it.`);
      expect((await run(`prompts remove ${id}`, { channel: 'C0PERM', user: BOB })).text).toBe(`${refusal} remove it.`);
      expect((await run(`prompts nudge ${id} 4h`, { channel: 'C0PERM', user: BOB })).text).toBe(`${refusal} change it.`);
      expect(await schedule(id)).toMatchObject({ status: 'active', nudgeAfterMinutes: null });
    });

    it('lets a Learnloop admin (LEARNLOOP_ADMINS) and a Slack workspace admin change it', async () => {
      const id = await addSchedule('C0ADMIN');
      expect((await run(`prompts pause ${id}`, { channel: 'C0ADMIN', user: ADMIN })).text).toContain(`Paused schedule #${id}`);
      expect((await schedule(id))?.pausedReason).toBe(`by <@${ADMIN}>`);
      expect((await run(`prompts resume ${id}`, { channel: 'C0ADMIN', user: BOSS })).text).toContain(`Resumed schedule #${id}`);
      expect((await schedule(id))?.status).toBe('active');
    });
  });

  describe('skip dates', () => {
    it('adds, lists and removes a skip; only schedule creators and admins may add or remove one', async () => {
      await addSchedule('C0SKIP');
      const added = await run('prompts skip 2026-12-24..2027-01-02', { channel: 'C0SKIP' });
      const skipId = idIn(added.text);
      expect(added.text).toBe(`No prompts will be posted in this channel on 2026-12-24 to 2027-01-02 (skip #${skipId}). Undo with \`/learnloop prompts skip remove ${skipId}\`.`);
      expect(await app.db.selectFrom('promptSkip').selectAll().where('id', '=', skipId).executeTakeFirst()).toMatchObject({
        teamId: app.teamId,
        channelId: 'C0SKIP',
        fromDate: '2026-12-24',
        toDate: '2027-01-02',
        createdBy: ALICE,
      });

      const single = idIn((await run('prompts skip 2026-12-31', { channel: 'C0SKIP', user: BOSS })).text);
      const skips = textOf(blockById((await run('prompts skip list', { channel: 'C0SKIP' })).blocks, 'prompt_schedule_skips'));
      expect(skips).toContain(`#${skipId} 2026-12-24 to 2027-01-02 (added by <@${ALICE}>)`);
      expect(skips).toContain(`#${single} 2026-12-31 (added by <@${BOSS}>)`);
      const list = await run('prompts list', { channel: 'C0SKIP' });
      expect(textOf(blockById(list.blocks, 'prompt_schedule_skips'))).toContain(`#${skipId} 2026-12-24 to 2027-01-02`);

      expect((await run('prompts skip 2026-12-01', { channel: 'C0SKIP', user: BOB })).text).toBe(
        `Only the people who scheduled prompts here (<@${ALICE}>) or a Learnloop or workspace admin can add skip dates in this channel.`,
      );
      expect((await run(`prompts skip remove ${skipId}`, { channel: 'C0SKIP', user: BOB })).text).toBe(
        `Only <@${ALICE}>, who added skip #${skipId}, or a Learnloop or workspace admin can remove it.`,
      );
      expect((await run(`prompts skip remove #${skipId}`, { channel: 'C0SKIP' })).text).toBe(
        `Removed skip #${skipId} (2026-12-24 to 2027-01-02); prompts will be posted on those dates again.`,
      );
      expect(await app.db.selectFrom('promptSkip').select('id').where('channelId', '=', 'C0SKIP').execute()).toEqual([{ id: single }]);
    });
  });

  describe('posting now and history', () => {
    it('posts a prompt in the channel now, and history lists it with its link and reply count', async () => {
      const reply = await run('prompts now', { channel: 'C0NOW' });
      expect(reply.text).toBe('Posted a reflection prompt in this channel. Replies in its thread are kept for the team.');
      const calls = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0NOW');
      expect(calls).toHaveLength(1);
      const call = calls[0];
      const prompt = await app.db.selectFrom('prompt').selectAll().where('channelId', '=', 'C0NOW').executeTakeFirstOrThrow();
      // Its buttons act on this prompt.
      expect(blockById(call!.params.blocks, 'prompt_actions').elements.map((e: any) => [e.text.text, e.value])).toEqual([['Reply privately', String(prompt.id)], ['Record a learning', String(prompt.id)]]);
      expect(prompt).toMatchObject({ teamId: app.teamId, status: 'posted', requestedBy: ALICE, scheduleId: null });
      expect(textOf(blockById(call!.params.blocks, 'prompt_question'))).toContain(prompt.questionText!);

      const answered = await app.event({ type: 'message', channel: 'C0NOW', user: BOB, text: 'We learned to ship smaller.', ts: '1800000000.000100', thread_ts: prompt.messageTs });
      expect(answered.status).toBe(200);

      const history = await run('prompts history', { channel: 'C0NOW' });
      expect(textOf(blockById(history.blocks, 'prompt_schedule_history'))).toContain('The last 1 prompt in <#C0NOW>');
      const item = textOf(blockById(history.blocks, `prompt_schedule_history_${prompt.id}`));
      expect(item).toContain(prompt.questionText!);
      expect(item).toContain('Mon 23 Nov, 05:00 (America/New_York)');
      expect(item).toContain(`<https://acme.slack.com/archives/C0NOW/p${prompt.messageTs!.replace('.', '')}|Open thread>`);
      expect(item).toContain('1 reply');
    });

    it('says when there is no history yet', async () => {
      expect((await run('prompts history', { channel: 'C0QUIET' })).text).toBe('No prompts have been posted in this channel yet. Post one now with `/learnloop prompts now`.');
    });

    it('tells why a prompt could not be posted', async () => {
      app.slack.fail('chat.postMessage', { error: 'is_archived' });
      expect((await run('prompts now', { channel: 'C0ARCHIVED' })).text).toBe('I could not post the prompt: that channel is archived. Nothing was posted.');
    });
  });

  describe('channel questions', () => {
    it('adds, lists and removes questions, showing them without live broadcasts', async () => {
      const added = await run('questions add <!channel> What did a customer teach us & why?', { channel: 'C0QUESTIONS' });
      const id = idIn(added.text);
      expect(added.text).toBe(`Added question #${id}: “@${Z}channel What did a customer teach us &amp; why?”. Schedules set to this channel’s own questions (or both) will ask it.`);
      expect(await app.db.selectFrom('channelQuestion').selectAll().where('id', '=', id).executeTakeFirst()).toMatchObject({
        teamId: app.teamId,
        channelId: 'C0QUESTIONS',
        text: '<!channel> What did a customer teach us & why?',
        createdBy: ALICE,
      });

      const list = await run('questions list', { channel: 'C0QUESTIONS' });
      const listed = textOf(blockById(list.blocks, 'prompt_schedule_questions'));
      expect(listed).toContain(`#${id} @${Z}channel What did a customer teach us &amp; why? (added by <@${ALICE}>)`);
      expect(JSON.stringify(list)).not.toContain('<!channel>');
      expect(JSON.stringify(list.blocks)).toContain('16 questions');

      expect((await run(`questions remove ${id}`, { channel: 'C0QUESTIONS', user: BOB })).text).toBe(
        `Only <@${ALICE}>, who added question #${id}, or a Learnloop or workspace admin can remove it.`,
      );
      expect((await run(`questions remove #${id}`, { channel: 'C0QUESTIONS' })).text).toBe(`Removed question #${id}: “@${Z}channel What did a customer teach us &amp; why?”.`);
      expect(textOf(blockById((await run('questions', { channel: 'C0QUESTIONS' })).blocks, 'prompt_schedule_questions'))).toContain('has no questions of its own yet');
    });

    it('asks a channel question with `now` (mixed set) once the default ones were asked', async () => {
      const added = await run('questions add What did a customer teach us this week?', { channel: 'C0MIXED', user: BOB });
      const id = idIn(added.text);
      // The rotation asks every question once per cycle: mark the 16 default ones as asked.
      await app.db
        .insertInto('prompt')
        .values(Array.from({ length: 16 }, (_, i) => ({ teamId: app.teamId, channelId: 'C0MIXED', scheduledFor: new Date(NOW.getTime() - (16 - i) * 86_400_000), status: 'posted' as const, questionId: `d${i + 1}`, questionText: 'old' })))
        .execute();
      expect((await run('prompts now', { channel: 'C0MIXED' })).text).toContain('Posted a reflection prompt');
      const call = app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === 'C0MIXED');
      expect(textOf(blockById(call!.params.blocks, 'prompt_question'))).toContain('What did a customer teach us this week?');
      const asked = await app.db.selectFrom('prompt').select('questionId').where('channelId', '=', 'C0MIXED').where('requestedBy', '=', ALICE).executeTakeFirstOrThrow();
      expect(asked.questionId).toBe(`c${id}`);
    });
  });

  describe('the schedule form', () => {
    const values = (fields: { cadence?: string; weekday?: string; day?: string; time?: string | null; cron?: string; timeZone?: string; questionSet?: string }) => ({
      prompt_schedule_cadence: { prompt_schedule_cadence_input: { type: 'static_select', selected_option: fields.cadence ? { value: fields.cadence } : null } },
      prompt_schedule_weekday: { prompt_schedule_weekday_input: { type: 'static_select', selected_option: fields.weekday ? { value: fields.weekday } : null } },
      prompt_schedule_day_of_month: { prompt_schedule_day_of_month_input: { type: 'plain_text_input', value: fields.day ?? null } },
      prompt_schedule_time: { prompt_schedule_time_input: { type: 'timepicker', selected_time: fields.time ?? null } },
      prompt_schedule_cron: { prompt_schedule_cron_input: { type: 'plain_text_input', value: fields.cron ?? null } },
      prompt_schedule_time_zone: { prompt_schedule_time_zone_input: { type: 'plain_text_input', value: fields.timeZone ?? null } },
      prompt_schedule_question_set: { prompt_schedule_question_set_input: { type: 'radio_buttons', selected_option: fields.questionSet ? { value: fields.questionSet } : null } },
    });
    const submit = (state: Record<string, unknown>, privateMetadata = JSON.stringify({ channelId: 'C0FORM' })) =>
      app.interaction({
        type: 'view_submission',
        user: { id: ALICE, team_id: app.teamId },
        team: { id: app.teamId },
        view: { id: 'V1', type: 'modal', callback_id: 'prompt_schedule_create', private_metadata: privateMetadata, state: { values: state } },
      });

    it('opens the form for the channel with the person’s time zone filled in', async () => {
      const id = `prompts-form-${++counter}`;
      const response = await app.command('/learnloop', 'prompts', { user_id: ALICE, channel_id: 'C0FORM', trigger_id: 'trigger-form', response_url: app.slack.responseUrl(id) });
      expect(response.status).toBe(200);
      const call = await app.slack.waitFor(() => app.slack.callsTo('views.open').find((c) => c.params.trigger_id === 'trigger-form'));
      const view = call.params.view;
      expect(view.callback_id).toBe('prompt_schedule_create');
      expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0FORM' });
      expect(blockById(view.blocks, 'prompt_schedule_time_zone').element.initial_value).toBe('America/New_York');
      expect(view.blocks.map((b: any) => b.block_id)).toEqual(expect.arrayContaining(['prompt_schedule_cadence', 'prompt_schedule_weekday', 'prompt_schedule_day_of_month', 'prompt_schedule_time', 'prompt_schedule_cron', 'prompt_schedule_question_set']));
      expect(blockById(view.blocks, 'prompt_schedule_question_set').element.options.map((o: any) => o.value)).toEqual(['default', 'custom', 'mixed']);
    });

    it('returns field errors keyed by block id and stores nothing', async () => {
      const response = await submit(values({ cadence: 'weekly', time: '25:00', timeZone: 'Mars/Olympus', questionSet: 'mixed' }));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        response_action: 'errors',
        errors: {
          prompt_schedule_weekday: 'Weekly prompts need a day of the week.',
          prompt_schedule_time: '"25:00" is not a time of day. Use 24-hour HH:MM, e.g. 09:30.',
          prompt_schedule_time_zone: 'Unknown time zone "Mars/Olympus". Use an IANA name such as Europe/Berlin or America/New_York.',
        },
      });
      const cron = await submit(values({ cadence: 'cron', cron: '0 0 9 * * *', timeZone: 'Europe/Berlin' }));
      expect(cron.body.errors).toEqual({ prompt_schedule_cron: 'Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported.' });
      const stale = await submit(values({ cadence: 'daily', time: '09:00', timeZone: 'Europe/Berlin' }), 'not json');
      expect(stale.body.errors).toEqual({ prompt_schedule_cadence: 'This form is out of date. Close it and run `/learnloop prompts` in the channel again.' });
      expect(await schedules('C0FORM')).toHaveLength(0);
    });

    it('creates the schedule from a good form and confirms it in the channel', async () => {
      const response = await submit(values({ cadence: 'biweekly', weekday: 'fri', time: '15:00', timeZone: 'Europe/Berlin', questionSet: 'mixed' }));
      expect(response.status).toBe(200);
      expect(response.body?.response_action).toBeUndefined();
      const [stored] = await schedules('C0FORM');
      expect(stored).toMatchObject({
        teamId: app.teamId,
        createdBy: ALICE,
        cadence: { kind: 'biweekly', weekday: 5, time: { hour: 15, minute: 0 }, anchor: '2026-11-27' },
        timeZone: 'Europe/Berlin',
        questionSet: 'mixed',
        nextRunAt: new Date('2026-11-27T14:00:00Z'),
      });
      const confirmation = await app.slack.waitFor(() => app.slack.callsTo('chat.postEphemeral').find((c) => c.params.channel === 'C0FORM'));
      expect(confirmation.params.user).toBe(ALICE);
      expect(textOf(blockById(confirmation.params.blocks, 'prompt_schedule_created'))).toContain(`Scheduled prompt #${stored!.id} in <#C0FORM>: every other Friday at 15:00 (Europe/Berlin).`);
    });

    it('refuses, on the time field, a schedule that would post at the same time as one of the channel, and says how to add it anyway', async () => {
      const [existing] = await schedules('C0FORM');
      const response = await submit(values({ cadence: 'weekly', weekday: 'fri', time: '15:00', timeZone: 'Europe/Berlin', questionSet: 'default' }));
      expect(response.body).toEqual({
        response_action: 'errors',
        errors: {
          prompt_schedule_time: `Schedule #${existing!.id} already posts here every other Friday at 15:00 (Europe/Berlin): both would post on Fri 27 Nov, 15:00 (Europe/Berlin). Pick another time, or add it anyway with /learnloop prompts add weekly fri 15:00 Europe/Berlin anyway`,
        },
      });
      const cron = await submit(values({ cadence: 'cron', cron: '0 15 * * 5', timeZone: 'Europe/Berlin' }));
      expect(Object.keys(cron.body.errors)).toEqual(['prompt_schedule_cron']);
      expect(cron.body.errors.prompt_schedule_cron).toContain('/learnloop prompts add "0 15 * * 5" Europe/Berlin anyway');
      expect(await schedules('C0FORM')).toHaveLength(1);
    });
  });
});
