import { deleteLearning, insertLearning } from '../../../src/features/learnings/queries';
import { createTestDatabase, databaseKind } from '../../support/test-db';

const TEAM = 'T0REFS';

describe(`what points at a learning (${databaseKind()} PostgreSQL)`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('is cleared when the learning is deleted, and nothing else changes', async () => {
    const db = handle.db;
    const learning = await insertLearning(db, { teamId: TEAM, userId: 'U0ALICE', text: 'Ask earlier', tags: [], link: null, visibility: 'private', source: 'colleague' });
    const other = await insertLearning(db, { teamId: TEAM, userId: 'U0ALICE', text: 'Kept', tags: [], link: null, visibility: 'private', source: 'colleague' });
    const feedback = await db.insertInto('feedback').values({ teamId: TEAM, senderId: 'U0BOB', recipientId: 'U0ALICE', text: 'Ask earlier next time', savedLearningId: learning.id }).returning('id').executeTakeFirstOrThrow();
    const kept = await db.insertInto('feedback').values({ teamId: TEAM, senderId: 'U0BOB', recipientId: 'U0ALICE', text: 'Nice demo', savedLearningId: other.id }).returning('id').executeTakeFirstOrThrow();
    const review = await db
      .insertInto('review')
      .values({ teamId: TEAM, channelId: 'C1', title: 'R', link: null, startedBy: 'U0ALICE', facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: null, messageTs: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const commitment = await db
      .insertInto('commitment')
      .values({ teamId: TEAM, reviewId: review.id, ownerId: 'U0ALICE', text: 'Ask earlier', dueDate: '2026-12-01', createdBy: 'U0ALICE', doneLearningId: learning.id })
      .returning('id')
      .executeTakeFirstOrThrow();

    expect(await deleteLearning(db, TEAM, learning.id, 'U0ALICE')).toMatchObject({ id: learning.id });
    expect(await db.selectFrom('learning').select('id').where('id', '=', learning.id).executeTakeFirst()).toBeUndefined();

    const savedIds = await db.selectFrom('feedback').select(['id', 'savedLearningId', 'text']).where('teamId', '=', TEAM).orderBy('id').execute();
    expect(savedIds).toEqual([
      { id: feedback.id, savedLearningId: null, text: 'Ask earlier next time' },
      { id: kept.id, savedLearningId: other.id, text: 'Nice demo' },
    ]);
    expect(await db.selectFrom('commitment').select(['doneLearningId', 'text']).where('id', '=', commitment.id).executeTakeFirst()).toEqual({ doneLearningId: null, text: 'Ask earlier' });
  });
});
