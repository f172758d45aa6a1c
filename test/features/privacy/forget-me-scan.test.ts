import { sql, type Kysely } from 'kysely';
import { FORGOTTEN_USER_ID, REMOVED_TEXT } from '../../../src/features/privacy/rules/forgotten';
import type { Db } from '../../../src/platform/db/connect';
import { startTestApp, type TestApp } from '../../support/test-app';

/*
 * After /learnloop forget-me, no row of the workspace may hold the person's user id or a word they wrote,
 * except the rows listed as kept for others. The tables and columns scanned come from information_schema,
 * so a table added later is scanned too; and the test fails until SEED puts a row in every table, so the
 * author of a new table has to say what forget-me does with it.
 */

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const CHANNEL = 'C0GENERAL';
const OTHER_TEAM = 'T0OTHERTEAM';
/** Every text Alice wrote starts with this; the scan looks for it in any case (search columns lowercase it). */
const HER_WORDS = 'FORGET-ME-TEXT';
/** The key of her anonymous pulse comment (pulse keys are random uuids). */
const PULSE_COMMENT_ID = '00000000-0000-4000-8000-00000000f001';

/** Tables that hold no workspace rows, so nothing a person wrote or is named in: not seeded, not scanned. */
const NOT_SEEDED: Record<string, string> = {
  kysely_migration: 'migration bookkeeping: the names of the migrations applied',
  oauth_state: 'OAuth states: random values kept 10 minutes, before any workspace is installed; they name nobody',
};

interface SeedContext {
  db: Db;
  teamId: string;
  /** One distinctive text Alice wrote. */
  text(): string;
  /** Ids of seeded rows by name, for later seeders and for the assertions. */
  ids: Record<string, number>;
}

/**
 * One seeder per table, in an order that satisfies foreign keys. Put Alice's user id in every column that
 * holds a user id and `s.text()` in every column she could have written. A new table needs its entry here.
 */
