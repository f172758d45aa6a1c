import { sql } from 'kysely';
import { countFeedbackSentSince, insertFeedback } from '../../../src/features/feedback/queries';
import { createTestDatabase, databaseKind } from '../../support/test-db';

const TEAM = 'T0LIMIT';

describe(`the daily feedback limit in the database (${databaseKind()} PostgreSQL)`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('lets only one of many sends at the same instant take the last place', async () => {
    const since = new Date(Date.now() - 3_600_000);
    const limit = { since, max: 5 };
    const send = (n: number) =>
      insertFeedback(handle.db, { teamId: TEAM, senderId: 'U0DAVE', recipientId: 'U0BOB', situation: null, behaviour: null, impact: null, text: `note ${n}`, contextPermalink: null }, new Date(), limit);
    for (let n = 0; n < 4; n++) expect(await send(n)).toMatchObject({ senderId: 'U0DAVE', text: `note ${n}` });

    // Open the pool's connections first, so the six sends really run side by side.
    await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.05)`.execute(handle.db)));
    const racing = await Promise.all(Array.from({ length: 6 }, (_, n) => send(10 + n)));
    expect(racing.filter((row) => row !== undefined)).toHaveLength(1);
    expect(await countFeedbackSentSince(handle.db, TEAM, 'U0DAVE', since)).toBe(5);
    const stored = await handle.db.selectFrom('feedback').select('id').where('teamId', '=', TEAM).execute();
    expect(stored).toHaveLength(5);
    // Another sender is not held back by Dave's limit.
    expect(await insertFeedback(handle.db, { teamId: TEAM, senderId: 'U0ERIN', recipientId: 'U0BOB', situation: null, behaviour: null, impact: null, text: 'hi', contextPermalink: null }, new Date(), limit)).toMatchObject({ senderId: 'U0ERIN', text: 'hi' });
  });
});
