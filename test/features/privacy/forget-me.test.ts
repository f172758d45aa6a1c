import type { Database } from '../../../src/platform/db/schema';
import { seedPostedPrompt } from '../../support/factories';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHANNEL = 'C0GENERAL';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const DAVE = 'U0DAVE';
const OTHER_TEAM = 'T0OTHERTEAM';

/** Each table with the column(s) naming who wrote a row. */
const AUTHOR_COLUMNS = {
  threadReply: ['userId'],
  learning: ['userId'],
  reflection: ['userId'],
  feedback: ['senderId'],
  feedbackSend: ['senderId'],
  mentoringPair: ['mentorId', 'menteeId'],
  checkIn: ['mentorId', 'menteeId'],
  scheduledDm: ['userId'],
  person: ['userId'],
  sessionAttendee: ['userId'],
  channelQuestion: ['createdBy'],
  commitment: ['ownerId'],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;

describe('/learnloop forget-me', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  async function seedPerson(teamId: string, user: string, partner: string, n: number): Promise<void> {
    const db = app.db;
    const ts = `17900000${String(n).padStart(2, '0')}.000100`;
    await seedPostedPrompt(db, teamId, CHANNEL, ts);
    const thread = await db.selectFrom('trackedThread').select('id').where('teamId', '=', teamId).where('threadTs', '=', ts).executeTakeFirstOrThrow();
    await db
      .insertInto('threadReply')
      .values([
        { teamId, threadId: thread.id, channelId: CHANNEL, userId: user, text: `${user} public`, ts: `${ts.slice(0, 10)}.000200`, visibility: 'public' },
        { teamId, threadId: thread.id, channelId: CHANNEL, userId: user, text: `${user} private`, ts: null, visibility: 'private' },
      ])
      .execute();
    const learning = await db.insertInto('learning').values({ teamId, userId: user, text: `${user} learned`, visibility: 'private' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('learning').values({ teamId, userId: user, text: `${user} learned anonymously`, anonymous: true }).execute();
    const review = await db
      .insertInto('review')
      .values({ teamId, channelId: CHANNEL, title: `Review by ${partner}`, link: null, startedBy: partner, facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: null, messageTs: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('reflection').values({ teamId, reviewId: review.id, userId: user, expected: 'x', actual: 'y', whyDifference: null, nextTime: null }).execute();
    const sent = await db.insertInto('feedback').values([{ teamId, senderId: user, recipientId: partner, text: `from ${user}`, savedLearningId: null }]).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('feedbackSend').values({ teamId, senderId: user, feedbackId: sent.id }).execute();
    await db.insertInto('commitment').values({ teamId, reviewId: review.id, ownerId: user, text: `${user} commits`, dueDate: '2026-12-01', createdBy: partner, doneLearningId: learning.id }).execute();
    const pair = await db.insertInto('mentoringPair').values({ teamId, mentorId: user, menteeId: partner, status: 'active', requestedBy: partner }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('checkIn').values({ teamId, pairId: pair.id, mentorId: user, menteeId: partner, mentorLearned: 'm', menteeLearned: 'n', menteeReflection: 'r', heldAt: new Date() }).execute();
    await db.insertInto('scheduledDm').values({ teamId, userId: user, kind: 'prompt_nudge', dedupeKey: `k-${user}-${n}`, payload: JSON.stringify({}), dueAt: new Date() }).execute();
    await db.insertInto('person').values({ teamId, userId: user, timeZone: 'Europe/Berlin', mutedUntil: null }).execute();
    const session = await db
      .insertInto('learningSession')
      .values({ teamId, channelId: CHANNEL, topic: 'Kysely', description: null, organiserId: partner, leaderId: partner, backupLeaderId: user, startsAt: new Date(), lengthMinutes: 30, timeZone: 'UTC' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('sessionAttendee').values([{ teamId, sessionId: session.id, userId: user }]).execute();
    await db.insertInto('channelQuestion').values({ teamId, channelId: CHANNEL, text: `${user} asks`, createdBy: user }).execute();
  }

  const rowsOf = async (table: keyof typeof AUTHOR_COLUMNS, teamId: string, user: string): Promise<number> => {
    const columns = AUTHOR_COLUMNS[table] as readonly string[];
    const result = await app.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('teamId', '=', teamId)
      .where((eb) => eb.or(columns.map((c) => eb(eb.ref(c as any), '=', user))))
      .executeTakeFirstOrThrow();
    return Number(result.n);
  };

  it('opens a confirmation form, then deletes every row Alice wrote and nothing of anyone else', async () => {
    await seedPerson(app.teamId, ALICE, BOB, 1);
    await seedPerson(app.teamId, CAROL, DAVE, 2);
    await seedPerson(OTHER_TEAM, ALICE, BOB, 3);
    // Bob mentors Alice: Alice's reflection is nulled, the pairing goes with her.
    const pair = await app.db.insertInto('mentoringPair').values({ teamId: app.teamId, mentorId: BOB, menteeId: ALICE, status: 'ended', requestedBy: ALICE }).returning('id').executeTakeFirstOrThrow();
    await app.db.insertInto('checkIn').values({ teamId: app.teamId, pairId: pair.id, mentorId: BOB, menteeId: ALICE, mentorLearned: null, menteeLearned: 'b', menteeReflection: 'alice reflects', heldAt: new Date() }).execute();
    for (const table of Object.keys(AUTHOR_COLUMNS) as (keyof typeof AUTHOR_COLUMNS)[]) expect([table, await rowsOf(table, app.teamId, ALICE)]).not.toEqual([table, 0]);
    const feedbackToAlice = await app.db.insertInto('feedback').values({ teamId: app.teamId, senderId: DAVE, recipientId: ALICE, text: 'kept: it is Dave’s' }).returning('id').executeTakeFirstOrThrow();
    // Dave learned something from Alice: his learning stays, her name comes off it (not in the other workspace).
    const creditsAlice = (teamId: string) => app.db.insertInto('learning').values({ teamId, userId: DAVE, text: 'Pairing beats review', creditedUserId: ALICE }).returning('id').executeTakeFirstOrThrow();
    const davesLearning = await creditsAlice(app.teamId);
    const elsewhere = await creditsAlice(OTHER_TEAM);

    const response = await app.command('/learnloop', 'forget-me', { user_id: ALICE, response_url: app.slack.responseUrl('forget-1'), trigger_id: 'trigger-forget-1' });
    expect(response.status).toBe(200);
    const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    expect(open.params.trigger_id).toBe('trigger-forget-1');
    const view = typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
    expect(view.callback_id).toBe('privacy_forget_me');
    const summary = view.blocks.find((b: any) => b.block_id === 'privacy_forget_me_summary').text.text;
    for (const word of ['replies', 'learnings', 'reflections', 'feedback you sent', 'mentoring pairings', 'commitments']) expect(summary).toContain(word);
    // Nothing is deleted before the form is submitted.
    expect(await rowsOf('learning', app.teamId, ALICE)).toBe(2);

    const submitted = await app.interaction({
      type: 'view_submission',
      user: { id: ALICE, team_id: app.teamId },
      view: { id: 'V1', callback_id: 'privacy_forget_me', private_metadata: view.private_metadata, state: { values: {} } },
    });
    expect(submitted.status).toBe(200);
    const answer = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/forget-1')?.body);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe(
      "Done: Learnloop has forgotten you in this workspace. Deleted 2 replies, 2 learnings, 1 reflection, 1 feedback sent, 2 check-in notes, 2 check-ins, 2 mentoring pairings, 1 commitment, 1 session sign-up, 1 channel question, 1 queued DM, 1 settings record. Your name was taken off 1 teammate's learning that credited you. Your name was also taken off 2 other records that others keep.",
    );

    for (const table of Object.keys(AUTHOR_COLUMNS) as (keyof typeof AUTHOR_COLUMNS)[]) {
      expect([table, await rowsOf(table, app.teamId, ALICE)]).toEqual([table, 0]);
      // Carol and Dave, and Alice in another workspace, keep everything.
      expect([table, await rowsOf(table, app.teamId, CAROL)]).not.toEqual([table, 0]);
      expect([table, await rowsOf(table, OTHER_TEAM, ALICE)]).not.toEqual([table, 0]);
    }
    expect(await app.db.selectFrom('feedback').select('id').where('id', '=', feedbackToAlice.id).executeTakeFirst()).toEqual({ id: feedbackToAlice.id });
    expect(await app.db.selectFrom('learning').select(['text', 'creditedUserId']).where('id', '=', davesLearning.id).executeTakeFirst()).toEqual({ text: 'Pairing beats review', creditedUserId: null });
    expect(await app.db.selectFrom('learning').select('creditedUserId').where('id', '=', elsewhere.id).executeTakeFirst()).toEqual({ creditedUserId: ALICE });
    // What others started stays: Bob's review, the session he leads, the prompts.
    expect(await app.db.selectFrom('review').select('id').where('teamId', '=', app.teamId).where('startedBy', '=', BOB).execute()).toHaveLength(1);
    expect(await app.db.selectFrom('learningSession').select('id').where('teamId', '=', app.teamId).where('leaderId', '=', BOB).execute()).toHaveLength(1);
    expect(await app.db.selectFrom('prompt').select('id').where('teamId', '=', app.teamId).execute()).toHaveLength(2);
  });
});
