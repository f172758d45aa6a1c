import { unzipSync } from 'fflate';
import { insertLearning } from '../../../src/features/learnings/queries';
import { listSharedWithMentor } from '../../../src/features/mentoring/queries';
import { listProjectLearnings } from '../../../src/features/projects/queries';
import { sponsorCheckInMessage } from '../../../src/features/projects/blocks';
import { classifyChannels } from '../../../src/platform/audience/classify-channels';
import { insertPrivateReply } from '../../../src/features/threads/queries';
import { canSee, channelViewer, personViewer, WORKSPACE_VIEWER, type AudienceItem, type Viewer } from '../../../src/platform/audience/rules';
import { FakeAi } from '../../support/fake-ai';
import { seedPostedPrompt, seedSchedule } from '../../support/factories';
import { pressButton } from '../../support/interactions';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * The privacy matrix: a small workspace with items of every kind and audience, then every surface
 * rendered for every viewer. An item's words may appear on a surface only when its audience takes in
 * everyone who reads the surface (platform/audience/rules.ts), and an anonymous item never appears beside
 * its author's name. README's "Who sees what" table is drawn from this test.
 */

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const DAN = 'U0DAN';
const PEOPLE = [ALICE, BOB, CAROL, DAN];
// A public channel everyone is in, and a private one only Alice and Bob are in. Private channels made
// today have C ids too, so nothing may rely on the G prefix.
const PUBLIC = 'C0PUBLIC';
const PRIVATE = 'C0SECRET';

interface Item extends AudienceItem {
  /** A word that appears in the item's text and nowhere else. */
  token: string;
  kind: string;
}

const surfaceText = (payload: { text?: string; blocks?: any[] } | undefined): string => JSON.stringify(payload ?? {});
/** Only the results of a search answer (its text repeats the query). */
const searchResults = (payload: { blocks?: any[] }): string => JSON.stringify((payload.blocks ?? []).filter((b: any) => String(b.block_id ?? '').startsWith('learning_search_result_')));

