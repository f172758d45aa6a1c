import { insertLearning, type NewLearning } from '../../../src/features/learnings/queries';
import { parseLearningsFilter } from '../../../src/features/learnings/commands/learnings';
import { parseSearchQuery } from '../../../src/features/learnings/commands/search';
import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { blockById } from '../../support/blocks';

const Z = '\u200B';
const CHANNEL = 'C0TEAM';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const OTHER_TEAM = 'T0OTHER';

const results = (reply: { blocks?: any[] }): string[] =>
  (reply.blocks ?? []).filter((b: any) => String(b.block_id).startsWith('learning_search_result_')).map((b: any) => b.text.text as string);
const moreButton = (reply: { blocks?: any[] }): any => blockById(reply.blocks, 'learning_search_more_block')?.elements?.[0];

describe('parsing search and list arguments', () => {
  it.each([
    ['code review', { words: 'code review', tags: [] }],
    ['"feature flags" #Release', { words: '"feature flags"', tags: ['release'] }],
    ['#reviews pairing #reviews, -bugs', { words: 'pairing , -bugs', tags: ['reviews'] }],
    ['<#C0REVIEWS|reviews> pairing', { words: 'pairing', tags: ['reviews'] }],
    ['C# tips', { words: 'C# tips', tags: [] }],
    ['# alone', { words: '# alone', tags: [] }],
    ['#🎉 launch', { words: 'launch', tags: ['🎉'] }],
    ['#:tada: launch', { words: 'launch', tags: [':tada:'] }],
    ['#reviews: pairing', { words: ': pairing', tags: ['reviews'] }],
  ])('%p → %p', (text, expected) => {
    expect(parseSearchQuery(text)).toEqual(expected);
  });

  it.each([
    [[], { authorId: ALICE }],
    [['me'], { authorId: ALICE }],
    [['<@U0BOB|bob>'], { authorId: BOB }],
    [['<@U0BOB>'], { authorId: BOB }],
    [['#Reviews'], { tag: 'reviews' }],
    [['<#C0REVIEWS|reviews>'], { tag: 'reviews' }],
    [['bob'], null],
    [['#'], null],
    [['<@U0BOB>', '#x'], null],
  ])('learnings %p → %p', (args, expected) => {
    expect(parseLearningsFilter(args, ALICE)).toEqual(expected);
  });
});

