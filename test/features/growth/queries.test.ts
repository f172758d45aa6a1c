import { insertCompetency, listCompetencyFigures, recordPick } from '../../../src/features/growth/queries';
import { daysToCompetency } from '../../../src/features/growth/rules';
import { createTestDatabase, databaseKind } from '../../support/test-db';

const TEAM = 'T0GROWTH';
const OTHER_TEAM = 'T0OTHER';
const MONTH = new Date('2026-12-01T00:00:00Z');

describe(`the team map's figures (${databaseKind()} PostgreSQL)`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  async function competency(teamId: string, name: string, tags: string[]): Promise<number> {
    return (await insertCompetency(handle.db, { teamId, name, description: null, tags, createdBy: 'U0ADMIN' }))!.id;
  }

  it('counts days to a confirmed level in the goal’s zone exactly as daysToCompetency does', async () => {
    const id = await competency(TEAM, 'Giving feedback', ['feedback']);
    // Late evening to early morning, across both DST changes, far east and west of UTC, a start after the
    // confirmation (never negative), and a claim without a start (counted from the goal's creation).
    const goals: { startedAt: Date | null; createdAt: Date; confirmedAt: Date; timeZone: string }[] = [
      { startedAt: new Date('2026-03-28T22:30:00Z'), createdAt: new Date('2026-03-01T00:00:00Z'), confirmedAt: new Date('2026-03-29T01:30:00Z'), timeZone: 'Europe/Berlin' },
      { startedAt: new Date('2026-10-24T23:59:00Z'), createdAt: new Date('2026-10-01T00:00:00Z'), confirmedAt: new Date('2026-10-25T23:01:00Z'), timeZone: 'Europe/Berlin' },
      { startedAt: new Date('2026-03-08T07:59:00Z'), createdAt: new Date('2026-03-01T00:00:00Z'), confirmedAt: new Date('2026-11-01T08:00:00Z'), timeZone: 'America/Los_Angeles' },
      { startedAt: new Date('2026-01-01T14:59:00Z'), createdAt: new Date('2026-01-01T00:00:00Z'), confirmedAt: new Date('2026-01-01T15:00:00Z'), timeZone: 'Asia/Tokyo' },
      { startedAt: new Date('2026-04-04T13:00:00Z'), createdAt: new Date('2026-04-01T00:00:00Z'), confirmedAt: new Date('2026-04-05T14:30:00Z'), timeZone: 'Australia/Lord_Howe' },
      { startedAt: new Date('2026-06-10T12:00:00Z'), createdAt: new Date('2026-06-01T00:00:00Z'), confirmedAt: new Date('2026-06-09T12:00:00Z'), timeZone: 'UTC' },
      { startedAt: null, createdAt: new Date('2026-05-01T21:30:00Z'), confirmedAt: new Date('2026-07-15T22:30:00Z'), timeZone: 'Europe/London' },
    ];
    for (const [i, goal] of goals.entries()) {
      await handle.db
        .insertInto('growthGoal')
        .values({ teamId: TEAM, userId: `U0PERSON${i}`, competencyId: id, targetLevel: 2, dueDate: null, timeZone: goal.timeZone, status: 'confirmed', confirmerId: null, claimedAt: goal.confirmedAt, confirmedBy: 'U0MENTOR', confirmedAt: goal.confirmedAt, startedAt: goal.startedAt, createdAt: goal.createdAt })
        .execute();
    }
    // An open goal and another workspace's confirmation count for nothing.
    await handle.db.insertInto('growthGoal').values({ teamId: TEAM, userId: 'U0OPEN', competencyId: id, targetLevel: 1, dueDate: null, timeZone: 'UTC', confirmerId: null, claimedAt: null, confirmedBy: null, confirmedAt: null, startedAt: MONTH }).execute();
    const elsewhere = await competency(OTHER_TEAM, 'Giving feedback', ['feedback']);
    await handle.db
      .insertInto('growthGoal')
      .values({ teamId: OTHER_TEAM, userId: 'U0PERSON0', competencyId: elsewhere, targetLevel: 2, dueDate: null, timeZone: 'UTC', status: 'confirmed', confirmerId: null, claimedAt: MONTH, confirmedBy: 'U0MENTOR', confirmedAt: MONTH, startedAt: new Date('2025-01-01T00:00:00Z') })
      .execute();

    const figures = (await listCompetencyFigures(handle.db, TEAM, MONTH)).find((f) => f.competencyId === id)!;
    const expected = goals.map((goal) => daysToCompetency(goal.startedAt ?? goal.createdAt, goal.confirmedAt, goal.timeZone));
    expect([...figures.confirmationDays].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    expect(expected).toEqual([1, 1, 239, 1, 1, 0, 75]);
  });

  it('calls a competency a gap only while no workspace-visible learning carries one of its tags and nothing counted was picked for it', async () => {
    const used = await competency(TEAM, 'Testing', ['flaky', 'testing']);
    const hidden = await competency(TEAM, 'Hiring', ['hiring', 'interviews']);
    const picked = await competency(TEAM, 'Writing', []);
    const feedbackOnly = await competency(TEAM, 'Listening', []);
    const learning = (over: { teamId?: string; tags: string[]; visibility?: 'team' | 'private'; privateChannelId?: string | null; anonymous?: boolean; createdAt?: Date }) =>
      handle.db
        .insertInto('learning')
        .values({ teamId: TEAM, userId: 'U0ALICE', text: 'learned', link: null, visibility: 'team', privateChannelId: null, createdAt: new Date('2025-01-01T00:00:00Z'), ...over })
        .returning('id')
        .executeTakeFirstOrThrow();
    // Years ago, anonymous, and its second tag: still evidence.
    await learning({ tags: ['other', 'testing'], anonymous: true });
    // Only ever in private, in a private channel, or in another workspace: no evidence the whole team may see.
    await learning({ tags: ['hiring'], visibility: 'private' });
    await learning({ tags: ['interviews'], privateChannelId: 'C0PRIVATE' });
    await learning({ teamId: OTHER_TEAM, tags: ['hiring'] });
    const note = await learning({ tags: [] });
    await recordPick(handle.db, { teamId: TEAM, itemKind: 'learning', itemId: note.id, competencyId: picked, pickedBy: 'U0ALICE' });
    await recordPick(handle.db, { teamId: TEAM, itemKind: 'feedback', itemId: 1, competencyId: feedbackOnly, pickedBy: 'U0ALICE' });

    const figures = new Map((await listCompetencyFigures(handle.db, TEAM, MONTH)).map((f) => [f.competencyId, f.hasEvidence]));
    expect([figures.get(used), figures.get(hidden), figures.get(picked), figures.get(feedbackOnly)]).toEqual([true, false, true, false]);

    await learning({ tags: ['interviews'] });
    expect((await listCompetencyFigures(handle.db, TEAM, MONTH)).find((f) => f.competencyId === hidden)?.hasEvidence).toBe(true);
  });
});