describe('privacy matrix: every surface for every viewer', () => {
  let app: TestApp;
  let ai: FakeAi;
  let counter = 0;
  const items: Item[] = [];
  /** The closing summaries the seed posted, with the channel each went to. */
  let summaryPosts: { channel: string; params: Record<string, any> }[] = [];

  const item = (token: string, kind: string, audience: Omit<AudienceItem, 'anonymous'> & { anonymous?: boolean }): Item => {
    const made = { token, kind, anonymous: false, ...audience };
    items.push(made);
    return made;
  };

  async function command(user: string, channel: string, name: string, text: string, options: { answer?: boolean } = {}): Promise<{ text?: string; blocks?: any[] }> {
    const responseId = `matrix-${++counter}`;
    const response = await app.command(name, text, { user_id: user, channel_id: channel, channel_name: channel === PRIVATE ? 'secret' : 'team', response_url: app.slack.responseUrl(responseId), trigger_id: `trigger-${responseId}` });
    expect(response.status).toBe(200);
    const direct = response.body as { text?: string; blocks?: any[] } | undefined;
    if (direct?.text || options.answer === false) return direct ?? {};
    return app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body);
  }

  async function startReview(user: string, channel: string, title: string) {
    const before = app.slack.callsTo('chat.postMessage').length;
    await command(user, channel, '/review', title, { answer: false });
    await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').length > before);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const row = await app.db.selectFrom('review').selectAll().where('teamId', '=', app.teamId).where('title', '=', title).where('messageTs', 'is not', null).executeTakeFirst();
      if (row) return row;
      if (Date.now() > deadline) throw new Error(`review ${title} was not started`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  function reflect(user: string, review: { id: number; channelId: string }, why: string, anonymous = false) {
    const input = (value: string | null) => ({ type: 'plain_text_input', value });
    const option = { value: 'anonymous', text: { type: 'plain_text', text: 'Share without my name' } };
    return app.interaction({
      type: 'view_submission',
      user: { id: user, team_id: app.teamId },
      view: {
        id: `V${++counter}`,
        callback_id: 'review_reflection',
        private_metadata: JSON.stringify({ reviewId: review.id, channelId: review.channelId }),
        state: {
          values: {
            review_expected: { review_expected_input: input(null) },
            review_actual: { review_actual_input: input(null) },
            review_why: { review_why_input: input(why) },
            review_next_time: { review_next_time_input: input(null) },
            review_anonymous: { review_anonymous_input: { type: 'checkboxes', selected_options: anonymous ? [option] : [] } },
          },
        },
      },
    });
  }

  async function closeReview(user: string, review: { id: number; channelId: string }) {
    await app.interaction({
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), team_id: app.teamId },
      trigger_id: `trigger-close-${++counter}`,
      response_url: app.slack.responseUrl(`close-${counter}`),
      channel: { id: review.channelId, name: 'x' },
      container: { type: 'message', message_ts: '1790000000.000100', channel_id: review.channelId, is_ephemeral: false },
      actions: [{ type: 'button', action_id: 'review_close', block_id: 'review_actions', value: String(review.id), action_ts: '1' }],
    });
    const deadline = Date.now() + 5_000;
    while ((await app.db.selectFrom('review').select('status').where('id', '=', review.id).executeTakeFirstOrThrow()).status !== 'closed') {
      if (Date.now() > deadline) throw new Error('review did not close');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function reply(user: string, channel: string, threadTs: string, text: string, channelType: 'channel' | 'group') {
    const response = await app.event({ type: 'message', channel, channel_type: channelType, user, text, ts: `17999${String(++counter).padStart(5, '0')}.000100`, thread_ts: threadTs });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    // The AI partner is configured, and off in the workspace until its own tests below turn it on.
    ai = await new FakeAi().start();
    app = await startTestApp({ env: { LEARNLOOP_ADMINS: '', LEARNLOOP_AI_BASE_URL: ai.baseUrl, LEARNLOOP_AI_MODEL: 'matrix-model' } });
    for (const id of PEOPLE) app.slack.addUser({ id });
    app.slack.channelMembers.set(PUBLIC, [...PEOPLE, app.slack.botUserId]);
    app.slack.channelMembers.set(PRIVATE, [ALICE, BOB, app.slack.botUserId]);
    app.slack.privateChannels.add(PRIVATE);

    // Learnings: one for everyone, one said in the private channel, one kept to its author.
    await command(ALICE, PUBLIC, '/learned', 'matrix tokpublearning #matrix');
    item('tokpublearning', 'learning, public channel', { authorId: ALICE, authorOnly: false, privateChannelId: null });
    await command(ALICE, PRIVATE, '/learned', 'matrix tokprivlearning #matrix');
    item('tokprivlearning', 'learning, private channel', { authorId: ALICE, authorOnly: false, privateChannelId: PRIVATE });
    await insertLearning(app.db, { teamId: app.teamId, userId: BOB, text: 'matrix tokonlyme', tags: ['matrix'], link: null, visibility: 'private', source: 'experience', channelId: PUBLIC });
    item('tokonlyme', 'learning, only me', { authorId: BOB, authorOnly: true, privateChannelId: null });

    // Prompt replies: public in each channel, and one answered privately.
    const publicPrompt = await seedPostedPrompt(app.db, app.teamId, PUBLIC, '1790000000.000100');
    await seedPostedPrompt(app.db, app.teamId, PRIVATE, '1790000000.000200');
    await reply(BOB, PUBLIC, '1790000000.000100', 'matrix tokpubreply', 'channel');
    item('tokpubreply', 'prompt reply, public channel', { authorId: BOB, authorOnly: false, privateChannelId: null });
    await reply(ALICE, PRIVATE, '1790000000.000200', 'matrix tokprivreply', 'group');
    item('tokprivreply', 'prompt reply, private channel', { authorId: ALICE, authorOnly: false, privateChannelId: PRIVATE });
    await insertPrivateReply(app.db, { teamId: app.teamId, kind: 'prompt', subjectId: publicPrompt, userId: CAROL, text: 'matrix tokprivatereply' });
    item('tokprivatereply', 'prompt reply, answered privately', { authorId: CAROL, authorOnly: true, privateChannelId: null });

    // A review in the public channel with a named and an anonymous reflection (three take part).
    const retro = await startReview(CAROL, PUBLIC, 'Quarterly retro');
    await reflect(BOB, retro, 'matrix toknamedwhy');
    await reflect(DAN, retro, 'matrix tokanonwhy', true);
    await reply(ALICE, PUBLIC, retro.threadTs!, 'matrix tokretrothread', 'channel');
    await closeReview(CAROL, retro);
    item('toknamedwhy', 'reflection learning, named', { authorId: BOB, authorOnly: false, privateChannelId: null });
    item('tokanonwhy', 'reflection learning, anonymous', { authorId: DAN, authorOnly: false, privateChannelId: null, anonymous: true });
    item('tokretrothread', 'review thread reply, public', { authorId: ALICE, authorOnly: false, privateChannelId: null });

    // A review in the private channel: its reflection is for Alice and Bob.
    const secretRetro = await startReview(ALICE, PRIVATE, 'Secret retro');
    await reflect(BOB, secretRetro, 'matrix toksecretwhy');
    await closeReview(ALICE, secretRetro);
    item('toksecretwhy', 'reflection learning, private channel', { authorId: BOB, authorOnly: false, privateChannelId: PRIVATE });
    // A review only one person took part in: an answer "without my name" would name them by elimination,
    // so it stays theirs alone (its learning too).
    const tinyRetro = await startReview(DAN, PUBLIC, 'Tiny retro');
    await reflect(DAN, tinyRetro, 'matrix toktinyanon', true);
    await reply(DAN, PUBLIC, tinyRetro.threadTs!, 'I froze during the drill', 'channel');
    await closeReview(DAN, tinyRetro);
    item('toktinyanon', 'reflection learning, anonymous among too few', { authorId: DAN, authorOnly: true, privateChannelId: null, anonymous: true });

    summaryPosts = app.slack
      .callsTo('chat.postMessage')
      .filter((c) => JSON.stringify(c.params.blocks ?? []).includes('"review_summary"'))
      .map((c) => ({ channel: String(c.params.channel), params: c.params }));
  });
  afterAll(async () => {
    await app.stop();
    await ai.stop();
  });

  /** Checks one rendered surface against every item: present only when allowed, never beside a hidden author. */
  function expectSurfaceRespectsAudiences(surface: string, viewer: Viewer, rendered: string, options: { complete?: (item: Item) => boolean } = {}) {
    for (const it of items) {
      const shown = rendered.includes(it.token);
      const allowed = canSee(it, viewer);
      if (shown && !allowed) throw new Error(`${surface}: "${it.kind}" (${it.token}) reached a viewer outside its audience (${JSON.stringify(viewer)})`);
      if (options.complete?.(it) && allowed && !shown) throw new Error(`${surface}: "${it.kind}" (${it.token}) is missing for a viewer inside its audience`);
      if (shown && it.anonymous && viewer.userId !== it.authorId) {
        // Each item is one line (a bullet, a result section): its author's mention must not be on it.
        for (const line of rendered.split(/\\n|"text":/)) {
          if (line.includes(it.token) && line.includes(`<@${it.authorId}>`)) throw new Error(`${surface}: the anonymous "${it.kind}" is shown with its author's name`);
        }
      }
    }
  }

  it.each(PEOPLE)('search shows %s exactly what their audience allows', async (viewerId) => {
    const viewer = personViewer(viewerId, viewerId === ALICE || viewerId === BOB ? [PRIVATE] : []);
    const rendered = surfaceText(await command(viewerId, PUBLIC, '/learnloop', 'search matrix'));
    // Search covers learnings and public prompt replies.
    const searchable = (it: Item) => it.kind.startsWith('learning') || it.kind.startsWith('reflection') || it.kind.startsWith('prompt reply');
    expectSurfaceRespectsAudiences(`search for ${viewerId}`, viewer, rendered, { complete: (it) => searchable(it) && !(it.authorOnly && it.kind.startsWith('prompt reply')) });
  });

  it.each(PEOPLE)('learnings lists by tag and by author respect the audience for %s', async (viewerId) => {
    const viewer = personViewer(viewerId, viewerId === ALICE || viewerId === BOB ? [PRIVATE] : []);
    for (const filter of ['#matrix', '#review', `<@${ALICE}>`, `<@${BOB}>`, `<@${DAN}>`]) {
      const rendered = surfaceText(await command(viewerId, PUBLIC, '/learnloop', `learnings ${filter}`));
      expectSurfaceRespectsAudiences(`learnings ${filter} for ${viewerId}`, viewer, rendered);
      // Listing someone's learnings must not list their anonymous ones: that would name them.
      if (filter === `<@${DAN}>` && viewerId !== DAN) expect(rendered).not.toContain('tokanonwhy');
    }
  });

  it.each([
    [PUBLIC, ALICE],
    [PUBLIC, BOB],
    [PRIVATE, ALICE],
    [PRIVATE, BOB],
  ])('related learnings posted in %s when %s starts a review hold only what the whole channel may read, with names', async (channel, starter) => {
    app.slack.reset();
    const review = await startReview(starter, channel, `Matrix follow-up ${++counter}`);
    const context = await app.slack.waitFor(() =>
      app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === channel && JSON.stringify(c.params.blocks ?? []).includes('review_context')),
    ).catch(() => undefined);
    const viewer = channelViewer(channel, channel === PRIVATE);
    const rendered = surfaceText(context?.params);
    expectSurfaceRespectsAudiences(`related learnings in ${channel}`, viewer, rendered);
    // Named learnings the channel may read are offered (the post is not merely empty).
    expect(rendered).toContain('tokpublearning');
    if (channel === PRIVATE) expect(rendered).toContain('tokprivlearning');
    expect(rendered).not.toContain('tokanonwhy');
    expect(review.channelId).toBe(channel);
  });

  it('review summaries speak to their channel: no private text, no anonymous author', () => {
    expect(summaryPosts.map((p) => p.channel).sort()).toEqual([PUBLIC, PUBLIC, PRIVATE].sort());
    for (const { channel, params } of summaryPosts) {
      expectSurfaceRespectsAudiences(`summary in ${channel}`, channelViewer(channel, channel === PRIVATE), surfaceText(params));
    }
    // Three took part in the public retro: the anonymous answer is there, without a name.
    const publicSummary = surfaceText(summaryPosts.find((p) => p.channel === PUBLIC)?.params);
    expect(publicSummary).toContain('tokanonwhy');
    expect(publicSummary).toContain('3 participants');
    // One person took part in the tiny retro: no count to subtract from, no anonymous answer to attribute.
    const tiny = surfaceText(summaryPosts.find((p) => JSON.stringify(p.params).includes('Tiny retro'))?.params);
    expect(tiny).toContain('fewer than 3 participants');
    expect(tiny).not.toContain('toktinyanon');
  });

  it('App Home participation counts what the channel may read, over its human members, like the digest', async () => {
    // Last week: three public replies and one private one in the public channel, whose members also
    // include a bot and a deactivated account.
    await seedSchedule(app.db, app.teamId, PUBLIC, { nextRunAt: new Date(Date.now() + 86_400_000), createdBy: ALICE });
    app.slack.addUser({ id: 'U0ROBOT', is_bot: true });
    app.slack.addUser({ id: 'U0GONE', deleted: true });
    app.slack.channelMembers.set(PUBLIC, [...PEOPLE, 'U0ROBOT', 'U0GONE', app.slack.botUserId]);
    const thread = await app.db.selectFrom('trackedThread').select('id').where('teamId', '=', app.teamId).where('channelId', '=', PUBLIC).where('kind', '=', 'prompt').executeTakeFirstOrThrow();
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    for (const [userId, visibility] of [[BOB, 'public'], [CAROL, 'public'], [DAN, 'public'], [ALICE, 'private']] as const) {
      await app.db
        .insertInto('threadReply')
        .values({ teamId: app.teamId, threadId: thread.id, channelId: PUBLIC, userId, text: 'last week', ts: visibility === 'public' ? `1700000${userId.length}${++counter}.000100` : null, permalink: null, visibility, createdAt: lastWeek })
        .execute();
    }
    app.slack.reset();
    await app.event({ type: 'app_home_opened', user: ALICE, channel: `D${ALICE}`, tab: 'home' });
    const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish').find((c) => c.params.user_id === ALICE));
    const home = surfaceText(publish.params);
    expect(home).toContain('Replied last week: 75% (3 of 4)');
    app.slack.channelMembers.set(PUBLIC, [...PEOPLE, app.slack.botUserId]);
  });

  it.each(PEOPLE)('the App Home of %s shows only their own and what they may read', async (viewerId) => {
    app.slack.reset();
    await app.event({ type: 'app_home_opened', user: viewerId, channel: `D${viewerId}`, tab: 'home' });
    const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish').find((c) => c.params.user_id === viewerId));
    // The Home is the viewer's alone; only their own items, and none of anyone else's private ones.
    expectSurfaceRespectsAudiences(`Home of ${viewerId}`, personViewer(viewerId, viewerId === ALICE || viewerId === BOB ? [PRIVATE] : []), surfaceText(publish.params));
  });

  it.each([PUBLIC, PRIVATE])('the digest posted in %s holds only what its readers may read', async (channel) => {
    app.slack.reset();
    await command(ALICE, channel, '/learnloop', 'digest now');
    const post = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === channel));
    expectSurfaceRespectsAudiences(`digest in ${channel}`, channelViewer(channel, channel === PRIVATE), surfaceText(post.params));
  });

  it.each([
    [CAROL, []],
    [BOB, [PRIVATE]],
  ] as const)("a mentor's reminder (mentor %s) holds only what the mentor may read of the mentee's learnings", async (mentorId, channels) => {
    const shared = await listSharedWithMentor(app.db, app.teamId, ALICE, new Date(0), personViewer(mentorId, channels), 50);
    const viewer = personViewer(mentorId, channels);
    expectSurfaceRespectsAudiences(`reminder to ${mentorId}`, viewer, JSON.stringify(shared), {
      complete: (it) => it.authorId === ALICE && it.kind.startsWith('learning') && !it.anonymous,
    });
  });

  it('a person who leaves a private channel stops finding its items (member_left_channel)', async () => {
    const search = async () => searchResults(await command(BOB, PUBLIC, '/learnloop', 'search tokprivlearning'));
    expect(await search()).toContain('tokprivlearning');
    app.slack.channelMembers.set(PRIVATE, [ALICE, app.slack.botUserId]);
    await app.event({ type: 'member_left_channel', user: BOB, channel: PRIVATE, channel_type: 'G', team: app.teamId });
    expect(await search()).not.toContain('tokprivlearning');
    await app.event({ type: 'member_joined_channel', user: BOB, channel: PRIVATE, channel_type: 'G', team: app.teamId });
    app.slack.channelMembers.set(PRIVATE, [ALICE, BOB, app.slack.botUserId]);
    await app.event({ type: 'member_joined_channel', user: BOB, channel: PRIVATE, channel_type: 'G', team: app.teamId });
    expect(await search()).toContain('tokprivlearning');
  });

  it('items captured before the audience rule are kept to their private channel once Slack says it is private', async () => {
    const old = await app.db
      .insertInto('learning')
      .values({ teamId: app.teamId, userId: ALICE, text: 'matrix tokbeforerule', tags: [], link: null, visibility: 'team', source: 'experience', channelId: 'C0OLDSECRET' })
      .returning('id')
      .executeTakeFirstOrThrow();
    app.slack.privateChannels.add('C0OLDSECRET');
    app.slack.channelMembers.set('C0OLDSECRET', [ALICE, app.slack.botUserId]);
    expect(await classifyChannels(app.learnloop.deps).run(new Date())).toMatchObject({ restricted: 1 });
    const row = await app.db.selectFrom('learning').select('privateChannelId').where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(row.privateChannelId).toBe('C0OLDSECRET');
    expect(searchResults(await command(CAROL, PUBLIC, '/learnloop', 'search tokbeforerule'))).not.toContain('tokbeforerule');
    expect(searchResults(await command(ALICE, PUBLIC, '/learnloop', 'search tokbeforerule'))).toContain('tokbeforerule');
    // A second run finds nothing left to sort.
    expect(await classifyChannels(app.learnloop.deps).run(new Date())).toMatchObject({ channels: 0 });
  });

  it.each([
    [PUBLIC, false],
    [PRIVATE, true],
  ] as const)('sharing a learning said in the private channel to %s is allowed: %s', async (channel, allowed) => {
    const learning = await app.db.selectFrom('learning').select(['id']).where('teamId', '=', app.teamId).where('text', '=', 'matrix tokprivlearning #matrix').executeTakeFirstOrThrow();
    await app.db.updateTable('learning').set({ sharedChannelId: null, sharedTs: null, shareClaimedAt: null }).where('id', '=', learning.id).execute();
    app.slack.reset();
    const responseId = `share-${++counter}`;
    await pressButton(app, { user: ALICE, actionId: 'learning_share', value: String(learning.id), channel, channelName: 'x', blockId: 'learning_actions', responseId });
    const answer = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body);
    const cards = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);
    if (allowed) expect(cards).toHaveLength(1);
    else {
      expect(cards).toHaveLength(0);
      expect(answer.text).toContain('private channel');
    }
  });

  it("a private channel's learning shared to a public channel before sharing was guarded stays out of that channel's digest and figures", async () => {
    const learning = await app.db.selectFrom('learning').select(['id']).where('teamId', '=', app.teamId).where('text', '=', 'matrix tokprivlearning #matrix').executeTakeFirstOrThrow();
    await app.db.updateTable('learning').set({ sharedChannelId: PUBLIC, sharedTs: '1790000999.000100', reactionCount: 99 }).where('id', '=', learning.id).execute();
    app.slack.reset();
    await command(ALICE, PUBLIC, '/learnloop', 'digest now');
    const post = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === PUBLIC));
    expect(surfaceText(post.params)).not.toContain('tokprivlearning');
    expectSurfaceRespectsAudiences('digest in the public channel', channelViewer(PUBLIC, false), surfaceText(post.params));
    await app.db.updateTable('learning').set({ sharedChannelId: null, sharedTs: null, reactionCount: 0 }).where('id', '=', learning.id).execute();
  });

  it.each([
    ['channel', CAROL, PUBLIC],
    ['channel', ALICE, PRIVATE],
    ['workspace', 'U0AUDITOR', PUBLIC],
    ['workspace', 'U0MEMBERADMIN', PUBLIC],
  ] as const)('an export of the %s by %s in %s holds only what its reader may read, and no anonymous author', async (scope, exporter, channel) => {
    app.slack.addUser({ id: 'U0AUDITOR', is_admin: true });
    app.slack.addUser({ id: 'U0MEMBERADMIN', is_admin: true });
    app.slack.channelMembers.set(PRIVATE, [ALICE, BOB, 'U0MEMBERADMIN', app.slack.botUserId]);
    app.slack.reset();
    const answer = await command(exporter, channel, '/learnloop', `export ${scope}`);
    expect(answer.text).toContain('zip');
    const upload = await app.slack.waitFor(() => app.slack.uploads[0]);
    const csv = Object.values(unzipSync(new Uint8Array(upload.bytes)))
      .map((bytes) => Buffer.from(bytes).toString('utf8'))
      .join('\n');
    const viewer = personViewer(exporter, [ALICE, BOB, 'U0MEMBERADMIN'].includes(exporter) ? [PRIVATE] : []);
    expectSurfaceRespectsAudiences(`${scope} export by ${exporter}`, viewer, csv);
    for (const line of csv.split('\n')) if (line.includes('tokanonwhy')) expect(line).not.toContain(DAN);
    // What the exporter may read of the channel is there.
    if (scope === 'workspace' || channel === PUBLIC) expect(csv).toContain('tokpublearning');
    if (scope === 'channel' && channel === PRIVATE) expect(csv).toContain('tokprivlearning');
    if (scope === 'workspace') expect(csv.includes('tokprivlearning')).toBe(viewer.privateChannelIds.includes(PRIVATE));
    app.slack.channelMembers.set(PRIVATE, [ALICE, BOB, app.slack.botUserId]);
  });

  describe('growth', () => {
    beforeAll(async () => {
      // Every matrix item carries #matrix, so each one is evidence of this competency for its author.
      await app.db.insertInto('competency').values({ teamId: app.teamId, name: 'Matrix', description: null, tags: ['matrix'], levels: ['Exploring', 'Practising', 'Fluent', 'Teaching others'], createdBy: ALICE, retiredAt: null }).execute();
      // Bob (in the private channel) and Carol (not) mentor Alice; Alice mentors Dan, the anonymous reflector.
      for (const [mentorId, menteeId] of [[BOB, ALICE], [CAROL, ALICE], [ALICE, DAN]] as const) {
        await app.db.insertInto('mentoringPair').values({ teamId: app.teamId, mentorId, menteeId, status: 'active', requestedBy: menteeId, requestNote: null, nextReminderAt: null, acceptedAt: new Date() }).execute();
      }
    });

    it.each(PEOPLE)('My growth of %s shows only their own items', async (viewerId) => {
      const rendered = surfaceText(await command(viewerId, PUBLIC, '/learnloop', 'growth'));
      const viewer = personViewer(viewerId, viewerId === ALICE || viewerId === BOB ? [PRIVATE] : []);
      expectSurfaceRespectsAudiences(`My growth of ${viewerId}`, viewer, rendered);
      for (const it of items) if (it.authorId !== viewerId) expect(rendered).not.toContain(it.token);
      if (viewerId === ALICE) expect(rendered).toContain('tokpublearning');
    });

    it.each([
      [BOB, ALICE, [PRIVATE]],
      [CAROL, ALICE, []],
      [ALICE, DAN, [PRIVATE]],
    ] as const)("a mentor's view (%s of %s) holds only what the mentor may read, and nothing anonymous", async (mentorId, menteeId, channels) => {
      const rendered = surfaceText(await command(mentorId, PUBLIC, '/learnloop', `growth <@${menteeId}>`));
      expect(rendered).toContain(`Growth of <@${menteeId}>`);
      expectSurfaceRespectsAudiences(`growth of ${menteeId} for ${mentorId}`, personViewer(mentorId, channels), rendered);
      for (const it of items) if (it.anonymous || it.authorId !== menteeId) expect(rendered).not.toContain(it.token);
      // Not vacuous: what the mentor may read of the mentee is there.
      if (menteeId === ALICE) expect(rendered).toContain('tokpublearning');
      if (menteeId === ALICE) expect(rendered.includes('tokprivlearning')).toBe(channels.includes(PRIVATE as never));
    });

    it.each(PEOPLE)('someone who is not a mentor (%s of Bob) sees nothing of another person’s growth', async (viewerId) => {
      if (viewerId === BOB) return;
      const rendered = surfaceText(await command(viewerId, PUBLIC, '/learnloop', `growth <@${BOB}>`));
      expect(rendered).toContain('Only the person and their mentors');
      for (const it of items) expect(rendered).not.toContain(it.token);
    });

    it.each(PEOPLE)('the team map for %s holds counts only: no item, no person', async (viewerId) => {
      const rendered = surfaceText(await command(viewerId, PRIVATE, '/learnloop', 'growth team'));
      expect(rendered).toContain('Matrix');
      for (const it of items) expect(rendered).not.toContain(it.token);
      for (const person of PEOPLE) expect(rendered).not.toContain(person);
    });
  });

  describe('projects', () => {
    it.each([
      [BOB, [PRIVATE]],
      [CAROL, []],
    ] as const)("a sponsor's check-in (sponsor %s) of a project in the private channel holds only what the sponsor may read", async (sponsorId, channels) => {
      const project = await app.db
        .insertInto('project')
        .values({ teamId: app.teamId, name: 'Matrix project', challenge: 'x', channelId: PRIVATE, privateChannelId: PRIVATE, startsOn: '2027-01-04', endsOn: '2027-09-30', hoursPerWeek: 8, setCadence: 'biweekly', timeZone: 'UTC', wave: null, scheduleId: null, charterTs: null, createdBy: ALICE, nextSponsorCheckInAt: null, lastSponsorCheckInAt: null, midpointReviewId: null, midpointClaimedAt: null, finalProposedAt: null, closedAt: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      await app.db.insertInto('projectPerson').values([
        { teamId: app.teamId, projectId: project.id, userId: ALICE, role: 'member', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
        { teamId: app.teamId, projectId: project.id, userId: DAN, role: 'member', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
        { teamId: app.teamId, projectId: project.id, userId: sponsorId, role: 'sponsor', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
      ]).execute();
      const viewer = personViewer(sponsorId, channels);
      const learnings = await listProjectLearnings(app.db, project, new Date(0), viewer, 50);
      const rendered = surfaceText(sponsorCheckInMessage(project, { sets: 0, setRepliers: 0, members: 2, learnings: 0, commitmentsDone: 0, commitmentsOpen: 0, commitmentsOverdue: 0, reviews: 0, sessions: 0, stuck: 0, recognitions: 0 }, learnings, 3));
      expectSurfaceRespectsAudiences(`sponsor check-in for ${sponsorId}`, viewer, rendered);
      expect(rendered.includes('tokprivlearning')).toBe(channels.length > 0);
      await app.db.deleteFrom('project').where('id', '=', project.id).execute();
    });

    describe('a project in the private channel', () => {
      const AUDITOR = 'U0AUDITOR';
      let project: { id: number };
      beforeAll(async () => {
        app.slack.addUser({ id: AUDITOR, is_admin: true });
        project = await app.db
          .insertInto('project')
          .values({ teamId: app.teamId, name: 'Matrix steady project', challenge: 'x', channelId: PRIVATE, privateChannelId: PRIVATE, startsOn: '2026-01-05', endsOn: '2027-09-30', hoursPerWeek: 8, setCadence: 'biweekly', timeZone: 'UTC', wave: 'Matrix wave', scheduleId: null, charterTs: null, createdBy: BOB, nextSponsorCheckInAt: null, lastSponsorCheckInAt: null, midpointReviewId: null, midpointClaimedAt: new Date(), finalProposedAt: new Date(), closedAt: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await app.db.insertInto('projectPerson').values([
          { teamId: app.teamId, projectId: project.id, userId: ALICE, role: 'member', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
          { teamId: app.teamId, projectId: project.id, userId: DAN, role: 'member', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
          { teamId: app.teamId, projectId: project.id, userId: BOB, role: 'coach', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
          { teamId: app.teamId, projectId: project.id, userId: CAROL, role: 'sponsor', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
        ]).execute();
      });
      afterAll(async () => {
        await app.db.deleteFrom('project').where('id', '=', project.id).execute();
      });

      it('a module posted in the project channel holds only what the channel may read', async () => {
        const today = new Date().toISOString().slice(0, 10);
        await app.db.insertInto('projectModule').values({ teamId: app.teamId, projectId: project.id, title: 'Matrix module', link: null, dueOn: today, question: 'What surprised you?', createdBy: BOB, postClaimedAt: null, postedAt: null, messageTs: null }).execute();
        app.slack.reset();
        await app.learnloop.scheduler.tick(new Date());
        const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === PRIVATE && (JSON.stringify(c.params.blocks ?? []).includes('"project_module"') || c.params.thread_ts));
        expect(posts.map((p) => surfaceText(p.params)).join()).toContain('Matrix module');
        expect(posts.map((p) => surfaceText(p.params)).join()).toContain('What surprised you?');
        for (const post of posts) expectSurfaceRespectsAudiences('module post', channelViewer(PRIVATE, true), surfaceText(post.params));
      });

      it.each([false, true])("the “We're stuck” DM to the coach and sponsor (sent without a name: %s) holds only the note, named only when the member chose to be", async (anonymous) => {
        app.slack.reset();
        const note = `matrix tokstuck${anonymous ? 'anon' : 'named'}`;
        const option = { value: 'anonymous', text: { type: 'plain_text', text: 'Send it without my name' } };
        const response = await app.interaction({
          type: 'view_submission',
          user: { id: DAN, team_id: app.teamId },
          view: {
            id: `V${++counter}`,
            callback_id: 'project_stuck_form',
            private_metadata: JSON.stringify({ projectId: project.id }),
            state: { values: { project_stuck_note: { project_stuck_note_input: { type: 'plain_text_input', value: note } }, project_stuck_anonymous: { project_stuck_anonymous_input: { type: 'checkboxes', selected_options: anonymous ? [option] : [] } } } },
          },
        });
        expect(response.status).toBe(200);
        await app.learnloop.settled();
        for (const [recipient, channels] of [[BOB, [PRIVATE]], [CAROL, []]] as const) {
          const dm = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === recipient && surfaceText(c.params).includes(note)));
          const rendered = surfaceText(dm.params);
          expectSurfaceRespectsAudiences(`stuck DM to ${recipient}`, personViewer(recipient, channels), rendered);
          expect(rendered.includes(`<@${DAN}>`)).toBe(!anonymous);
        }
        // Nothing went to the members, and nobody else heard of it.
        expect(app.slack.callsTo('chat.postMessage').filter((c) => surfaceText(c.params).includes(note)).map((c) => c.params.channel).sort()).toEqual([BOB, CAROL]);
        const flag = await app.db.selectFrom('projectFlag').select('userId').where('teamId', '=', app.teamId).where('note', '=', note).executeTakeFirstOrThrow();
        expect(flag.userId).toBe(anonymous ? null : DAN);
      });

      it('the wave summary an admin reads holds counts only: no item, no person', async () => {
        const rendered = surfaceText(await command(AUDITOR, PUBLIC, '/learnloop', 'project wave Matrix wave'));
        expect(rendered).toContain('Matrix steady project');
        expectSurfaceRespectsAudiences('wave summary', personViewer(AUDITOR, []), rendered);
        for (const it of items) expect(rendered).not.toContain(it.token);
        for (const person of PEOPLE) expect(rendered).not.toContain(person);
      });

      it('the closing summary posted in the project channel, and its figures file, hold counts only', async () => {
        app.slack.reset();
        const answer = await command(BOB, PRIVATE, '/learnloop', `project close ${project.id}`);
        expect(answer.text).toContain('Closed “Matrix steady project”');
        const post = await app.slack.waitFor(() => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === PRIVATE && JSON.stringify(c.params.blocks ?? []).includes('"project_closing"')));
        const upload = await app.slack.waitFor(() => app.slack.uploads[0]);
        const rendered = `${surfaceText(post.params)}\n${Buffer.from(upload.bytes).toString('utf8')}`;
        expect(rendered).toContain('is closed');
        expectSurfaceRespectsAudiences('closing summary', channelViewer(PRIVATE, true), rendered);
        for (const it of items) expect(rendered).not.toContain(it.token);
        for (const person of PEOPLE) expect(rendered).not.toContain(person);
      });
    });
  });

  describe('communities', () => {
    beforeAll(async () => {
      await app.db.insertInto('community').values({ teamId: app.teamId, name: 'Matrix', purpose: null, tags: ['matrix'], homeChannelId: PUBLIC, createdBy: ALICE, nextDigestAt: new Date(Date.now() + 86_400_000), lastDigestAt: null }).execute();
    });

    it.each(PEOPLE)('the community flow shown to %s holds only what the whole workspace may read', async (viewerId) => {
      const rendered = surfaceText(await command(viewerId, PUBLIC, '/learnloop', 'community show Matrix'));
      expectSurfaceRespectsAudiences(`community flow for ${viewerId}`, channelViewer(PUBLIC, false), rendered);
      for (const it of items) if (it.anonymous) expect(rendered).not.toContain(it.token);
      expect(rendered).toContain('tokpublearning');
    });

    it('`who #matrix` never names the author of an anonymous item, nor anyone for a private one', async () => {
      const rendered = surfaceText(await command(CAROL, PUBLIC, '/learnloop', 'who #matrix'));
      expect(rendered).toContain(ALICE);
      expect(rendered).not.toContain(DAN);
      // Bob's only #matrix learning is "only me".
      expect(rendered).not.toContain(BOB);
    });

    it("a coffee pairing's group DM starts a conversation only from what the whole workspace may read", async () => {
      const community = await app.db.selectFrom('community').select('id').where('teamId', '=', app.teamId).where('name', '=', 'Matrix').executeTakeFirstOrThrow();
      await app.db
        .insertInto('communityMember')
        .values(PEOPLE.map((userId, index) => ({ teamId: app.teamId, communityId: community.id, userId, role: userId === ALICE ? ('lead' as const) : ('member' as const), homeTeamChannelId: `C0TEAM${index % 2}`, pairing: true })))
        .execute();
      try {
        app.slack.reset();
        await command(ALICE, PUBLIC, '/learnloop', 'community pair "Matrix"');
        const dms = await app.slack.waitFor(() => {
          const posts = app.slack.callsTo('chat.postMessage').filter((c) => String(c.params.channel).startsWith('D'));
          return posts.length === 2 && posts;
        });
        // The flow's newest item of the month is the public learning: the starter is drawn from it.
        expect(surfaceText(dms[0]!.params)).toContain('tokpublearning');
        for (const dm of dms) {
          const rendered = surfaceText(dm.params);
          expectSurfaceRespectsAudiences('coffee pairing DM', channelViewer(PUBLIC, false), rendered);
          for (const it of items) if (it.anonymous) expect(rendered).not.toContain(it.token);
        }
      } finally {
        await app.db.deleteFrom('communityPairing').where('teamId', '=', app.teamId).execute();
        await app.db.deleteFrom('communityPairingRound').where('teamId', '=', app.teamId).execute();
        await app.db.deleteFrom('communityMember').where('teamId', '=', app.teamId).where('communityId', '=', community.id).execute();
      }
    });

    describe('what reaches home channels, members and the Home', () => {
      let matrixId = 0;
      let secretId = 0;
      beforeAll(async () => {
        // Three people share on #matrix in the public channel, so the digest shows its highlights.
        await command(CAROL, PUBLIC, '/learned', 'matrix tokcarollearning #matrix');
        item('tokcarollearning', 'learning, public channel (a second author)', { authorId: CAROL, authorOnly: false, privateChannelId: null });
        await command(DAN, PUBLIC, '/learned', 'matrix tokdanlearning #matrix');
        item('tokdanlearning', 'learning, public channel (a third author)', { authorId: DAN, authorOnly: false, privateChannelId: null });
        matrixId = (await app.db.selectFrom('community').select('id').where('teamId', '=', app.teamId).where('name', '=', 'Matrix').executeTakeFirstOrThrow()).id;
        const secret = await app.db.insertInto('community').values({ teamId: app.teamId, name: 'Matrix secret', purpose: null, tags: ['matrix'], homeChannelId: PRIVATE, createdBy: ALICE, nextDigestAt: new Date(Date.now() + 86_400_000), lastDigestAt: null }).returning('id').executeTakeFirstOrThrow();
        secretId = secret.id;
        await app.db.insertInto('community').values({ teamId: app.teamId, name: 'Elsewhere', purpose: null, tags: ['elsewhere'], homeChannelId: PUBLIC, createdBy: CAROL, nextDigestAt: new Date(Date.now() + 86_400_000), lastDigestAt: null }).execute();
        for (const [user, channel, name] of [[ALICE, PUBLIC, 'Matrix'], [CAROL, PUBLIC, 'Matrix'], [BOB, PRIVATE, '"Matrix secret"'], [ALICE, PRIVATE, '"Matrix secret"']] as const) {
          expect((await command(user, channel, '/learnloop', `community join ${name}`)).text).toContain('You joined');
        }
      });

      it.each([
        [PUBLIC, 'Matrix'],
        [PRIVATE, 'Matrix secret'],
      ])('the weekly community digest posted in %s (%s) holds only what the whole workspace may read', async (channel, name) => {
        await app.db.updateTable('community').set({ nextDigestAt: new Date(Date.now() - 60_000) }).where('teamId', '=', app.teamId).where('name', '=', name).execute();
        app.slack.reset();
        await app.learnloop.scheduler.tick(new Date());
        const post = app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === channel && JSON.stringify(c.params.blocks ?? []).includes('"community_digest"'));
        const rendered = surfaceText(post?.params);
        expect(rendered).toContain(`This week in “${name}”`);
        // Even in its own private home channel, a community's digest carries only what the workspace may read.
        expectSurfaceRespectsAudiences(`community digest in ${channel}`, WORKSPACE_VIEWER, rendered);
        for (const it of items) if (it.anonymous) expect(rendered).not.toContain(it.token);
        expect(rendered).toContain('tokpublearning');
      });

      it('a question asked without a name is posted without its author, and the DMs to members carry neither', async () => {
        app.slack.reset();
        expect((await command(DAN, PUBLIC, '/learnloop', 'ask Matrix anonymously matrix tokanonquestion how do you test?')).text).toContain('Your question is in');
        item('tokanonquestion', 'community question, anonymous', { authorId: DAN, authorOnly: false, privateChannelId: null, anonymous: true });
        expect((await command(ALICE, PRIVATE, '/learnloop', 'ask "Matrix secret" matrix tokprivquestion what broke?')).text).toContain('Your question is in');
        item('tokprivquestion', 'community question, private home channel', { authorId: ALICE, authorOnly: false, privateChannelId: PRIVATE });
        for (const [channel, token] of [[PUBLIC, 'tokanonquestion'], [PRIVATE, 'tokprivquestion']] as const) {
          const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === channel && surfaceText(c.params).includes(token));
          expect(posts).toHaveLength(1);
          expectSurfaceRespectsAudiences(`question in ${channel}`, channelViewer(channel, channel === PRIVATE), surfaceText(posts[0]!.params));
        }
        // The members' DMs go out through the queue (budget, quiet hours): what is queued is what they read.
        const dms = await app.db.selectFrom('scheduledDm').select(['userId', 'payload']).where('teamId', '=', app.teamId).where('kind', '=', 'community_question').execute();
        expect(dms.map((dm) => dm.userId).sort()).toEqual([ALICE, BOB, CAROL]);
        for (const dm of dms) {
          const rendered = JSON.stringify(dm.payload);
          expectSurfaceRespectsAudiences(`question DM to ${dm.userId}`, personViewer(dm.userId, dm.userId === DAN || dm.userId === CAROL ? [] : [PRIVATE]), rendered);
          expect(rendered).not.toContain(`<@${DAN}>`);
          expect(rendered).toContain('could use your experience');
        }
      });

      it.each([
        [PUBLIC, 'tokpubreply'],
        [PRIVATE, 'tokprivreply'],
      ] as const)('"Ask a community about this" on a message in %s copies its words into the form only when they are not a private channel’s', async (channel, token) => {
        app.slack.reset();
        const response = await app.interaction({
          type: 'message_action',
          callback_id: 'community_ask_message',
          user: { id: ALICE, team_id: app.teamId },
          channel: { id: channel, name: 'x' },
          message: { type: 'message', user: channel === PUBLIC ? BOB : ALICE, ts: '1790000600.000100', text: `matrix ${token}` },
          response_url: app.slack.responseUrl(`ask-about-${++counter}`),
          trigger_id: `trigger-ask-about-${counter}`,
        });
        expect(response.status).toBe(200);
        const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
        const view = typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
        const rendered = surfaceText({ blocks: view.blocks });
        // The form leads to a post in a community's home channel: what it carries must be readable by the workspace.
        expectSurfaceRespectsAudiences(`ask form from ${channel}`, WORKSPACE_VIEWER, rendered);
        expect(rendered.includes(token)).toBe(channel === PUBLIC);
        expect(view.private_metadata).toContain(channel);
      });

      it.each(PEOPLE)('the Home "My communities" of %s names only their communities, with only what the workspace may read', async (viewerId) => {
        app.slack.reset();
        await app.event({ type: 'app_home_opened', user: viewerId, channel: `D${viewerId}`, tab: 'home' });
        const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish').find((c) => c.params.user_id === viewerId));
        const view = typeof publish.params.view === 'string' ? JSON.parse(publish.params.view) : publish.params.view;
        const section = (view.blocks as any[]).find((b) => b.block_id === 'community_home_section');
        const rendered = surfaceText({ blocks: section ? [section] : [] });
        expectSurfaceRespectsAudiences(`My communities of ${viewerId}`, WORKSPACE_VIEWER, rendered);
        const mine = { [ALICE]: ['Matrix', 'Matrix secret'], [BOB]: ['Matrix secret'], [CAROL]: ['Matrix'], [DAN]: [] as string[] }[viewerId]!;
        for (const name of ['Matrix*', 'Matrix secret*', 'Elsewhere*']) expect(rendered.includes(`*${name}`)).toBe(mine.includes(name.slice(0, -1)));
        // The newest workspace-readable #matrix item is offered (the section is not merely empty).
        if (mine.length > 0) expect(rendered).toContain('tokdanlearning');
      });

      describe('the export files added with growth and communities', () => {
        beforeAll(async () => {
          const competency = await app.db.selectFrom('competency').select('id').where('teamId', '=', app.teamId).where('name', '=', 'Matrix').executeTakeFirstOrThrow();
          for (const [userId, confirmedBy] of [[ALICE, CAROL], [BOB, null]] as const) {
            await app.db.insertInto('growthGoal').values({ teamId: app.teamId, userId, competencyId: competency.id, targetLevel: 2, dueDate: userId === ALICE ? '2027-03-01' : '2027-04-01', timeZone: 'UTC', confirmerId: confirmedBy, claimedAt: null, confirmedBy, confirmedAt: confirmedBy ? new Date() : null, startedAt: new Date() }).execute();
          }
          await app.db.insertInto('communityPairing').values([
            { teamId: app.teamId, communityId: matrixId, round: 1, userIds: [ALICE, CAROL] },
            { teamId: app.teamId, communityId: secretId, round: 1, userIds: [BOB, ALICE] },
          ]).execute();
        });

        async function exportOf(userId: string): Promise<Record<string, string>> {
          app.slack.reset();
          expect((await command(userId, PUBLIC, '/learnloop', 'export me')).text).toContain('zip');
          const upload = await app.slack.waitFor(() => app.slack.uploads[0]);
          return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(upload.bytes))).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
        }

        it.each(PEOPLE)('%s’s own export holds their goals, memberships, questions and pairings, and nobody else’s', async (viewerId) => {
          const files = await exportOf(viewerId);
          const viewer = personViewer(viewerId, viewerId === ALICE || viewerId === BOB ? [PRIVATE] : []);
          expectSurfaceRespectsAudiences(`own export of ${viewerId}`, viewer, Object.values(files).join('\n'));
          const rows = (name: string) => (files[name] ?? '').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).filter((line) => line !== '');
          // Growth goals: only the person's own (the confirmer named beside them is theirs to know).
          const goals = rows('growth-goals.csv');
          expect(goals).toHaveLength(viewerId === ALICE || viewerId === BOB ? 1 : 0);
          for (const line of goals) expect(line.split(',')[1]).toBe(viewerId);
          // Memberships: exactly the communities they are in.
          const memberships = rows('community-memberships.csv').map((line) => line.split(',')[0]).sort();
          expect(memberships).toEqual({ [ALICE]: ['Matrix', 'Matrix secret'], [BOB]: ['Matrix secret'], [CAROL]: ['Matrix'], [DAN]: [] as string[] }[viewerId]);
          // Questions: only those they asked, their anonymous ones included (they wrote them).
          const questions = rows('community-questions.csv').join('\n');
          expect(questions.includes('tokanonquestion')).toBe(viewerId === DAN);
          expect(questions.includes('tokprivquestion')).toBe(viewerId === ALICE);
          // Pairings: the rounds they were in, each naming only the others of their own group.
          const pairings = rows('community-pairings.csv');
          expect(pairings.map((line) => line.split(',')[2]).sort()).toEqual({ [ALICE]: [BOB, CAROL], [BOB]: [ALICE], [CAROL]: [ALICE], [DAN]: [] as string[] }[viewerId]!.sort());
          // Competencies are the workspace's shared definitions, the same for everyone.
          expect(rows('competencies.csv').map((line) => line.split(',')[1])).toEqual(['Matrix']);
        });
      });
    });
  });

  describe('AI partner', () => {
    const DM = 'D0MATRIXDM';
    const draftTo = (userId: string) => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === userId && JSON.stringify(c.params.blocks ?? []).includes('ai_draft_label'));
    beforeAll(async () => {
      await app.db.insertInto('aiSetting').values({ teamId: app.teamId, enabled: true, updatedBy: CAROL }).execute();
    });
    afterAll(async () => {
      await app.db.deleteFrom('aiSetting').execute();
    });
    beforeEach(() => {
      ai.requests.length = 0;
    });

    /** What the model was sent is a surface too: it may hold only what everyone where the draft can be published may read. */
    function expectSentRespectsAudiences(surface: string, viewer: Viewer) {
      const sent = ai.sentText();
      expectSurfaceRespectsAudiences(surface, viewer, sent);
      for (const it of items) if (it.anonymous || it.authorOnly) expect({ surface, token: it.token, sent: sent.includes(it.token) }).toEqual({ surface, token: it.token, sent: false });
      for (const id of PEOPLE) expect(sent).not.toContain(id);
    }

    it.each([
      ['the public channel', PUBLIC, channelViewer(PUBLIC, false)],
      ['the private channel', PRIVATE, channelViewer(PRIVATE, true)],
      ['a DM', DM, WORKSPACE_VIEWER],
    ])('ask-ai in %s sends and shows only what everyone there may read', async (_where, channel, viewer) => {
      const rendered = surfaceText(await command(ALICE, channel, '/learnloop', 'ask-ai what about matrix?'));
      expect(ai.requests).toHaveLength(1);
      expectSentRespectsAudiences(`ask-ai request from ${channel}`, viewer);
      expectSurfaceRespectsAudiences(`ask-ai draft in ${channel}`, viewer, rendered);
      expect(ai.sentText()).toContain('tokpublearning');
      expect(ai.sentText().includes('tokprivlearning')).toBe(channel === PRIVATE);
    });

    it.each([
      ['Quarterly retro', PUBLIC, CAROL],
      ['Secret retro', PRIVATE, ALICE],
    ])('the synthesis of "%s" sends and drafts only what its channel may read', async (title, channel, closer) => {
      const review = await app.db.selectFrom('review').select('id').where('teamId', '=', app.teamId).where('title', '=', title).executeTakeFirstOrThrow();
      await app.interaction({
        type: 'block_actions',
        user: { id: closer, username: closer.toLowerCase(), team_id: app.teamId },
        trigger_id: `trigger-ai-${++counter}`,
        response_url: app.slack.responseUrl(`ai-${counter}`),
        channel: { id: channel, name: 'x' },
        container: { type: 'message', message_ts: '1790000000.000100', channel_id: channel, is_ephemeral: true },
        actions: [{ type: 'button', action_id: 'ai_draft_synthesis', block_id: 'x', value: String(review.id), action_ts: '1' }],
      });
      const draft = await app.slack.waitFor(() => draftTo(closer));
      const viewer = channelViewer(channel, channel === PRIVATE);
      expectSentRespectsAudiences(`synthesis request for ${title}`, viewer);
      expectSurfaceRespectsAudiences(`synthesis draft for ${title}`, viewer, surfaceText(draft.params));
      expect(ai.sentText()).toContain(channel === PUBLIC ? 'toknamedwhy' : 'toksecretwhy');
    });
  });

  describe('team learning pulse', () => {
    const STATEMENTS = 6;
    const scoresOf = (value: number) => Object.fromEntries(Array.from({ length: STATEMENTS }, (_, i) => [`pulse_statement_${i}`, { pulse_score: { type: 'radio_buttons', selected_option: { value: String(value) } } }]));
    const answer = (user: string, runId: number, value: number, comment: string | null) =>
      app.interaction({
        type: 'view_submission',
        user: { id: user, team_id: app.teamId },
        view: { id: `V${++counter}`, callback_id: 'pulse_answer', private_metadata: JSON.stringify({ runId }), state: { values: { ...scoresOf(value), pulse_free_text: { pulse_free_text_input: { type: 'plain_text_input', value: comment } } } } },
      });
    const runIn = async (channel: string) => (await app.db.selectFrom('pulseRun').select('id').where('teamId', '=', app.teamId).where('channelId', '=', channel).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const resultsIn = (channel: string) => app.slack.callsTo('chat.postMessage').find((c) => c.params.channel === channel && JSON.stringify(c.params.blocks ?? []).includes('"pulse_results"'));

    beforeAll(async () => {
      // Two people in the private channel: a minimum group of two lets its comment reach its own channel.
      await app.db.insertInto('workspaceSetting').values({ teamId: app.teamId, retentionDays: null, minGroupSize: 2, lastRetentionRunAt: null, updatedBy: null }).onConflict((oc) => oc.column('teamId').doUpdateSet({ minGroupSize: 2 })).execute();
      app.slack.reset();
      for (const channel of [PUBLIC, PRIVATE]) expect((await command(ALICE, channel, '/learnloop', 'pulse now')).text).toContain('get one DM');
      const publicRun = await runIn(PUBLIC);
      const privateRun = await runIn(PRIVATE);
      for (const person of PEOPLE) expect((await answer(person, publicRun, person === BOB ? 2 : 4, person === BOB ? 'matrix tokpulsepubcomment' : null)).status).toBe(200);
      await answer(ALICE, privateRun, 3, 'matrix tokpulseprivcomment');
      await answer(BOB, privateRun, 5, null);
      item('tokpulsepubcomment', 'pulse comment, public channel', { authorId: BOB, authorOnly: false, privateChannelId: null, anonymous: true });
      item('tokpulseprivcomment', 'pulse comment, private channel', { authorId: ALICE, authorOnly: false, privateChannelId: PRIVATE, anonymous: true });
      // Everyone invited answered: the next tick closes both and posts their results.
      await app.learnloop.scheduler.tick(new Date(Date.now() + 60_000));
      await app.slack.waitFor(() => resultsIn(PUBLIC) && resultsIn(PRIVATE));
    });
    afterAll(async () => {
      await app.db.updateTable('workspaceSetting').set({ minGroupSize: 3 }).where('teamId', '=', app.teamId).execute();
    });

    it.each([PUBLIC, PRIVATE])('the results post in %s holds only what its channel may read, comments without their author', (channel) => {
      const rendered = surfaceText(resultsIn(channel)!.params);
      expectSurfaceRespectsAudiences(`pulse results in ${channel}`, channelViewer(channel, channel === PRIVATE), rendered);
      expect(rendered).toContain(channel === PUBLIC ? 'tokpulsepubcomment' : 'tokpulseprivcomment');
    });

    it.each(PEOPLE)('the pulse DM and its modal shown to %s carry no item and no one else', async (person) => {
      const viewer = personViewer(person, person === ALICE || person === BOB ? [PRIVATE] : []);
      const dms = await app.db.selectFrom('scheduledDm').select('payload').where('teamId', '=', app.teamId).where('userId', '=', person).where('kind', '=', 'pulse_invite').execute();
      expect(dms.length).toBe(person === ALICE || person === BOB ? 2 : 1);
      const rendered = JSON.stringify(dms.map((dm) => dm.payload));
      expectSurfaceRespectsAudiences(`pulse DM to ${person}`, viewer, rendered);
      for (const other of PEOPLE) expect(rendered).not.toContain(other);
      // The modal of a pulse still open (a new one): statements only.
      const { answerModal } = await import('../../../src/features/pulse/blocks');
      const modal = JSON.stringify(answerModal({ id: 1, channelId: PUBLIC, statements: ['We reflect on how we work together.'] }));
      expectSurfaceRespectsAudiences(`pulse modal for ${person}`, viewer, modal);
      for (const other of PEOPLE) expect(modal).not.toContain(other);
    });

    it.each([
      ['channel', CAROL, PUBLIC],
      ['channel', ALICE, PRIVATE],
      ['workspace', 'U0AUDITOR', PUBLIC],
      ['workspace', 'U0MEMBERADMIN', PUBLIC],
    ] as const)('an export of the %s by %s in %s holds pulse results as aggregates only, of channels its reader may read', async (scope, exporter, channel) => {
      app.slack.addUser({ id: 'U0AUDITOR', is_admin: true });
      app.slack.addUser({ id: 'U0MEMBERADMIN', is_admin: true });
      app.slack.channelMembers.set(PRIVATE, [ALICE, BOB, 'U0MEMBERADMIN', app.slack.botUserId]);
      app.slack.reset();
      expect((await command(exporter, channel, '/learnloop', `export ${scope}`)).text).toContain('zip');
      const upload = await app.slack.waitFor(() => app.slack.uploads[0]);
      const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(upload.bytes))).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
      const csv = Object.values(files).join('\n');
      const viewer = personViewer(exporter, [ALICE, 'U0MEMBERADMIN'].includes(exporter) ? [PRIVATE] : []);
      expectSurfaceRespectsAudiences(`${scope} export by ${exporter}`, viewer, csv);
      const pulse = files['pulse-results.csv'] ?? '';
      expect(pulse).toContain('average,spread');
      // No comment and no person ever: aggregates per pulse and statement.
      for (const token of ['tokpulsepubcomment', 'tokpulseprivcomment', ...PEOPLE]) expect(pulse).not.toContain(token);
      expect(pulse.includes(PRIVATE)).toBe(viewer.privateChannelIds.includes(PRIVATE) && (scope === 'workspace' || channel === PRIVATE));
      expect(pulse.includes(PUBLIC)).toBe(scope === 'workspace' || channel === PUBLIC);
      app.slack.channelMembers.set(PRIVATE, [ALICE, BOB, app.slack.botUserId]);
    });

    it.each(PEOPLE)("the App Home of %s shows an open pulse only to the people it asked, and no item", async (viewerId) => {
      if ((await app.db.selectFrom('pulseRun').select('id').where('teamId', '=', app.teamId).where('status', '=', 'open').execute()).length === 0) {
        expect((await command(ALICE, PRIVATE, '/learnloop', 'pulse now')).text).toContain('get one DM');
      }
      const open = await runIn(PRIVATE);
      const before = app.slack.callsTo('views.publish').length;
      await app.event({ type: 'app_home_opened', user: viewerId, channel: `D${viewerId}`, tab: 'home' });
      const publish = await app.slack.waitFor(() => app.slack.callsTo('views.publish').slice(before).find((c) => c.params.user_id === viewerId));
      const rendered = surfaceText(publish.params);
      expectSurfaceRespectsAudiences(`Home of ${viewerId} with an open pulse`, personViewer(viewerId, viewerId === ALICE || viewerId === BOB ? [PRIVATE] : []), rendered);
      expect(rendered.includes(`pulse_home_${open}`)).toBe(viewerId === ALICE || viewerId === BOB);
    });
  });
});