const SEED: Record<string, (s: SeedContext) => Promise<void>> = {
  async workspace({ db, teamId }) {
    await db.insertInto('workspace').values({ teamId, name: 'Acme', url: 'https://acme.slack.com/', botUserId: 'U0BOT', uninstalledAt: null }).onConflict((oc) => oc.column('teamId').doNothing()).execute();
  },
  async event_receipt({ db, teamId }) {
    await db.insertInto('eventReceipt').values({ teamId, eventId: 'Ev0001', eventType: 'message' }).execute();
  },
  async prompt_schedule({ db, teamId, ids }) {
    const cadence = JSON.stringify({ kind: 'daily', time: { hour: 9, minute: 0 } });
    const row = await db.insertInto('promptSchedule').values({ teamId, channelId: CHANNEL, createdBy: ALICE, cadence, timeZone: 'UTC', nextRunAt: new Date(Date.now() + 86_400_000) }).returning('id').executeTakeFirstOrThrow();
    ids.schedule = row.id;
  },
  async channel_question({ db, teamId, text, ids }) {
    const row = await db.insertInto('channelQuestion').values({ teamId, channelId: CHANNEL, text: text(), createdBy: ALICE }).returning('id').executeTakeFirstOrThrow();
    ids.question = row.id;
  },
  async prompt({ db, teamId, ids }) {
    const question = await db.selectFrom('channelQuestion').select('text').where('id', '=', ids.question!).executeTakeFirstOrThrow();
    const now = new Date();
    const row = await db
      .insertInto('prompt')
      .values({ teamId, scheduleId: ids.schedule!, channelId: CHANNEL, scheduledFor: now, status: 'posted', questionId: `c${ids.question}`, questionText: question.text, messageTs: '1790000000.000100', postedAt: now, requestedBy: ALICE })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.prompt = row.id;
  },
  async tracked_thread({ db, teamId, ids }) {
    const row = await db.insertInto('trackedThread').values({ teamId, channelId: CHANNEL, threadTs: '1790000000.000100', kind: 'prompt', subjectId: ids.prompt! }).returning('id').executeTakeFirstOrThrow();
    ids.thread = row.id;
  },
  async thread_reply({ db, teamId, text, ids }) {
    const threadId = ids.thread!;
    await db
      .insertInto('threadReply')
      .values([
        { teamId, threadId, channelId: CHANNEL, userId: ALICE, text: text(), ts: '1790000000.000200', permalink: `https://acme.slack.com/archives/${CHANNEL}/p1790000000000200`, visibility: 'public' },
        { teamId, threadId, channelId: CHANNEL, userId: ALICE, text: text(), ts: null, visibility: 'private' },
      ])
      .execute();
    const bob = await db.insertInto('threadReply').values({ teamId, threadId, channelId: CHANNEL, userId: BOB, text: `thanks <@${ALICE}|alice> for the pairing`, ts: '1790000000.000300' }).returning('id').executeTakeFirstOrThrow();
    ids.bobsReply = Number(bob.id);
  },
  async prompt_skip({ db, teamId, ids }) {
    const row = await db.insertInto('promptSkip').values({ teamId, channelId: CHANNEL, fromDate: '2026-12-24', toDate: '2026-12-31', createdBy: ALICE }).returning('id').executeTakeFirstOrThrow();
    ids.skip = row.id;
  },
  async person({ db, teamId }) {
    await db.insertInto('person').values({ teamId, userId: ALICE, timeZone: 'Europe/Berlin', mutedUntil: null }).execute();
  },
  async learning({ db, teamId, text, ids }) {
    await db.insertInto('learning').values({ teamId, userId: ALICE, text: text(), tags: [text().toLowerCase()], link: `https://example.com/${text()}`, visibility: 'private' }).execute();
    await db.insertInto('learning').values({ teamId, userId: ALICE, text: text(), anonymous: true, source: 'review', sourceKind: 'review', sourceId: 1, channelId: CHANNEL }).execute();
    // Bob saved Alice's message as his learning: his now, so it keeps her words but loses her name.
    const bobs = await db
      .insertInto('learning')
      .values({ teamId, userId: BOB, text: text(), source: 'message', creditedUserId: ALICE, sourcePermalink: `https://acme.slack.com/archives/${CHANNEL}/p1790000000000200` })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.bobsLearning = bobs.id;
  },
  async feedback({ db, teamId, text, ids }) {
    const sent = await db
      .insertInto('feedback')
      .values({ teamId, senderId: ALICE, recipientId: BOB, situation: text(), behaviour: text(), impact: text(), text: text(), contextPermalink: `https://example.com/${text()}`, status: 'delivered' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.feedbackSent = sent.id;
    const received = await db
      .insertInto('feedback')
      .values({ teamId, senderId: BOB, recipientId: ALICE, text: 'BOB-WORDS: your notes made the handover easy', status: 'delivered', thankedAt: new Date(), sharedWithMentorAt: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.feedbackReceived = received.id;
  },
  async feedback_send({ db, teamId, ids }) {
    await db.insertInto('feedbackSend').values({ teamId, senderId: ALICE, feedbackId: ids.feedbackSent! }).execute();
  },
  async review({ db, teamId, text, ids }) {
    const hers = await db
      .insertInto('review')
      .values({ teamId, channelId: CHANNEL, title: text(), link: `https://example.com/${text()}`, startedBy: ALICE, facilitatorId: ALICE, trigger: 'command', sourceTs: null, threadTs: null, messageTs: '1790000000.000400', closingBy: ALICE, closedBy: ALICE })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.hersReview = hers.id;
    const bobs = await db
      .insertInto('review')
      .values({ teamId, channelId: CHANNEL, title: 'BOB-WORDS: the release retro', link: null, startedBy: BOB, facilitatorId: ALICE, trigger: 'command', sourceTs: null, threadTs: null, messageTs: null, closingBy: ALICE, closedBy: ALICE })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.bobsReview = bobs.id;
  },
  async reflection({ db, teamId, text, ids }) {
    for (const reviewId of [ids.hersReview!, ids.bobsReview!]) {
      await db.insertInto('reflection').values({ teamId, reviewId, userId: ALICE, expected: text(), actual: text(), whyDifference: text(), nextTime: text() }).execute();
    }
    // Bob reflected in Alice's review: the review stays for him.
    const bobs = await db
      .insertInto('reflection')
      .values({ teamId, reviewId: ids.hersReview!, userId: BOB, expected: 'BOB-WORDS: a calm rollout', actual: `<@${ALICE}> caught the bug`, whyDifference: null, nextTime: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.bobsReflection = bobs.id;
  },
  async commitment({ db, teamId, text, ids }) {
    await db.insertInto('commitment').values({ teamId, reviewId: ids.hersReview!, ownerId: ALICE, text: text(), dueDate: '2026-12-01', createdBy: ALICE, droppedReason: text(), status: 'dropped' }).execute();
    // Alice wrote it for Bob: his to follow up, text included.
    const forBob = await db.insertInto('commitment').values({ teamId, reviewId: ids.hersReview!, ownerId: BOB, text: text(), dueDate: '2026-12-01', createdBy: ALICE }).returning('id').executeTakeFirstOrThrow();
    ids.commitmentForBob = forBob.id;
    const bobs = await db.insertInto('commitment').values({ teamId, reviewId: ids.hersReview!, ownerId: BOB, text: 'BOB-WORDS: write the runbook', dueDate: '2026-12-01', createdBy: BOB }).returning('id').executeTakeFirstOrThrow();
    ids.bobsCommitment = bobs.id;
  },
  async channel_setting({ db, teamId }) {
    await db.insertInto('channelSetting').values({ teamId, channelId: CHANNEL, reviewEmoji: 'bulb', updatedBy: ALICE }).execute();
  },
  async mentoring_pair({ db, teamId, text, ids }) {
    const hers = await db.insertInto('mentoringPair').values({ teamId, mentorId: BOB, menteeId: ALICE, status: 'active', requestedBy: ALICE, requestNote: text() }).returning('id').executeTakeFirstOrThrow();
    ids.hersPair = hers.id;
    // Alice, an admin, paired Bob with Carol.
    const made = await db.insertInto('mentoringPair').values({ teamId, mentorId: BOB, menteeId: CAROL, status: 'active', requestedBy: ALICE, requestNote: text() }).returning('id').executeTakeFirstOrThrow();
    ids.pairAliceMade = made.id;
  },
  async check_in({ db, teamId, text, ids }) {
    await db
      .insertInto('checkIn')
      .values({ teamId, pairId: ids.hersPair!, mentorId: BOB, menteeId: ALICE, mentorLearned: 'BOB-WORDS', menteeLearned: text(), menteeReflection: text(), menteeAnsweredAt: new Date(), heldAt: new Date() })
      .execute();
  },
  async learning_session({ db, teamId, text, ids }) {
    const session = (values: { topic: string; description: string | null; organiserId: string; leaderId: string; backupLeaderId: string; confirmedLeaderId: string | null }) =>
      db.insertInto('learningSession').values({ teamId, channelId: CHANNEL, startsAt: new Date(Date.now() + 7 * 86_400_000), lengthMinutes: 30, timeZone: 'UTC', ...values }).returning('id').executeTakeFirstOrThrow();
    ids.hersSession = (await session({ topic: text(), description: text(), organiserId: ALICE, leaderId: ALICE, backupLeaderId: BOB, confirmedLeaderId: null })).id;
    ids.bobsSession = (await session({ topic: 'BOB-WORDS: Kysely', description: null, organiserId: BOB, leaderId: CAROL, backupLeaderId: ALICE, confirmedLeaderId: ALICE })).id;
    // Its backup was forgotten before: with Alice gone too, both leaders are the placeholder.
    ids.bothForgotten = (await session({ topic: 'BOB-WORDS: pairing', description: null, organiserId: BOB, leaderId: ALICE, backupLeaderId: FORGOTTEN_USER_ID, confirmedLeaderId: null })).id;
  },
  async session_attendee({ db, teamId, ids }) {
    await db.insertInto('sessionAttendee').values([{ teamId, sessionId: ids.hersSession!, userId: ALICE }, { teamId, sessionId: ids.bobsSession!, userId: ALICE }]).execute();
  },
  async scheduled_dm({ db, teamId, text, ids }) {
    const dm = async (name: string, userId: string, kind: string, payload: Record<string, unknown>, status: 'pending' | 'sent' = 'pending') => {
      const row = await db
        .insertInto('scheduledDm')
        .values({ teamId, userId, kind, dedupeKey: `${kind}:${name}`, payload: JSON.stringify(payload), dueAt: new Date(), status, sentAt: status === 'sent' ? new Date() : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[name] = Number(row.id);
    };
    const review = await db.selectFrom('review').select('title').where('id', '=', ids.hersReview!).executeTakeFirstOrThrow();
    const prompt = await db.selectFrom('prompt').select('questionText').where('id', '=', ids.prompt!).executeTakeFirstOrThrow();
    await dm('dmToAlice', ALICE, 'prompt_nudge', { promptId: ids.prompt, text: text() });
    await dm('reminderToBob', BOB, 'mentor_reminder', { pairId: ids.hersPair, text: `Time for a check-in with <@${ALICE}>` });
    await dm('followUpToBob', BOB, 'commitment_follow_up', { commitmentId: ids.bobsCommitment, dueDate: '2026-12-01', text: `In “${review.title}” you committed to “BOB-WORDS: write the runbook”.` });
    await dm('nudgeSentToCarol', CAROL, 'prompt_nudge', { promptId: ids.prompt, text: `A reflection question is waiting for you: “${prompt.questionText}”` }, 'sent');
    await dm('unrelatedToCarol', CAROL, 'prompt_nudge', { promptId: 0, text: 'CAROL-ONLY' });
  },
  async digest_schedule({ db, teamId }) {
    await db.insertInto('digestSchedule').values({ teamId, channelId: CHANNEL, weekday: 1, hour: 9, minute: 0, timeZone: 'UTC', nextRunAt: new Date(Date.now() + 86_400_000), createdBy: ALICE }).execute();
  },
  async digest({ db, teamId }) {
    await db.insertInto('digest').values({ teamId, channelId: CHANNEL, scheduledFor: new Date(), status: 'posted', statusReason: null, messageTs: '1790000000.000500', claimedAt: new Date(), requestedBy: ALICE }).execute();
  },
  async workspace_setting({ db, teamId }) {
    await db.insertInto('workspaceSetting').values({ teamId, retentionDays: 365, lastRetentionRunAt: null, updatedBy: ALICE }).execute();
  },
  async channel_privacy({ db, teamId }) {
    await db.insertInto('channelPrivacy').values({ teamId, channelId: CHANNEL, isPrivate: false }).execute();
  },
  // Growth: a competency she added to the map, a pick she made, her goal, and Bob's goal she confirmed.
  async competency({ db, teamId, text, ids }) {
    const row = await db.insertInto('competency').values({ teamId, name: 'Giving feedback', description: text(), tags: ['feedback'], levels: ['Exploring', 'Practising', 'Fluent', 'Teaching others'], createdBy: ALICE, retiredAt: null }).returning('id').executeTakeFirstOrThrow();
    ids.competency = row.id;
  },
  async competency_pick({ db, teamId, ids }) {
    await db.insertInto('competencyPick').values({ teamId, itemKind: 'learning', itemId: ids.bobsLearning ?? 1, competencyId: ids.competency!, pickedBy: ALICE }).execute();
  },
  async growth_goal({ db, teamId, ids }) {
    await db.insertInto('growthGoal').values({ teamId, userId: ALICE, competencyId: ids.competency!, targetLevel: 2, dueDate: '2027-03-31', timeZone: 'Europe/Berlin', startedAt: new Date(), confirmerId: BOB }).execute();
    const bobs = await db
      .insertInto('growthGoal')
      .values({ teamId, userId: BOB, competencyId: ids.competency!, targetLevel: 3, dueDate: null, timeZone: 'Europe/Berlin', startedAt: new Date(), confirmerId: ALICE, status: 'confirmed', claimedAt: new Date(), confirmedBy: ALICE, confirmedAt: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.bobsGoal = bobs.id;
  },
  // Projects: one she set up (kept for the others), her place in it, a supervisor she is, her flags and module tick.
  async project({ db, teamId, text, ids }) {
    const row = await db
      .insertInto('project')
      .values({ teamId, name: 'Faster onboarding', challenge: text(), channelId: 'C0TEAM', privateChannelId: null, startsOn: '2027-01-04', endsOn: '2027-09-30', hoursPerWeek: 8, setCadence: 'biweekly', timeZone: 'Europe/Berlin', wave: null, scheduleId: null, charterTs: null, createdBy: ALICE, nextSponsorCheckInAt: null, lastSponsorCheckInAt: null, midpointReviewId: null, midpointClaimedAt: null, finalProposedAt: null, closedAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.project = row.id;
  },
  async project_person({ db, teamId, ids }) {
    await db.insertInto('projectPerson').values([
      { teamId, projectId: ids.project!, userId: ALICE, role: 'member', supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null },
      { teamId, projectId: ids.project!, userId: BOB, role: 'member', supervisorId: ALICE, supervisorAnswer: 'agreed', supervisorAnsweredAt: new Date() },
    ]).execute();
  },
  async project_module({ db, teamId, text, ids }) {
    const row = await db.insertInto('projectModule').values({ teamId, projectId: ids.project!, title: 'Feedback basics', link: null, dueOn: '2027-02-01', question: 'What will you try?', createdBy: ALICE, postClaimedAt: null, postedAt: null, messageTs: null }).returning('id').executeTakeFirstOrThrow();
    ids.module = row.id;
    void text;
  },
  async project_module_done({ db, teamId, ids }) {
    await db.insertInto('projectModuleDone').values({ teamId, moduleId: ids.module!, userId: ALICE, doneAt: new Date() }).execute();
  },
  async project_set({ db, teamId, ids }) {
    await db.insertInto('projectSet').values({ teamId, promptId: ids.prompt!, projectId: ids.project!, buttonsTs: null }).execute();
  },
  async project_flag({ db, teamId, text, ids }) {
    await db.insertInto('projectFlag').values([
      { teamId, projectId: ids.project!, kind: 'stuck', userId: ALICE, recipientId: null, feedbackId: null, note: text() },
      { teamId, projectId: ids.project!, kind: 'recognition', userId: BOB, recipientId: ALICE, feedbackId: null, note: null },
    ]).execute();
  },
  // Communities: one she started (kept for its members), her membership, her question, a pairing she was in.
  async community({ db, teamId, text, ids }) {
    const row = await db.insertInto('community').values({ teamId, name: 'Testing', purpose: text(), tags: ['testing'], homeChannelId: 'C0TEAM', createdBy: ALICE, nextDigestAt: new Date(), lastDigestAt: null }).returning('id').executeTakeFirstOrThrow();
    ids.community = row.id;
  },
  async community_member({ db, teamId, ids }) {
    await db.insertInto('communityMember').values([
      { teamId, communityId: ids.community!, userId: ALICE, role: 'lead', homeTeamChannelId: 'C0TEAM' },
      { teamId, communityId: ids.community!, userId: BOB, role: 'member', homeTeamChannelId: 'C0OTHER' },
    ]).execute();
  },
  async community_question({ db, teamId, text, ids }) {
    await db.insertInto('communityQuestion').values({ teamId, communityId: ids.community!, askerId: ALICE, anonymous: true, text: text(), sourcePermalink: null, messageTs: null, helpedAt: null }).execute();
  },
  async community_pairing({ db, teamId, ids }) {
    await db.insertInto('communityPairing').values({ teamId, communityId: ids.community!, round: 1, userIds: [ALICE, BOB] }).execute();
  },
  // A pairing round's claim names nobody: kept for the community.
  async community_pairing_round({ db, teamId, ids }) {
    await db.insertInto('communityPairingRound').values({ teamId, communityId: ids.community!, round: 1, day: '2026-12-07' }).execute();
  },
  // Event sources: a token, a mapping and a secret she set up (names nobody else; kept for the workspace).
  async api_token({ db, teamId, ids }) {
    const row = await db.insertInto('apiToken').values({ teamId, name: 'bridge', tokenHash: 'hash', createdBy: ALICE, revokedAt: null, lastUsedAt: null }).returning('id').executeTakeFirstOrThrow();
    ids.apiToken = row.id;
  },
  async api_request_minute({ db, teamId, ids }) {
    await db.insertInto('apiRequestMinute').values({ teamId, tokenId: ids.apiToken!, minute: new Date(), requests: 1 }).execute();
  },
  async event_source({ db, teamId }) {
    await db.insertInto('eventSource').values({ teamId, source: 'github', key: 'acme/checkout', channelId: 'C0TEAM', createdBy: ALICE }).execute();
  },
  async event_source_secret({ db, teamId }) {
    await db.insertInto('eventSourceSecret').values({ teamId, source: 'github', secret: 'a-secret-of-sixteen', setBy: ALICE }).execute();
  },
  // The AI partner: she turned it on, left a channel out and published a draft; the day's count names nobody.
  async ai_setting({ db, teamId }) {
    await db.insertInto('aiSetting').values({ teamId, enabled: true, dailyBudget: 50, updatedBy: ALICE }).execute();
  },
  async ai_channel_opt_out({ db, teamId }) {
    await db.insertInto('aiChannelOptOut').values({ teamId, channelId: 'C0TEAM', optedOutBy: ALICE }).execute();
  },
  async ai_request_day({ db, teamId }) {
    await db.insertInto('aiRequestDay').values({ teamId, day: '2026-12-05', requests: 3 }).execute();
  },
  async ai_draft({ db, teamId, text }) {
    await db
      .insertInto('aiDraft')
      .values({ teamId, userId: ALICE, kind: 'ask', subjectId: null, channelId: 'C0TEAM', threadTs: null, status: 'published', body: text(), candidates: [text()], model: 'm', promptVersion: 'v', publishedTs: '1.2', publishedAt: new Date() })
      .execute();
  },
  // Distribution mode's installation: Alice installed Learnloop (its tokens are ciphertexts, written by nobody).
  async installation({ db, teamId }) {
    await db
      .insertInto('installation')
      .values({ teamId, enterpriseId: null, isEnterpriseInstall: false, appId: 'A0APP', botId: 'B0BOT', botUserId: 'U0BOT', botScopes: ['commands'], installerUserId: ALICE, url: null, keyVersion: 'k0', botToken: 'iv.tag.data', refreshToken: null, tokenExpiresAt: null })
      .execute();
  },
  // The pulse: a schedule and statements she set up as an admin, a pulse she was asked in and answered.
  async pulse_schedule({ db, teamId }) {
    await db.insertInto('pulseSchedule').values({ teamId, channelId: CHANNEL, every: 'monthly', nth: 1, weekday: 1, hour: 10, minute: 0, anchor: null, timeZone: 'UTC', nextRunAt: new Date(Date.now() + 86_400_000), createdBy: ALICE }).execute();
  },
  async pulse_statement_set({ db, teamId, text }) {
    await db.insertInto('pulseStatementSet').values({ teamId, statements: [text(), 'We try the things we said we would try.'], updatedBy: ALICE }).execute();
  },
  async pulse_run({ db, teamId, text, ids }) {
    const now = new Date();
    const row = await db.insertInto('pulseRun').values({ teamId, channelId: CHANNEL, scheduledFor: now, statements: [text(), 'We try the things we said we would try.'], openedAt: now, closesAt: now, remindAt: now, remindedAt: null, closedAt: null, resultsTs: null }).returning('id').executeTakeFirstOrThrow();
    ids.pulseRun = row.id;
  },
  async pulse_invitee({ db, teamId, ids }) {
    await db.insertInto('pulseInvitee').values([{ teamId, pulseRunId: ids.pulseRun!, userId: ALICE }, { teamId, pulseRunId: ids.pulseRun!, userId: BOB }]).execute();
  },
  async pulse_participation({ db, teamId, ids }) {
    await db.insertInto('pulseParticipation').values([{ teamId, pulseRunId: ids.pulseRun!, userId: ALICE }, { teamId, pulseRunId: ids.pulseRun!, userId: BOB }]).execute();
  },
  async pulse_answer({ db, teamId, ids }) {
    await db.insertInto('pulseAnswer').values({ teamId, id: '00000000-0000-4000-8000-00000000a001', pulseRunId: ids.pulseRun!, scores: [4, 2] }).execute();
  },
  // Her comment, stored as every pulse comment is: without her name, so it cannot be found to be hers.
  async pulse_free_text({ db, teamId, text, ids }) {
    await db.insertInto('pulseFreeText').values({ teamId, id: PULSE_COMMENT_ID, pulseRunId: ids.pulseRun!, text: text() }).execute();
  },
  // A hash of a request's signature: names nobody, so forget-me has nothing to do there.
  async request_receipt({ db, teamId }) {
    await sql`insert into request_receipt (team_id, signature_hash) values (${teamId}, 'hash-of-a-signature')`.execute(db);
  },
};

/** Runs SEED for one workspace; a seeder whose table is not in the schema (yet, or any more) is skipped. */
async function seedEverything(db: Db, teamId: string): Promise<Record<string, number>> {
  let n = 0;
  const context: SeedContext = { db, teamId, text: () => `${HER_WORDS}-${teamId}-${++n}`, ids: {} };
  const existing = new Set((await listTables(db as unknown as Kysely<any>)).map((t) => t.tableName));
  for (const [table, seed] of Object.entries(SEED)) if (existing.has(table)) await seed(context);
  return context.ids;
}

interface Column {
  tableName: string;
  columnName: string;
}

/** Every base table of the current schema, with whether it has team_id and id columns. */
async function listTables(db: Kysely<any>): Promise<{ tableName: string; hasTeamId: boolean; hasId: boolean }[]> {
  const { rows } = await sql<{ tableName: string; hasTeamId: boolean; hasId: boolean }>`
    select t.table_name,
      exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'team_id') as has_team_id,
      exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'id') as has_id
    from information_schema.tables t
    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by t.table_name`.execute(db);
  return rows;
}

/** Every column that can hold a user id or a text: text, varchar, char, json, jsonb, their arrays, and tsvector. */
async function listTextColumns(db: Kysely<any>): Promise<Column[]> {
  const { rows } = await sql<Column>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema()
      and c.udt_name in ('text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar', '_bpchar', 'tsvector')
    order by c.table_name, c.ordinal_position`.execute(db);
  return rows;
}

/** "table#id.column" for every value in the team's rows that holds `needle`, in any case. */
async function findEverywhere(db: Kysely<any>, teamId: string, needle: string): Promise<string[]> {
  const tables = new Map((await listTables(db)).map((t) => [t.tableName, t]));
  const hits: string[] = [];
  for (const { tableName, columnName } of await listTextColumns(db)) {
    const table = tables.get(tableName)!;
    if (tableName in NOT_SEEDED) continue;
    const { rows } = await sql<{ id: unknown }>`
      select ${table.hasId ? sql.ref('id') : sql.lit(null)} as id from ${sql.table(tableName)}
      where ${table.hasTeamId ? sql`team_id = ${teamId}` : sql.lit(true)} and strpos(lower(${sql.ref(columnName)}::text), lower(${needle})) > 0`.execute(db);
    for (const row of rows) hits.push(`${tableName}#${row.id ?? '?'}.${columnName}`);
  }
  return hits.sort();
}

/** Every row of a workspace, table by table, to show that forgetting in one workspace leaves another alone. */
async function snapshotTeam(db: Kysely<any>, teamId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of await listTables(db)) {
    if (!table.hasTeamId) continue;
    const { rows } = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table.tableName)} t where team_id = ${teamId}`.execute(db);
    snapshot[table.tableName] = rows.map((r) => r.row).sort();
  }
  return snapshot;
}

describe('/learnloop forget-me, scanned across every table', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('leaves no trace of Alice in any table or text column except what is kept for others, and nothing changes in another workspace', async () => {
    const db = app.db;
    const anyDb = db as unknown as Kysely<any>;
    const ids = await seedEverything(db, app.teamId);
    await seedEverything(db, OTHER_TEAM);

    // A table nobody seeded would be scanned empty and prove nothing: its author extends SEED.
    const tables = await listTables(anyDb);
    const unseeded: string[] = [];
    for (const { tableName, hasTeamId } of tables) {
      if (tableName in NOT_SEEDED) continue;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(tableName)} where ${hasTeamId ? sql`team_id = ${app.teamId}` : sql.lit(true)}`.execute(anyDb);
      if (!(tableName in SEED) || rows[0]!.n === 0) unseeded.push(tableName);
    }
    expect({ tablesMissingFromTheForgetMeSeed: unseeded, howToFix: unseeded.length === 0 ? null : 'add a seeder to SEED in test/features/privacy/forget-me-scan.test.ts (Alice\'s id in every user-id column, s.text() in every text column), then make forgetPerson delete or unname it' }).toEqual({
      tablesMissingFromTheForgetMeSeed: [],
      howToFix: null,
    });
    expect(await findEverywhere(anyDb, app.teamId, ALICE)).not.toEqual([]);
    const otherBefore = await snapshotTeam(anyDb, OTHER_TEAM);

    const response = await app.command('/learnloop', 'forget-me', { user_id: ALICE, response_url: app.slack.responseUrl('forget-scan'), trigger_id: 'trigger-forget-scan' });
    expect(response.status).toBe(200);
    const open = await app.slack.waitFor(() => app.slack.callsTo('views.open')[0]);
    const view = typeof open.params.view === 'string' ? JSON.parse(open.params.view) : open.params.view;
    const submitted = await app.interaction({
      type: 'view_submission',
      user: { id: ALICE, team_id: app.teamId },
      view: { id: 'V1', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: {} } },
    });
    expect(submitted.status).toBe(200);
    const answer = await app.slack.waitFor(() => app.slack.responses.find((r) => r.path === '/response/forget-scan')?.body);
    expect(answer.text).toContain('Done: Learnloop has forgotten you in this workspace.');
    expect(answer.text).toContain('Your words were removed from 1 review, 1 session and 1 prompt that others take part in, which stay for them.');

    // Her user id: nowhere. Her words: only in what the form and README list as kept for others.
    expect(await findEverywhere(anyDb, app.teamId, ALICE)).toEqual([]);
    expect(await findEverywhere(anyDb, app.teamId, HER_WORDS)).toEqual(
      [
        // Bob's learning saved from her message is Bob's (its search columns are generated from its text).
        `learning#${ids.bobsLearning}.search`,
        `learning#${ids.bobsLearning}.search_bigrams`,
        `learning#${ids.bobsLearning}.text`,
        // The commitment she wrote for Bob is Bob's to follow up.
        `commitment#${ids.commitmentForBob}.text`,
        // The competency map she wrote as an admin is the team's.
        `competency#${ids.competency}.description`,
        // A project she set up runs on for its people, its challenge included.
        `project#${ids.project}.challenge`,
        // So does a community she started, its purpose included.
        `community#${ids.community}.purpose`,
        // Pulse statements she wrote as an admin are the team's, and so are the ones a past pulse asked.
        `pulse_run#${ids.pulseRun}.statements`,
        'pulse_statement_set#?.statements',
        // An anonymous pulse comment: stored without her name, nobody can tell it is hers.
        `pulse_free_text#${PULSE_COMMENT_ID}.text`,
      ].sort(),
    );

    // What stays for others, precisely.
    const row = <T>(query: { executeTakeFirst(): Promise<T | undefined> }) => query.executeTakeFirst();
    expect(await row(db.selectFrom('promptSchedule').select(['createdBy', 'status']).where('id', '=', ids.schedule!))).toEqual({ createdBy: FORGOTTEN_USER_ID, status: 'active' });
    expect(await row(db.selectFrom('promptSkip').select('createdBy').where('id', '=', ids.skip!))).toEqual({ createdBy: FORGOTTEN_USER_ID });
    expect(await row(db.selectFrom('growthGoal').select(['userId', 'status', 'confirmedBy', 'confirmerId']).where('id', '=', ids.bobsGoal!))).toEqual({ userId: BOB, status: 'confirmed', confirmedBy: FORGOTTEN_USER_ID, confirmerId: null });
    expect(await db.selectFrom('growthGoal').select('id').where('teamId', '=', app.teamId).where('userId', '=', FORGOTTEN_USER_ID).execute()).toEqual([]);
    expect(await row(db.selectFrom('digestSchedule').select(['createdBy', 'enabled']).where('teamId', '=', app.teamId))).toEqual({ createdBy: FORGOTTEN_USER_ID, enabled: true });
    expect(await row(db.selectFrom('prompt').select(['questionText', 'requestedBy']).where('id', '=', ids.prompt!))).toEqual({ questionText: REMOVED_TEXT, requestedBy: null });
    expect(await row(db.selectFrom('threadReply').select(['userId', 'text']).where('id', '=', ids.bobsReply!))).toEqual({ userId: BOB, text: 'thanks @forgotten for the pairing' });
    expect(await row(db.selectFrom('learning').select(['userId', 'creditedUserId']).where('id', '=', ids.bobsLearning!))).toEqual({ userId: BOB, creditedUserId: null });
    expect(await row(db.selectFrom('feedback').select(['senderId', 'recipientId', 'text', 'sharedWithMentorAt']).where('id', '=', ids.feedbackReceived!))).toEqual({
      senderId: BOB,
      recipientId: FORGOTTEN_USER_ID,
      text: 'BOB-WORDS: your notes made the handover easy',
      sharedWithMentorAt: null,
    });
    expect(await row(db.selectFrom('review').select(['title', 'link', 'startedBy', 'facilitatorId', 'closingBy', 'closedBy']).where('id', '=', ids.hersReview!))).toEqual({
      title: REMOVED_TEXT,
      link: null,
      startedBy: FORGOTTEN_USER_ID,
      facilitatorId: null,
      closingBy: null,
      closedBy: null,
    });
    expect(await row(db.selectFrom('review').select(['title', 'startedBy', 'facilitatorId', 'closingBy', 'closedBy']).where('id', '=', ids.bobsReview!))).toEqual({
      title: 'BOB-WORDS: the release retro',
      startedBy: BOB,
      facilitatorId: null,
      closingBy: null,
      closedBy: null,
    });
    expect(await row(db.selectFrom('reflection').select(['reviewId', 'expected', 'actual']).where('id', '=', ids.bobsReflection!))).toEqual({
      reviewId: ids.hersReview,
      expected: 'BOB-WORDS: a calm rollout',
      actual: '@forgotten caught the bug',
    });
    expect(await row(db.selectFrom('commitment').select(['ownerId', 'createdBy', 'reviewId']).where('id', '=', ids.commitmentForBob!))).toEqual({ ownerId: BOB, createdBy: FORGOTTEN_USER_ID, reviewId: ids.hersReview });
    expect(await row(db.selectFrom('commitment').select(['ownerId', 'createdBy', 'text']).where('id', '=', ids.bobsCommitment!))).toEqual({ ownerId: BOB, createdBy: BOB, text: 'BOB-WORDS: write the runbook' });
    expect(await row(db.selectFrom('channelSetting').select(['reviewEmoji', 'updatedBy']).where('teamId', '=', app.teamId))).toEqual({ reviewEmoji: 'bulb', updatedBy: null });
    expect(await row(db.selectFrom('workspaceSetting').select(['retentionDays', 'updatedBy']).where('teamId', '=', app.teamId))).toEqual({ retentionDays: 365, updatedBy: null });
    expect(await row(db.selectFrom('mentoringPair').select(['mentorId', 'menteeId', 'requestedBy', 'requestNote', 'status']).where('id', '=', ids.pairAliceMade!))).toEqual({
      mentorId: BOB,
      menteeId: CAROL,
      requestedBy: FORGOTTEN_USER_ID,
      requestNote: null,
      status: 'active',
    });
    const session = (id: number) => row(db.selectFrom('learningSession').select(['topic', 'description', 'organiserId', 'leaderId', 'backupLeaderId', 'confirmedLeaderId']).where('id', '=', id));
    expect(await session(ids.hersSession!)).toEqual({ topic: REMOVED_TEXT, description: null, organiserId: FORGOTTEN_USER_ID, leaderId: FORGOTTEN_USER_ID, backupLeaderId: BOB, confirmedLeaderId: null });
    expect(await session(ids.bobsSession!)).toEqual({ topic: 'BOB-WORDS: Kysely', description: null, organiserId: BOB, leaderId: CAROL, backupLeaderId: FORGOTTEN_USER_ID, confirmedLeaderId: FORGOTTEN_USER_ID });
    expect(await session(ids.bothForgotten!)).toEqual({ topic: 'BOB-WORDS: pairing', description: null, organiserId: BOB, leaderId: FORGOTTEN_USER_ID, backupLeaderId: FORGOTTEN_USER_ID, confirmedLeaderId: null });
    // DMs queued for others that named her or quoted her words are not sent; a sent one keeps its line, not its text.
    const dm = (id: number) => row(db.selectFrom('scheduledDm').select(['userId', 'status', 'payload']).where('id', '=', id));
    expect(await dm(ids.reminderToBob!)).toEqual({ userId: BOB, status: 'dropped', payload: {} });
    expect(await dm(ids.followUpToBob!)).toEqual({ userId: BOB, status: 'dropped', payload: {} });
    expect(await dm(ids.nudgeSentToCarol!)).toEqual({ userId: CAROL, status: 'sent', payload: {} });
    expect(await dm(ids.unrelatedToCarol!)).toEqual({ userId: CAROL, status: 'pending', payload: { promptId: 0, text: 'CAROL-ONLY' } });

    // The other workspace, where Alice also wrote everything, is exactly as it was.
    expect(await snapshotTeam(anyDb, OTHER_TEAM)).toEqual(otherBefore);
    expect(await findEverywhere(anyDb, OTHER_TEAM, ALICE)).not.toEqual([]);
  });
});