describe('/learnloop search and /learnloop learnings', () => {
  let app: TestApp;
  let counter = 0;
  const ids: Record<string, number> = {};

  const learning = (over: Partial<NewLearning>): NewLearning => ({ teamId: app.teamId, userId: ALICE, text: 'x', tags: [], link: null, visibility: 'team', source: 'experience', ...over });

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.db;
    ids.small = (await insertLearning(db, learning({ text: 'Small pull requests get reviewed faster', tags: ['reviews'], link: 'https://example.com/small-prs' }))).id;
    ids.pairing = (await insertLearning(db, learning({ userId: BOB, text: 'Pairing on code review spreads knowledge', tags: ['reviews', 'pairing'] }))).id;
    ids.flags = (await insertLearning(db, learning({ text: 'Feature flags let us release safely', tags: ['release'] }))).id;
    ids.private = (await insertLearning(db, learning({ userId: BOB, text: 'My private note on code review anxiety', visibility: 'private' }))).id;
    ids.loud = (await insertLearning(db, learning({ userId: CAROL, text: '<!channel> review checklists catch bugs @here' }))).id;
    await insertLearning(db, learning({ teamId: OTHER_TEAM, text: 'Other workspace code review secrets', tags: ['reviews'] }));
    await insertLearning(db, learning({ teamId: OTHER_TEAM, userId: ALICE, text: 'Zebra crossing tenant canary' }));
    // Same words, different ages: the newer one ranks first.
    for (const [text, createdAt] of [['Timeboxed retro recency older', '2026-01-01T10:00:00Z'], ['Timeboxed retro recency newer', '2026-06-01T10:00:00Z']] as const) {
      await db.insertInto('learning').values({ teamId: app.teamId, userId: ALICE, text, tags: [], link: null, visibility: 'team', source: 'experience', createdAt: new Date(createdAt) }).execute();
    }
    for (let i = 1; i <= 23; i++) await insertLearning(db, learning({ text: `Paging learning number ${i} about pagination`, tags: ['paging'] }));

    const promptId = await seedPostedPrompt(db, app.teamId, CHANNEL, '1790000000.000100');
    const thread = await db.selectFrom('trackedThread').select('id').where('subjectId', '=', promptId).executeTakeFirstOrThrow();
    await db.insertInto('threadReply').values({ teamId: app.teamId, threadId: thread.id, channelId: CHANNEL, userId: CAROL, text: 'Code review checklists reduced our bugs', ts: '1790000001.000100', permalink: `https://acme.slack.com/archives/${CHANNEL}/p1790000001000100` }).execute();
    await db.insertInto('threadReply').values({ teamId: app.teamId, threadId: thread.id, channelId: CHANNEL, userId: CAROL, text: 'Private thoughts on code review', ts: null, permalink: null, visibility: 'private' }).execute();
  });
  afterAll(async () => {
    await app.stop();
  });

  /** `/learnloop TEXT`; resolves with the ephemeral reply sent to the response_url. */
  async function run(text: string, user = ALICE): Promise<{ text: string; blocks?: any[]; responseId: string }> {
    const responseId = `search-${++counter}`;
    const response = await app.command('/learnloop', text, { user_id: user, channel_id: CHANNEL, response_url: app.slack.responseUrl(responseId) });
    expect(response.status).toBe(200);
    const reply = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body);
    expect(reply.response_type).toBe('ephemeral');
    return { ...(reply as { text: string; blocks?: any[] }), responseId };
  }

  async function press(user: string, action: { action_id: string; value: string }): Promise<any> {
    const responseId = `press-${++counter}`;
    await app.interaction({
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), team_id: app.teamId },
      trigger_id: `trigger-${responseId}`,
      response_url: app.slack.responseUrl(responseId),
      channel: { id: CHANNEL, name: 'team' },
      container: { type: 'message', message_ts: '1790000000.000900', channel_id: CHANNEL, is_ephemeral: true },
      actions: [{ type: 'button', block_id: 'x', action_ts: '1', ...action }],
    });
    return app.slack.waitFor(() => app.slack.responses.find((r) => r.path === `/response/${responseId}`)?.body);
  }

  describe('search', () => {
    it('finds learnings and public prompt replies with author, date, tags and a link back', async () => {
      const reply = await run('search code review');
      expect(textOf(blockById(reply.blocks, 'learning_search'))).toContain('Results 1–');
      const hits = results(reply);
      const pairing = hits.find((h) => h.includes('Pairing on code review spreads knowledge'));
      expect(pairing).toContain(`<@${BOB}>`);
      expect(pairing).toContain('#reviews #pairing');
      expect(pairing).toMatch(/<!date\^\d+\^\{date_short\}\|\d{4}-\d{2}-\d{2}>/);
      const replyHit = hits.find((h) => h.includes('Code review checklists reduced our bugs'));
      expect(replyHit).toContain(`<https://acme.slack.com/archives/${CHANNEL}/p1790000001000100|view in thread>`);
      expect(replyHit).toContain('*Prompt reply*');
      expect(hits.join('\n')).not.toContain('Private thoughts');
    });

    it('links a learning to its link', async () => {
      const [hit] = results(await run('search small pull requests'));
      expect(hit).toContain('<https://example.com/small-prs|link>');
    });

    it('supports quotes, OR and -exclusion', async () => {
      expect(results(await run('search "feature flags"')).map(firstLine)).toEqual(['>Feature flags let us release safely']);
      expect(results(await run('search flags OR pairing')).map(firstLine).sort()).toEqual(['>Feature flags let us release safely', '>Pairing on code review spreads knowledge']);
      expect(results(await run('search review -pairing')).join('\n')).not.toContain('Pairing on code review');
    });

    it('turns #tag words into tag filters', async () => {
      expect(results(await run('search #reviews')).map(firstLine).sort()).toEqual(['>Pairing on code review spreads knowledge', '>Small pull requests get reviewed faster']);
      expect(results(await run('search pairing #Reviews')).map(firstLine)).toEqual(['>Pairing on code review spreads knowledge']);
      // A #word that names a channel arrives as a channel link (should_escape).
      expect(results(await run('search <#C0REVIEWS|reviews> small')).map(firstLine)).toEqual(['>Small pull requests get reviewed faster']);
    });

    it('ranks equally relevant results newest first', async () => {
      expect(results(await run('search timeboxed retro recency')).map(firstLine)).toEqual(['>Timeboxed retro recency newer', '>Timeboxed retro recency older']);
    });

    it('shows a private learning to its author only, marked as such', async () => {
      const asBob = results(await run('search anxiety', BOB));
      expect(asBob).toHaveLength(1);
      expect(asBob[0]).toContain(':lock: only you');
      expect((await run('search anxiety', ALICE)).text).toContain('Nothing found');
    });

    it('never shows another workspace’s learnings, even to a user id that wrote one there', async () => {
      expect(results(await run('search code review')).join('\n')).not.toContain('Other workspace');
      expect(results(await run('search #reviews')).join('\n')).not.toContain('Other workspace');
      const canary = await run('search zebra crossing canary');
      expect(results(canary)).toEqual([]);
      expect(canary.text).toContain('Nothing found');
    });

    it('makes mentions in results harmless', async () => {
      const [hit] = results(await run('search checklists catch'));
      expect(hit).not.toContain('<!channel>');
      expect(hit).toContain(`@${Z}channel`);
      expect(hit).toContain(`@${Z}here`);
    });

    it('pages 10 at a time with More, replacing the results', async () => {
      const first = await run('search pagination #paging');
      expect(results(first)).toHaveLength(10);
      expect((first.blocks ?? []).map((b: any) => b.block_id).filter((id: string) => id?.startsWith('learning_search_result_'))).toEqual(Array.from({ length: 10 }, (_, i) => `learning_search_result_${i + 1}`));
      const more = moreButton(first);
      expect(more.action_id).toBe('learning_search_more');
      expect(JSON.parse(more.value)).toEqual({ q: 'pagination #paging', o: 10 });

      const second = await press(ALICE, more);
      expect(second.replace_original).toBe(true);
      expect(results(second)).toHaveLength(10);
      expect((second.blocks ?? []).map((b: any) => b.block_id).filter((id: string) => id?.startsWith('learning_search_result_'))).toEqual(Array.from({ length: 10 }, (_, i) => `learning_search_result_${i + 11}`));
      expect(textOf(blockById(second.blocks, 'learning_search'))).toContain('Results 11–20');

      const third = await press(ALICE, moreButton(second));
      expect(results(third)).toHaveLength(3);
      expect(moreButton(third)).toBeUndefined();
      const all = [...results(first), ...results(second), ...results(third)].map(firstLine);
      expect(new Set(all).size).toBe(23);
    });

    it('answers an empty search with a one-line usage and an example', async () => {
      const reply = await run('search   ');
      expect(reply.text).toContain('/learnloop search "code review" #reviews');
      expect(reply.blocks).toBeUndefined();
    });

    it('says when nothing matches and suggests /learned', async () => {
      const reply = await run('search quantum basketweaving');
      expect(reply.text).toContain('Nothing found for “quantum basketweaving”');
      expect(reply.text).toContain('`/learned`');
    });
  });

  describe('learnings', () => {
    it('lists my own learnings, newest first, each with a Delete button', async () => {
      const reply = await run('learnings');
      expect(textOf(blockById(reply.blocks, 'learning_list'))).toContain('Your recent learnings');
      const items = (reply.blocks ?? []).filter((b: any) => String(b.block_id).startsWith('learning_item_'));
      expect(items).toHaveLength(10);
      for (const item of items) expect(item.accessory.action_id).toBe('learning_delete');
      expect(items[0].text.text).toContain('Paging learning number 23');
    });

    it('lists a teammate’s learnings they may see, without Delete buttons', async () => {
      const reply = await run('learnings <@U0BOB|bob>');
      const items = (reply.blocks ?? []).filter((b: any) => String(b.block_id).startsWith('learning_item_'));
      expect(items.map((b: any) => firstLine(b.text.text))).toEqual(['>Pairing on code review spreads knowledge']);
      expect(items[0].accessory).toBeUndefined();
    });

    it('lists a tag’s learnings', async () => {
      const reply = await run('learnings #Reviews');
      expect(textOf(blockById(reply.blocks, 'learning_list'))).toContain('Recent learnings tagged #reviews');
      expect(blockById(reply.blocks, `learning_item_${ids.small}`).accessory.action_id).toBe('learning_delete');
      expect(blockById(reply.blocks, `learning_item_${ids.pairing}`).accessory).toBeUndefined();
    });

    it('explains the arguments when they are not a person or a tag', async () => {
      expect((await run('learnings bob')).text).toContain('/learnloop learnings @person');
      expect((await run('learnings #nosuchtag')).text).toBe('No learnings tagged #nosuchtag that you can see yet.');
    });

    it('deletes one of mine from the list and redraws it; nobody else can', async () => {
      const own = await insertLearning(app.db, learning({ text: 'Delete me from the list', tags: ['deletable'] }));
      const list = await run('learnings #deletable');
      const button = blockById(list.blocks, `learning_item_${own.id}`).accessory;
      expect(button.confirm).toMatchObject({ title: { type: 'plain_text' }, confirm: { type: 'plain_text' }, deny: { type: 'plain_text' } });

      const refused = await press(BOB, button);
      expect(refused.text).toBe(`Only <@${ALICE}>, who wrote this learning, can delete it.`);
      expect(await app.db.selectFrom('learning').select('id').where('id', '=', own.id).executeTakeFirst()).toEqual({ id: own.id });

      const redrawn = await press(ALICE, button);
      expect(redrawn.replace_original).toBe(true);
      expect(blockById(redrawn.blocks, `learning_item_${own.id}`)).toBeUndefined();
      expect(redrawn.blocks[0].elements[0].text).toBe('Deleted one learning.');
      expect(await app.db.selectFrom('learning').select('id').where('id', '=', own.id).executeTakeFirst()).toBeUndefined();
    });
  });
});

function textOf(block: any): string {
  return block?.text?.text ?? '';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
