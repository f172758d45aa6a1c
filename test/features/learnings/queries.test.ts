import { deleteLearning, insertLearning, listRecentLearnings, searchKnowledge, type NewLearning } from '../../../src/features/learnings/queries';
import { seedPostedPrompt } from '../../support/factories';
import { createTestDatabase, databaseKind } from '../../support/test-db';
import { personViewer } from '../../../src/platform/audience/rules';

const TEAM = 'T0SEARCH';
const OTHER_TEAM = 'T0OTHER';

describe(`knowledge base search (${databaseKind()} PostgreSQL)`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  const learning = (over: Partial<NewLearning>): NewLearning => ({ teamId: TEAM, userId: 'U0ALICE', text: 'x', tags: [], link: null, visibility: 'team', source: 'experience', ...over });
  const search = (viewer: string, words: string, tags: string[] = [], team = TEAM) => searchKnowledge(handle.db, team, personViewer(viewer, []), { words, tags, limit: 10, offset: 0 });

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    await insertLearning(db, learning({ text: 'Small pull requests get reviewed faster', tags: ['reviews'] }));
    await insertLearning(db, learning({ text: 'Pairing on code review spreads knowledge', tags: ['reviews', 'pairing'] }));
    await insertLearning(db, learning({ text: 'Feature flags let us release safely', tags: ['release'] }));
    await insertLearning(db, learning({ userId: 'U0BOB', text: 'My private note on code review anxiety', visibility: 'private' }));
    await insertLearning(db, learning({ teamId: OTHER_TEAM, text: 'Other team learned code review too' }));
    const promptId = await seedPostedPrompt(db, TEAM, 'C0TEAM', '1790000000.000100');
    const thread = await db.selectFrom('trackedThread').select('id').where('subjectId', '=', promptId).executeTakeFirstOrThrow();
    await db.insertInto('threadReply').values({ teamId: TEAM, threadId: thread.id, channelId: 'C0TEAM', userId: 'U0CAROL', text: 'Code review checklists reduced our bugs', ts: '1790000001.000100', permalink: 'https://acme.slack.com/archives/C0TEAM/p1790000001000100' }).execute();
    await db.insertInto('threadReply').values({ teamId: TEAM, threadId: thread.id, channelId: 'C0TEAM', userId: 'U0CAROL', text: 'Private thoughts on code review', ts: null, permalink: null, visibility: 'private' }).execute();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('finds learnings and public prompt replies, best match first', async () => {
    // The better match is the older one (and the lower id): only ranking by relevance puts it first.
    const heavy = 'Code review etiquette: a code review is a conversation, so end every code review with a question';
    const light = 'We rotate who leads the code review each sprint';
    await handle.db.insertInto('learning').values({ ...learning({ text: heavy }), createdAt: new Date('2025-01-06T10:00:00Z') }).execute();
    await handle.db.insertInto('learning').values({ ...learning({ text: light }), createdAt: new Date('2026-06-01T10:00:00Z') }).execute();

    const hits = await search('U0ALICE', 'code review');
    const texts = hits.map((h) => h.text);
    expect(texts).toEqual(expect.arrayContaining(['Pairing on code review spreads knowledge', 'Code review checklists reduced our bugs', heavy, light]));
    expect(texts[0]).toBe(heavy);
    expect(texts.indexOf(heavy)).toBeLessThan(texts.indexOf(light));
    expect(hits[0]!.rank).toBeGreaterThan(hits.find((h) => h.text === light)!.rank);
    expect(hits.find((h) => h.kind === 'reply')?.permalink).toContain('p1790000001000100');
  });

  it('supports quotes, OR and -exclusion', async () => {
    expect((await search('U0ALICE', '"feature flags"')).map((h) => h.text)).toEqual(['Feature flags let us release safely']);
    expect((await search('U0ALICE', 'flags OR pairing')).map((h) => h.text).sort()).toEqual(['Feature flags let us release safely', 'Pairing on code review spreads knowledge']);
    expect((await search('U0ALICE', 'review -pairing')).map((h) => h.text)).not.toContain('Pairing on code review spreads knowledge');
  });

  it('matches a quoted phrase only where its words are adjacent, in learnings and replies alike', async () => {
    const db = handle.db;
    const promptId = await seedPostedPrompt(db, TEAM, 'C0PHRASE', '1790000100.000100');
    const thread = await db.selectFrom('trackedThread').select('id').where('subjectId', '=', promptId).executeTakeFirstOrThrow();
    const reply = (text: string, n: number) =>
      db.insertInto('threadReply').values({ teamId: TEAM, threadId: thread.id, channelId: 'C0PHRASE', userId: 'U0DAVE', text, ts: `1790000101.00010${n}`, permalink: null }).execute();
    await reply('Our pull request template asks for a test plan', 1);
    await reply('Pull the request through review, and template later', 2);
    await insertLearning(db, learning({ text: 'A pull-request template saves review time' }));
    await insertLearning(db, learning({ text: 'Template the request, then pull' }));

    const texts = async (words: string) => (await search('U0ALICE', words)).map((h) => h.text).sort();
    // Stemmed and hyphen-split like the text: "pull requests" matches "pull request" and "pull-request".
    expect(await texts('"pull request template"')).toEqual(['A pull-request template saves review time', 'Our pull request template asks for a test plan']);
    expect(await texts('"pull requests" "test plan"')).toEqual(['Our pull request template asks for a test plan']);
    // A phrase beside OR or NOT: no pair is required, the phrase is still exact.
    expect(await texts('"request template" OR "template later"')).toEqual([
      'A pull-request template saves review time',
      'Our pull request template asks for a test plan',
      'Pull the request through review, and template later',
    ]);
    expect(await texts('"pull request" -plan')).toEqual(['A pull-request template saves review time', 'Small pull requests get reviewed faster']);
    // A stop word inside the quotes leaves a gap, matched as such.
    expect(await texts('"pull the request"')).toEqual(['Pull the request through review, and template later']);
  });

  it('filters by tag', async () => {
    expect((await search('U0ALICE', '', ['reviews'])).map((h) => h.text).sort()).toEqual(['Pairing on code review spreads knowledge', 'Small pull requests get reviewed faster']);
    expect((await search('U0ALICE', 'pairing', ['reviews'])).map((h) => h.text)).toEqual(['Pairing on code review spreads knowledge']);
  });

  it('shows a private learning to its author only, and never private replies or another team', async () => {
    expect((await search('U0BOB', 'anxiety')).map((h) => h.text)).toEqual(['My private note on code review anxiety']);
    expect(await search('U0ALICE', 'anxiety')).toEqual([]);
    expect((await search('U0CAROL', 'thoughts')).map((h) => h.text)).toEqual([]);
    expect((await search('U0ALICE', 'code review')).map((h) => h.text)).not.toContain('Other team learned code review too');
  });

  it('lists recent learnings by author or tag, and deletes only the author’s own', async () => {
    const mine = await listRecentLearnings(handle.db, TEAM, personViewer('U0ALICE', []), { tag: 'reviews' });
    expect(mine).toHaveLength(2);
    expect(await deleteLearning(handle.db, TEAM, mine[0]!.id, 'U0BOB')).toBeUndefined();
    expect(await deleteLearning(handle.db, TEAM, mine[0]!.id, 'U0ALICE')).toMatchObject({ id: mine[0]!.id, userId: 'U0ALICE' });
    expect(await listRecentLearnings(handle.db, TEAM, personViewer('U0ALICE', []), { tag: 'reviews' })).toHaveLength(1);
  });
});
