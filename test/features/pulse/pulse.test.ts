import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { pressButton, startSecondProcess } from '../../support/interactions';
import { DEFAULT_STATEMENTS } from '../../../src/features/pulse/rules';

const NOW = new Date('2026-12-07T08:00:00Z'); // a Monday, 09:00 in Paris
const OPENS = new Date('2026-12-07T09:00:00Z'); // the first Monday of December, 10:00 in Paris
const DAY = 86_400_000;
const TEAM = 'C0PULSE';
const OTHER = 'C0OTHER';
const ADMIN = 'U0ADMIN';
const ANN = 'U0ANN';
const BEN = 'U0BEN';
const CAT = 'U0CAT';
const DEV = 'U0DEV';
const OUTSIDER = 'U0OUTSIDER';
const MEMBERS = [ANN, BEN, CAT, DEV];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('team learning pulse', () => {
  let app: TestApp;
  let counter = 0;
  let now = NOW;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(now) } });
    for (const id of [ADMIN, ...MEMBERS, OUTSIDER]) app.slack.addUser({ id, name: id.slice(2).toLowerCase(), tz: 'Europe/Paris' });
    app.slack.channelMembers.set(TEAM, [...MEMBERS, app.slack.botUserId]);
    app.slack.channelMembers.set(OTHER, [OUTSIDER, app.slack.botUserId]);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    now = NOW;
    app.slack.reset();
    for (const table of ['pulse_free_text', 'pulse_answer', 'pulse_participation', 'pulse_invitee', 'pulse_run', 'pulse_schedule', 'pulse_statement_set', 'scheduled_dm', 'commitment', 'review', 'workspace_setting']) {
      await sql`delete from ${sql.table(table)}`.execute(app.db.withoutPlugins());
    }
  });

  async function run(text: string, user: string, channel = TEAM): Promise<{ text: string; blocks?: any[] }> {
    const id = `pulse-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, channel_id: channel, channel_name: 'team', response_url: app.slack.responseUrl(id), trigger_id: `trigger-${id}` });
    return (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`))).body as { text: string; blocks?: any[] };
  }
  const tick = (at: Date) => {
    now = at;
    return app.learnloop.scheduler.tick(at);
  };
  const dmsTo = (user: string) => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === user);
  const resultsPosts = () => app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === TEAM && blockById(call.params.blocks, 'pulse_results'));
  const currentRun = async () => app.db.selectFrom('pulseRun').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

  function answer(user: string, runId: number, scores: number[], freeText?: string) {
    const values: Record<string, any> = {};
    scores.forEach((score, index) => (values[`pulse_statement_${index}`] = { pulse_score: { type: 'radio_buttons', selected_option: score === 0 ? null : { value: String(score) } } }));
    values.pulse_free_text = { pulse_free_text_input: { type: 'plain_text_input', value: freeText ?? null } };
    return app.interaction({ type: 'view_submission', user: { id: user, team_id: app.teamId }, view: { id: `V${++counter}`, callback_id: 'pulse_answer', private_metadata: JSON.stringify({ runId }), state: { values } } });
  }
  const scores = (value: number) => DEFAULT_STATEMENTS.map(() => value);

  /** A pulse opened with `pulse now`, its DMs sent. */
  async function openNow(): Promise<number> {
    expect((await run('pulse now', ANN)).text).toContain('4 members get one DM');
    await tick(now);
    return (await currentRun()).id;
  }

  it("shows an open pulse on the App Home of each invited member until they answer, and on no one else's", async () => {
    const runId = await openNow();
    const homeOf = async (user: string) => {
      const before = app.slack.callsTo('views.publish').length;
      await app.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });
      const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish').slice(before).find((c) => c.params.user_id === user));
      return blockById(publish.params.view.blocks ?? (typeof publish.params.view === 'string' ? JSON.parse(publish.params.view).blocks : []), `pulse_home_${runId}`);
    };
    const waiting = await homeOf(BEN);
    expect(waiting.accessory).toMatchObject({ action_id: 'pulse_answer_open', value: String(runId) });
    expect(waiting.text.text).toContain(`<#${TEAM}>`);
    expect(await homeOf(OUTSIDER)).toBeUndefined();
    await answer(BEN, runId, scores(4));
    expect(await homeOf(BEN)).toBeUndefined();
  });

  it('tries a scheduled pulse again on the next tick when Slack could not list the channel, and gives up on a channel that is gone', async () => {
    await run('pulse on monthly first mon 10:00 Europe/Paris', ANN);
    app.slack.fail('conversations.members', { status: 500 }, 10);
    await tick(OPENS);
    expect(await app.db.selectFrom('pulseRun').selectAll().execute()).toEqual([]);
    expect((await app.db.selectFrom('pulseSchedule').select('nextRunAt').executeTakeFirstOrThrow()).nextRunAt).toEqual(OPENS);
    app.slack.reset();
    await tick(new Date(OPENS.getTime() + 60_000));
    expect(await app.db.selectFrom('pulseRun').select(['status', 'scheduledFor', 'invitedCount']).execute()).toEqual([{ status: 'open', scheduledFor: OPENS, invitedCount: 4 }]);
    expect((await app.db.selectFrom('pulseSchedule').select('nextRunAt').executeTakeFirstOrThrow()).nextRunAt.getTime()).toBeGreaterThan(OPENS.getTime() + 7 * DAY);

    await run('pulse on monthly first mon 10:00 Europe/Paris', DEV, OTHER);
    app.slack.fail('conversations.members', { error: 'channel_not_found' }, 10);
    const next = (await app.db.selectFrom('pulseSchedule').select('nextRunAt').where('channelId', '=', OTHER).executeTakeFirstOrThrow()).nextRunAt;
    await tick(next);
    expect(await app.db.selectFrom('pulseRun').select('status').where('channelId', '=', OTHER).execute()).toEqual([{ status: 'failed' }]);
    expect((await app.db.selectFrom('pulseSchedule').select('nextRunAt').where('channelId', '=', OTHER).executeTakeFirstOrThrow()).nextRunAt.getTime()).toBeGreaterThan(next.getTime());
  });

  it('opens on its schedule and DMs each member once, across two processes, within the DM budget', async () => {
    const on = await run('pulse on monthly first mon 10:00 Europe/Paris', ANN);
    expect(on.text).toContain('the first Monday of each month at 10:00 (Europe/Paris)');
    await tick(new Date(OPENS.getTime() - 60_000));
    expect(await app.db.selectFrom('pulseRun').selectAll().execute()).toHaveLength(0);

    const second = await startSecondProcess(app);
    try {
      now = OPENS;
      await Promise.all([app.learnloop.scheduler.tick(OPENS), second.learnloop.scheduler.tick(OPENS)]);
    } finally {
      await second.stop();
    }
    expect(await app.db.selectFrom('pulseRun').select('invitedCount').execute()).toEqual([{ invitedCount: 4 }]);
    for (const member of MEMBERS) {
      const dms = dmsTo(member);
      expect(dms).toHaveLength(1);
      expect(JSON.stringify(dms[0]!.params.blocks)).toContain('pulse_answer_open');
    }
    expect(dmsTo(app.slack.botUserId)).toHaveLength(0);
    const schedule = await app.db.selectFrom('pulseSchedule').select('nextRunAt').executeTakeFirstOrThrow();
    expect(schedule.nextRunAt.toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('holds a pulse DM through quiet hours and sends it in the morning', async () => {
    now = new Date('2026-12-07T21:00:00Z'); // 22:00 in Paris
    await run('pulse now', ANN);
    await tick(now);
    expect(dmsTo(ANN)).toHaveLength(0);
    await tick(new Date('2026-12-08T08:00:00Z'));
    expect(dmsTo(ANN)).toHaveLength(1);
  });

  it('opens the one modal from the DM button, unless the person already answered', async () => {
    const runId = await openNow();
    await pressButton(app, { user: ANN, actionId: 'pulse_answer_open', value: String(runId), channel: 'DANN', channelName: 'directmessage', blockId: 'b', responseId: 'open-1' });
    const opened = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    const view = typeof opened.params.view === 'string' ? JSON.parse(opened.params.view) : opened.params.view;
    expect(view.callback_id).toBe('pulse_answer');
    expect(view.blocks.filter((block: any) => block.element?.type === 'radio_buttons')).toHaveLength(DEFAULT_STATEMENTS.length);
    expect(blockById(view.blocks, 'pulse_free_text').optional).toBe(true);

    expect((await answer(ANN, runId, scores(4))).body).toMatchObject({ response_action: 'update' });
    await pressButton(app, { user: ANN, actionId: 'pulse_answer_open', value: String(runId), channel: 'DANN', channelName: 'directmessage', blockId: 'b', responseId: 'open-2' });
    const told = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/open-2'));
    expect(told.body.text).toContain('You already answered');
    expect(app.slack.callsTo('views.open')).toHaveLength(1);
  });

  it('stores answers and comments that no column, transaction id or row order links to the person who gave them', async () => {
    const runId = await openNow();
    // Only Ann writes a comment: the comment alone must not lead back to her either.
    await answer(ANN, runId, [5, 5, 5, 5, 5, 5], 'ann-free-text');
    await answer(BEN, runId, [1, 2, 3, 4, 5, 1]);
    const db = app.db.withoutPlugins();
    const columns = async (table: string) =>
      (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)).rows.map((r) => r.column_name);
    // No user id and no time in an answer or a comment; who answered is kept apart, without a time.
    expect(await columns('pulse_answer')).toEqual(['team_id', 'id', 'pulse_run_id', 'scores']);
    expect(await columns('pulse_free_text')).toEqual(['team_id', 'id', 'pulse_run_id', 'text']);
    expect(await columns('pulse_participation')).toEqual(['team_id', 'pulse_run_id', 'user_id']);

    const answers = (await sql<Record<string, unknown>>`select *, xmin::text as xmin from pulse_answer`.execute(db)).rows;
    const texts = (await sql<Record<string, unknown>>`select *, xmin::text as xmin from pulse_free_text`.execute(db)).rows;
    const participation = (await sql<{ user_id: string; xmin: string }>`select user_id, xmin::text as xmin from pulse_participation order by ctid`.execute(db)).rows;
    expect(participation.map((p) => p.user_id)).toEqual([ANN, BEN]);
    expect(answers).toHaveLength(2);
    for (const row of [...answers, ...texts]) {
      for (const value of Object.values(row)) expect(MEMBERS).not.toContain(String(value));
    }
    // Every answer was rewritten by the last answer's transaction: Ann's own transaction id is on no
    // answer, and all answers share one id, so the id says nothing about whose each is.
    expect(new Set(answers.map((a) => a.xmin)).size).toBe(1);
    expect(texts).toHaveLength(1);
    expect(answers.map((a) => a.xmin)).not.toContain(participation[0]!.xmin);
    expect(texts[0]!.xmin).not.toBe(participation[0]!.xmin);
    // Keys are random uuids: reading in key order is no order of answering.
    for (const a of answers) expect(String(a.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a second answer, an answer from outside the channel, a missing score and an answer after close, each with a clear message', async () => {
    const runId = await openNow();
    expect((await answer(ANN, runId, scores(3))).body).toMatchObject({ response_action: 'update' });
    expect((await answer(ANN, runId, scores(1))).body).toEqual({ response_action: 'errors', errors: { pulse_statement_0: expect.stringContaining('You already answered') } });
    expect((await answer(OUTSIDER, runId, scores(1))).body).toEqual({ response_action: 'errors', errors: { pulse_statement_0: expect.stringContaining('not in it') } });
    const missing = [...scores(2)];
    missing[3] = 0;
    expect((await answer(BEN, runId, missing)).body).toEqual({ response_action: 'errors', errors: { pulse_statement_3: 'Pick one from 1 to 5.' } });
    // Another workspace's (or a made-up) pulse id is not found here.
    expect((await answer(BEN, runId + 1000, scores(2))).body).toEqual({ response_action: 'errors', errors: { pulse_statement_0: expect.stringContaining('no longer exists') } });
    await tick(new Date(now.getTime() + 3 * DAY));
    expect((await answer(BEN, runId, scores(2))).body).toEqual({ response_action: 'errors', errors: { pulse_statement_0: expect.stringContaining('This pulse has closed') } });
    expect(await app.db.selectFrom('pulseAnswer').select('scores').execute()).toEqual([{ scores: scores(3) }]);
  });

  it('closes once everyone invited answered, before the three days are over', async () => {
    const runId = await openNow();
    for (const member of MEMBERS.slice(0, 3)) await answer(member, runId, scores(4));
    await tick(new Date(now.getTime() + 60_000));
    expect(resultsPosts()).toHaveLength(0);
    await answer(DEV, runId, scores(2));
    await tick(new Date(now.getTime() + 60_000));
    expect(resultsPosts()).toHaveLength(1);
    expect((await currentRun()).status).toBe('closed');
    await tick(new Date(now.getTime() + 60_000));
    expect(resultsPosts()).toHaveLength(1);
  });

  it('posts results Slack refused at close once, on a later tick, after looking for them in the channel', async () => {
    const runId = await openNow();
    for (const member of MEMBERS) await answer(member, runId, scores(4));
    const closedAt = new Date(now.getTime() + 60_000);
    // The results in the channel as Slack keeps them (a refused post is not among them).
    const stored = () => app.slack.messages.filter((m) => m.channel === TEAM && m.metadata?.event_type === 'learnloop_pulse_results');
    app.slack.fail('chat.postMessage', { error: 'fatal_error' });
    await tick(closedAt);
    expect(resultsPosts()).toHaveLength(1);
    expect(stored()).toHaveLength(0);
    expect((await currentRun()).status).toBe('closed');
    await tick(new Date(closedAt.getTime() + 60_000));
    expect(resultsPosts()).toHaveLength(1); // not tried again yet: a try is given five minutes
    const second = await startSecondProcess(app);
    try {
      const later = new Date(closedAt.getTime() + 6 * 60_000);
      now = later;
      await Promise.all([app.learnloop.scheduler.tick(later), second.learnloop.scheduler.tick(later)]);
    } finally {
      await second.stop();
    }
    expect(resultsPosts()).toHaveLength(2);
    expect(stored()).toHaveLength(1);
    expect(app.slack.uploads).toHaveLength(1);
    expect((await currentRun()).resultsTs).toBe(stored()[0]!.ts);
  });

  it('closes after three days with whoever answered, and reminds only those who had not, a day before', async () => {
    const opened = now;
    const runId = await openNow();
    await answer(ANN, runId, scores(4));
    await answer(BEN, runId, scores(3));
    app.slack.reset();
    await tick(new Date(opened.getTime() + 2 * DAY - 60_000));
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);
    await tick(new Date(opened.getTime() + 2 * DAY));
    for (const member of [CAT, DEV]) {
      expect(dmsTo(member)).toHaveLength(1);
      expect(dmsTo(member)[0]!.params.text).toContain('closes in a day');
    }
    expect(dmsTo(ANN)).toHaveLength(0);
    expect(dmsTo(BEN)).toHaveLength(0);
    await tick(new Date(opened.getTime() + 2 * DAY + 3_600_000));
    expect(dmsTo(CAT)).toHaveLength(1); // one reminder only
    await tick(new Date(opened.getTime() + 3 * DAY - 60_000));
    expect(resultsPosts()).toHaveLength(0);
    await tick(new Date(opened.getTime() + 3 * DAY));
    expect(resultsPosts()).toHaveLength(1);
  });

  it('shows no figure, comment or chart with fewer answers than the minimum group size', async () => {
    const runId = await openNow();
    await answer(ANN, runId, scores(1), 'tokfewcomment');
    await answer(BEN, runId, scores(2));
    await tick(new Date(now.getTime() + 3 * DAY));
    const post = resultsPosts()[0]!;
    const text = JSON.stringify(post.params.blocks);
    expect(blockById(post.params.blocks, 'pulse_results').text.text).toContain('2 of 4 answered');
    expect(text.match(/Not enough answers to show \(3 needed\)/g)).toHaveLength(DEFAULT_STATEMENTS.length + 1);
    expect(text).not.toContain('tokfewcomment');
    expect(text).not.toMatch(/\*1\.5\*/);
    expect(blockById(post.params.blocks, 'pulse_lowest')).toBeUndefined();
    expect(app.slack.uploads).toHaveLength(0);
  });

  it('posts every figure, the shuffled comments without times, the lowest statement with open commitments and a valid radar PNG', async () => {
    const reviewId = (await app.db.insertInto('review').values({ teamId: app.teamId, channelId: TEAM, privateChannelId: null, title: 'Retro', startedBy: ANN, trigger: 'command', messageTs: '1.1', threadTs: '1.1' } as never).returning('id').executeTakeFirstOrThrow()).id;
    await app.db.insertInto('commitment').values({ teamId: app.teamId, reviewId, ownerId: BEN, text: 'Try pairing on <!channel> risky changes', dueDate: '2026-12-20', createdBy: BEN } as never).execute();
    const runId = await openNow();
    await answer(ANN, runId, [5, 4, 4, 4, 4, 2], 'More time to reflect <!here>');
    await answer(BEN, runId, [3, 4, 4, 4, 4, 1], 'Blameless retros');
    await answer(CAT, runId, [4, 4, 4, 4, 4, 3]);
    await tick(new Date(now.getTime() + 3 * DAY));
    const post = resultsPosts()[0]!;
    const results = blockById(post.params.blocks, 'pulse_results').text.text as string;
    expect(results).toContain('3 of 4 answered');
    expect(results).toContain('“If I make a mistake on this team, it is not held against me.” — *4.0* (spread ±0.8)');
    expect(results).toContain("“We try the things we said we'd try.” — *2.0* (spread ±0.8)");
    const lowest = blockById(post.params.blocks, 'pulse_lowest').text.text as string;
    expect(lowest).toContain("Lowest this time: “We try the things we said we'd try.” at *2.0*");
    expect(lowest).toContain('<@U0BEN>: Try pairing on @\u200Bchannel risky changes');
    const all = JSON.stringify(post.params.blocks);
    expect(all).toContain('More time to reflect @\u200Bhere');
    expect(all).toContain('Blameless retros');
    expect(all).not.toContain('<!here>');
    expect(all).not.toMatch(/\d{1,2}:\d{2}/); // no times anywhere near the comments
    expect(app.slack.uploads).toHaveLength(1);
    const png = app.slack.uploads[0]!.bytes;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(760);
    expect(png.readUInt32BE(20)).toBe(540);
    expect(app.slack.callsTo('files.completeUploadExternal')[0]!.params.channel_id).toBe(TEAM);
  });

  it('shows the trend across pulses and puts the latest pulse’s lowest statement in a review’s context post', async () => {
    for (const [index, low] of [2, 3].entries()) {
      const runId = await openNow();
      for (const member of MEMBERS) await answer(member, runId, [4, 4, 4, 4, 4, low]);
      await tick(new Date(now.getTime() + 60_000));
      if (index === 0) now = new Date(now.getTime() + 14 * DAY);
    }
    const posts = resultsPosts();
    expect(posts).toHaveLength(2);
    expect(blockById(posts[1]!.params.blocks, 'pulse_trend').text.text).toContain("“We try the things we said we'd try.”: 2.0 → 3.0");

    app.slack.reset();
    await app.command('/review', 'Release 42', { user_id: ANN, channel_id: TEAM, channel_name: 'team', response_url: app.slack.responseUrl('review'), trigger_id: 'trigger-review' });
    const context = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((call) => JSON.stringify(call.params.blocks ?? []).includes('latest team pulse')));
    expect(JSON.stringify(context.params.blocks)).toContain("scored “We try the things we said we'd try.” lowest at *3.0*, up from the pulse before (2.0 → 3.0)");
  });

  it('leaves the pulse out of a review’s context when too few answered the latest pulse', async () => {
    const runId = await openNow();
    await answer(ANN, runId, scores(1));
    await answer(BEN, runId, scores(1));
    await tick(new Date(now.getTime() + 3 * DAY));
    app.slack.reset();
    await app.command('/review', 'Release 43', { user_id: ANN, channel_id: TEAM, channel_name: 'team', response_url: app.slack.responseUrl('review2'), trigger_id: 'trigger-review2' });
    await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').length > 0);
    await app.learnloop.settled();
    expect(JSON.stringify(app.slack.callsTo('chat.postMessage').map((call) => call.params))).not.toContain('team pulse');
  });

  it('lets only admins edit the statements, validated, and the next pulse asks them', async () => {
    expect((await run('pulse questions', ANN)).text).toContain('Only Learnloop admins');
    await app.command('/learnloop', 'pulse questions', { user_id: ADMIN, channel_id: TEAM, channel_name: 'team', response_url: app.slack.responseUrl('q'), trigger_id: 'trigger-q' });
    const opened = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    const view = typeof opened.params.view === 'string' ? JSON.parse(opened.params.view) : opened.params.view;
    expect(blockById(view.blocks, 'pulse_questions_text').element.initial_value).toBe(DEFAULT_STATEMENTS.join('\n'));
    const submit = (user: string, value: string) =>
      app.interaction({ type: 'view_submission', user: { id: user, team_id: app.teamId }, view: { id: `V${++counter}`, callback_id: 'pulse_questions', private_metadata: '', state: { values: { pulse_questions_text: { pulse_questions_input: { type: 'plain_text_input', value } } } } } });
    const mine = ['We share what we learn openly.', 'We ask each other for feedback.', 'We admit what we do not know.', 'We change course when we learn.', 'We make time to learn together.'];
    expect((await submit(ANN, mine.join('\n'))).body).toEqual({ response_action: 'errors', errors: { pulse_questions_text: expect.stringContaining('Only Learnloop admins') } });
    expect((await submit(ADMIN, mine.slice(0, 4).join('\n'))).body).toEqual({ response_action: 'errors', errors: { pulse_questions_text: expect.stringContaining('5 to 7 statements') } });
    expect((await submit(ADMIN, mine.join('\n'))).body).toBeFalsy();
    await openNow();
    expect((await currentRun()).statements).toEqual(mine);
  });

  it('answers bad input with one sentence and a correct example, and refuses to turn off what someone else turned on', async () => {
    expect((await run('pulse sometimes', ANN)).text).toContain('/learnloop pulse on monthly first mon 10:00 Europe/Paris');
    expect((await run('pulse on weekly', ANN)).text).toMatch(/"weekly" is not monthly or biweekly\. Try: \/learnloop pulse on monthly first mon 10:00 Europe\/Paris/);
    expect((await run('pulse on monthly first mon 10:00 Nowhere/Town', ANN)).text).toContain('Unknown time zone "Nowhere/Town"');
    await run('pulse on biweekly', ANN);
    expect((await run('pulse off', BEN)).text).toContain('Only <@U0ANN>');
    expect((await run('pulse off', ADMIN)).text).toContain('off for this channel');
    expect((await run('pulse', ANN)).text).toContain('The pulse is off here');
    expect((await run('pulse now', ANN, 'D0ANN')).text).toContain('in the team’s channel');
    const help = JSON.stringify((await app.command('/learnloop', 'help pulse', { user_id: ANN, channel_id: TEAM, response_url: app.slack.responseUrl('help') })).body);
    expect(help).toContain('/learnloop pulse on monthly|biweekly [first mon 10:00] [TIME-ZONE]');
    expect(help).toContain('/learnloop pulse questions');
  });

  it('refuses a second pulse while one is open in the channel', async () => {
    await openNow();
    expect((await run('pulse now', BEN)).text).toContain('already open');
    expect(await app.db.selectFrom('pulseRun').selectAll().execute()).toHaveLength(1);
  });
});
