import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';
import { startSecondProcess } from '../../support/interactions';

const NOW = new Date('2026-12-07T10:00:00Z'); // a Monday, 11:00 in Berlin
const DAY = 86_400_000;
const HOME = 'C0TESTING';
const TEAM_A = 'C0TEAMA';
const TEAM_B = 'C0TEAMB';
const SECRET = 'C0SECRET';
const ADMIN = 'U0ADMIN';
const LEAD = 'U0LEAD';
const ANN = 'U0ANN';
const BEN = 'U0BEN';
const CAT = 'U0CAT';
const DEV = 'U0DEV';

describe('communities of practice', () => {
  let app: TestApp;
  let counter = 0;
  let now = NOW;

  beforeAll(async () => {
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: ADMIN }, clock: { now: () => new Date(now) } });
    for (const id of [ADMIN, LEAD, ANN, BEN, CAT, DEV]) app.slack.addUser({ id, name: id.slice(2).toLowerCase(), tz: 'Europe/Berlin' });
    app.slack.channelMembers.set(HOME, [LEAD, ANN, BEN, CAT, DEV, app.slack.botUserId]);
    app.slack.channelMembers.set(SECRET, [ANN, BEN]);
    app.slack.privateChannels.add(SECRET);
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    now = NOW;
    app.slack.reset();
    for (const table of ['community_pairing_round', 'community_pairing', 'community_question', 'community_member', 'community', 'learning', 'scheduled_dm', 'person']) await sql`delete from ${sql.table(table)}`.execute(app.db.withoutPlugins());
  });

  async function run(text: string, user: string, channel = HOME): Promise<{ text: string; blocks?: any[] }> {
    const id = `community-${++counter}`;
    await app.command('/learnloop', text, { user_id: user, channel_id: channel, response_url: app.slack.responseUrl(id), trigger_id: `trigger-${id}` });
    return (await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${id}`))).body as { text: string; blocks?: any[] };
  }
  const submit = (user: string, callbackId: string, values: Record<string, any>, privateMetadata = '') =>
    app.interaction({ type: 'view_submission', user: { id: user, team_id: app.teamId }, view: { id: `V${++counter}`, callback_id: callbackId, private_metadata: privateMetadata, state: { values } } });
  async function createCommunity(tags = '#testing #qa'): Promise<number> {
    const answer = await submit(LEAD, 'community_form', {
      community_name: { community_name_input: { type: 'plain_text_input', value: 'Testing' } },
      community_purpose: { community_purpose_input: { type: 'plain_text_input', value: 'Tests that catch what matters' } },
      community_tags: { community_tags_input: { type: 'plain_text_input', value: tags } },
      community_home: { community_home_input: { type: 'conversations_select', selected_conversation: HOME } },
      community_leads: { community_leads_input: { type: 'multi_users_select', selected_users: [] } },
    });
    expect(answer.body).toBeFalsy();
    await app.learnloop.settled();
    return (await app.db.selectFrom('community').select('id').executeTakeFirstOrThrow()).id;
  }
  async function learning(userId: string, text: string, tags: string[], extra: { channelId?: string; privateChannelId?: string | null; visibility?: 'team' | 'private'; anonymous?: boolean; reactions?: number; at?: Date } = {}) {
    await app.db
      .insertInto('learning')
      .values({ teamId: app.teamId, userId, text, tags, channelId: extra.channelId ?? TEAM_A, privateChannelId: extra.privateChannelId ?? null, visibility: extra.visibility ?? 'team', anonymous: extra.anonymous ?? false, reactionCount: extra.reactions ?? 0, createdAt: extra.at ?? new Date(NOW.getTime() - DAY) })
      .execute();
  }

  it('is started with its form (tags and a channel Learnloop is in), listed with its members, joined and left', async () => {
    const bad = await submit(LEAD, 'community_form', {
      community_name: { community_name_input: { type: 'plain_text_input', value: '' } },
      community_tags: { community_tags_input: { type: 'plain_text_input', value: '#no!' } },
      community_home: { community_home_input: { type: 'conversations_select', selected_conversation: HOME } },
    });
    expect(Object.keys((bad.body as any).errors).sort()).toEqual(['community_name', 'community_tags']);
    await createCommunity();
    expect(await app.db.selectFrom('communityMember').select(['userId', 'role']).execute()).toEqual([{ userId: LEAD, role: 'lead' }]);
    expect((await run('community join Testing', ANN, TEAM_A)).text).toContain('You joined “Testing”');
    expect((await run('community join testing', ANN, TEAM_A)).text).toContain('already');
    expect(blockById((await run('community list', CAT)).blocks, 'community_list').text.text).toContain('*Testing* — 2 members');
    expect((await run('community leave Testing', LEAD)).text).toContain('only lead');
    expect((await run('community leave Testing', ANN)).text).toContain('You left “Testing”');
    expect((await run('community tags Testing #tests', ANN)).text).toContain('Only the community’s leads');
    expect((await run('community tags Testing #tests #testing', LEAD)).text).toContain('updated');
    expect((await run('community show Nope', ANN)).text).toContain('There is no community called “Nope”');
  });

  it('collects tagged items from every channel, and never private, private-channel or anonymous ones', async () => {
    await createCommunity();
    await learning(ANN, 'tokpublic flaky tests come from shared state', ['testing'], { channelId: TEAM_A, reactions: 3 });
    await learning(BEN, 'tokteamb contract tests caught a break', ['qa'], { channelId: TEAM_B });
    await learning(ANN, 'toksecret our staging is broken', ['testing'], { channelId: SECRET, privateChannelId: SECRET });
    await learning(BEN, 'tokprivate I skipped tests today', ['testing'], { visibility: 'private' });
    await learning(CAT, 'tokanon I never write tests', ['testing'], { anonymous: true });
    await learning(DEV, 'tokother not about testing', ['design']);
    const show = JSON.stringify((await run('community show Testing', DEV)).blocks);
    expect(show).toContain('tokpublic');
    expect(show).toContain('tokteamb');
    for (const hidden of ['toksecret', 'tokprivate', 'tokanon', 'tokother']) expect(show).not.toContain(hidden);
    expect(show.indexOf('tokpublic')).toBeLessThan(show.indexOf('tokteamb')); // most reacted to first
  });

  it('posts a weekly digest once across two processes, each figure only with enough people behind it', async () => {
    await createCommunity();
    for (const [user, channel] of [[ANN, TEAM_A], [BEN, TEAM_B], [CAT, TEAM_A]] as const) await learning(user, `by ${user}`, ['testing'], { channelId: channel, at: new Date(NOW.getTime() + 2 * DAY) });
    now = new Date(NOW.getTime() + 7 * DAY + 60_000);
    const second = await startSecondProcess(app);
    try {
      await Promise.all([app.learnloop.scheduler.tick(now), second.learnloop.scheduler.tick(now)]);
    } finally {
      await second.stop();
    }
    const digests = app.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === HOME && JSON.stringify(call.params.blocks ?? []).includes('community_digest'));
    expect(digests).toHaveLength(1);
    const text = blockById(digests[0]!.params.blocks, 'community_digest').text.text as string;
    expect(text).toContain('3 learnings and replies tagged #testing #qa came in from across the workspace');
    // Two people in one channel and one in another: too few behind either to count by channel.
    expect(text).toContain('From: 2 channels');
    expect(text).not.toMatch(/<#C0TEAM[AB]> \(\d+\)/);
    // A week with two contributors shows no count.
    await app.db.deleteFrom('learning').where('userId', '=', CAT).execute();
    app.slack.reset();
    now = new Date(now.getTime() + 7 * DAY);
    for (const user of [ANN, BEN]) await learning(user, `again by ${user}`, ['testing'], { at: new Date(now.getTime() - DAY) });
    await app.learnloop.scheduler.tick(now);
    const quiet = app.slack.callsTo('chat.postMessage').find((call) => JSON.stringify(call.params.blocks ?? []).includes('community_digest'));
    expect(blockById(quiet!.params.blocks, 'community_digest').text.text).toContain('Fewer than 3 people shared');
  });

  it('asks a community: the question in the home channel without a name if asked so, one budgeted DM per member, and "This helped" makes a learning', async () => {
    await createCommunity();
    for (const user of [ANN, BEN]) await run('community join Testing', user, TEAM_A);
    app.slack.reset();
    expect((await run('ask Testing anonymously How do you test cron jobs? #cron', CAT)).text).toContain('Your question is in');
    const question = app.slack.callsTo('chat.postMessage').find((call) => call.params.channel === HOME)!;
    expect(question.params.text).toContain('Someone asks the “Testing” community: How do you test cron jobs? #cron');
    expect(question.params.text).not.toContain(CAT);
    const dms = await app.db.selectFrom('scheduledDm').select(['userId', 'kind', 'onlyUsefulOnDay']).orderBy('userId').execute();
    expect(dms).toEqual([
      { userId: ANN, kind: 'community_question', onlyUsefulOnDay: true },
      { userId: BEN, kind: 'community_question', onlyUsefulOnDay: true },
      { userId: LEAD, kind: 'community_question', onlyUsefulOnDay: true },
    ]);
    await app.learnloop.scheduler.tick(now);
    expect((await app.db.selectFrom('scheduledDm').select('status').execute()).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);

    const qts = question.result!.ts as string;
    const helped = (user: string, responseId: string) =>
      app.interaction({
        type: 'message_action',
        callback_id: 'community_this_helped',
        user: { id: user, team_id: app.teamId },
        channel: { id: HOME, name: 'testing' },
        message: { type: 'message', user: BEN, ts: '1790000500.000100', thread_ts: qts, text: 'Freeze the clock and call the job directly #clock' },
        response_url: app.slack.responseUrl(responseId),
        trigger_id: `trigger-${responseId}`,
      });
    await helped(ANN, 'helped-1');
    expect((await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/helped-1'))).body.text).toContain('Only the person who asked');
    await helped(CAT, 'helped-2');
    expect((await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/helped-2'))).body.text).toContain(`credited to <@${BEN}>`);
    const saved = await app.db.selectFrom('learning').select(['userId', 'text', 'tags', 'visibility', 'sourceKind']).execute();
    expect(saved).toEqual([{ userId: BEN, text: 'Freeze the clock and call the job directly #clock', tags: ['testing', 'qa', 'clock'], visibility: 'team', sourceKind: 'community_question' }]);
    expect((await app.db.selectFrom('communityQuestion').select('helpedAt').executeTakeFirstOrThrow()).helpedAt).not.toBeNull();
  });

  it('answers `who #tag` with people most recent first, never ranked by count, without those who opted out', async () => {
    await learning(ANN, 'a', ['testing'], { at: new Date(NOW.getTime() - 10 * DAY) });
    await learning(ANN, 'b', ['testing'], { at: new Date(NOW.getTime() - 9 * DAY) });
    await learning(ANN, 'c', ['testing'], { at: new Date(NOW.getTime() - 8 * DAY) });
    await learning(BEN, 'd', ['testing'], { at: new Date(NOW.getTime() - 2 * DAY) });
    await learning(CAT, 'e', ['testing'], { at: new Date(NOW.getTime() - 1 * DAY), anonymous: true });
    await learning(DEV, 'f', ['testing'], { at: new Date(NOW.getTime() - 1 * DAY) });
    expect((await run('settings findable off', DEV)).text).toContain('left out of `/learnloop who`');
    const who = blockById((await run('who #Testing', LEAD)).blocks, 'community_who').text.text as string;
    expect(who.indexOf(BEN)).toBeLessThan(who.indexOf(ANN));
    expect(who).not.toContain(CAT);
    expect(who).not.toContain(DEV);
    expect((await run('who testing qa', LEAD)).text).toContain('Say one tag');
  });

  it('runs coffee pairings for leads: opted-in members across teams, no repeat within three rounds, one group DM each', async () => {
    await createCommunity();
    for (const [user, team] of [[ANN, TEAM_A], [BEN, TEAM_B], [CAT, TEAM_A], [DEV, TEAM_B]] as const) {
      await run('community join Testing', user, team);
      await run('community pairing Testing on', user, team);
    }
    expect((await run('community pair Testing', ANN)).text).toContain('Only the community’s leads');
    app.slack.reset();
    expect((await run('community pair Testing', LEAD)).text).toContain('Paired 2 groups');
    const opened = app.slack.callsTo('conversations.open').map((call) => String(call.params.users).split(',').sort());
    expect(opened).toHaveLength(2);
    for (const group of opened) {
      const teams = group.map((id) => ([ANN, CAT].includes(id) ? TEAM_A : TEAM_B));
      expect(new Set(teams).size).toBe(2);
    }
    // Round 2 must pair the other way round (ANN and CAT share a team; the first pairs are not repeated).
    const round1 = (await app.db.selectFrom('communityPairing').select('userIds').where('round', '=', 1).execute()).map((p) => [...p.userIds].sort().join('+'));
    now = new Date(now.getTime() + DAY);
    expect((await run('community pair Testing', LEAD)).text).toContain('Paired 2 groups');
    const round2 = (await app.db.selectFrom('communityPairing').select('userIds').where('round', '=', 2).execute()).map((p) => [...p.userIds].sort().join('+'));
    for (const pair of round2) expect(round1).not.toContain(pair);
    // Round 3: every cross-team pair has met in the last rounds.
    now = new Date(now.getTime() + DAY);
    expect((await run('community pair Testing', LEAD)).text).toContain('Paired 0 groups; 4 could not be paired');
  });

  async function pairingCommunity(): Promise<void> {
    await createCommunity();
    await run('community lead Testing <@U0ANN>', LEAD);
    for (const [user, team] of [[ANN, TEAM_A], [BEN, TEAM_B], [CAT, TEAM_A], [DEV, TEAM_B]] as const) {
      await run('community join Testing', user, team);
      await run('community pairing Testing on', user, team);
    }
    app.slack.reset();
  }
  const pairingDms = () => app.slack.messages.filter((m) => m.metadata?.event_type === 'learnloop_coffee_pairing');

  it('runs one pairing round when two leads press "pair" at once: the other lead is told it already ran', async () => {
    await pairingCommunity();
    const answers = await Promise.all([run('community pair Testing', LEAD), run('community pair Testing', ANN)]);
    expect(answers.map((a) => a.text.startsWith('Paired 2 groups') ? 'paired' : a.text).sort()).toEqual(['A pairing round already ran for “Testing” today (round 1); the next one can run tomorrow.', 'paired']);
    expect(await app.db.selectFrom('communityPairingRound').select(['round', 'day']).execute()).toEqual([{ round: 1, day: '2026-12-07' }]);
    expect((await app.db.selectFrom('communityPairing').select('round').execute()).map((p) => p.round)).toEqual([1, 1]);
    expect(pairingDms()).toHaveLength(2);
    // The next day a new round may run.
    now = new Date(NOW.getTime() + DAY);
    expect((await run('community pair Testing', LEAD)).text).toContain('Paired 2 groups');
    expect(pairingDms()).toHaveLength(4);
  });

  it('posts each pairing DM once after a 500 from a Slack that kept it', async () => {
    await pairingCommunity();
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    expect((await run('community pair Testing', LEAD)).text).toBe('Paired 2 groups.');
    const groups = (await app.db.selectFrom('communityPairing').select('id').execute()).map((p) => p.id).sort();
    expect(pairingDms().map((m) => Number(m.metadata!.event_payload.pairing_id)).sort()).toEqual(groups);
  });

  it('posts a question once when it is asked twice at once, and tells the second press where it is', async () => {
    await createCommunity();
    const answers = await Promise.all([run('ask Testing How do you test cron jobs?', CAT), run('ask Testing How do you test cron jobs?', CAT)]);
    expect(answers.map((a) => a.text).sort()).toEqual([`You asked “Testing” that already today; it is in <#${HOME}>.`, `Your question is in <#${HOME}> for “Testing”. When an answer helps, use the message shortcut “This helped” on it.`]);
    expect(app.slack.messages.filter((m) => m.channel === HOME && m.text?.includes('How do you test cron jobs?'))).toHaveLength(1);
    expect(await app.db.selectFrom('communityQuestion').select('text').execute()).toEqual([{ text: 'How do you test cron jobs?' }]);
  });

  it('posts a question from the "Ask a community about this" form once when the form is sent twice at once', async () => {
    const id = await createCommunity();
    const values = {
      community_ask_community: { community_ask_community_input: { type: 'static_select', selected_option: { value: String(id) } } },
      community_ask_text: { community_ask_text_input: { type: 'plain_text_input', value: 'Is this flaky test ours?' } },
      community_ask_anonymous: { community_ask_anonymous_input: { type: 'checkboxes', selected_options: [] } },
    };
    const view = { id: 'VASKTWICE', callback_id: 'community_ask_form', private_metadata: JSON.stringify({ sourcePermalink: null }), state: { values } };
    await Promise.all([1, 2].map(() => app.interaction({ type: 'view_submission', user: { id: BEN, team_id: app.teamId }, view })));
    await app.learnloop.settled();
    expect(app.slack.messages.filter((m) => m.channel === HOME && m.metadata?.event_type === 'learnloop_community_question')).toHaveLength(1);
    expect(await app.db.selectFrom('communityQuestion').select(['askerId', 'text']).execute()).toEqual([{ askerId: BEN, text: 'Is this flaky test ours?' }]);
  });

  it('posts a question once after a 500 from a Slack that kept it, and keeps its message ts', async () => {
    await createCommunity();
    app.slack.fail('chat.postMessage', { status: 500, stored: true });
    expect((await run('ask Testing Which mocks do you trust?', CAT)).text).toContain('Your question is in');
    const posted = app.slack.messages.filter((m) => m.channel === HOME && m.text?.includes('Which mocks do you trust?'));
    expect(posted).toHaveLength(1);
    expect((await app.db.selectFrom('communityQuestion').select('messageTs').executeTakeFirstOrThrow()).messageTs).toBe(posted[0]!.ts);
  });

  it('shows my communities and their newest learning on the App Home, and nothing of a community I am not in', async () => {
    await createCommunity();
    await run('community join Testing', ANN, TEAM_A);
    await learning(BEN, 'Newest: contract tests', ['qa'], { channelId: TEAM_B });
    // Another community, with a newer item of its own: Ann is not in it.
    await app.db.insertInto('community').values({ teamId: app.teamId, name: 'Design', purpose: null, tags: ['design'], homeChannelId: TEAM_B, createdBy: BEN, nextDigestAt: new Date(NOW.getTime() + 7 * DAY), lastDigestAt: null }).execute();
    await learning(CAT, 'tokdesign grids before colours', ['design'], { channelId: TEAM_B, at: new Date(NOW.getTime() - 60_000) });
    app.slack.reset();
    await app.event({ type: 'app_home_opened', user: ANN, channel: `D${ANN}`, tab: 'home' });
    const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish')[0]);
    const view = typeof publish.params.view === 'string' ? JSON.parse(publish.params.view) : publish.params.view;
    const section = blockById(view.blocks, 'community_home_section').text.text as string;
    expect(section).toContain('*Testing* · <#C0TESTING>\nNewest: “Newest: contract tests” — <@U0BEN>');
    expect(section).not.toContain('Design');
    expect(section).not.toContain('tokdesign');
  });
});
