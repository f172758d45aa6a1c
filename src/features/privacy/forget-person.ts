import { sql, type DeleteResult, type Kysely, type RawBuilder, type UpdateResult } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { Database } from '../../platform/db/schema';
import { FORGOTTEN_MENTION, FORGOTTEN_USER_ID, REMOVED_TEXT, mentionPattern, userIdPattern } from './rules/forgotten';

export interface ForgetCounts {
  replies: number;
  learnings: number;
  reflections: number;
  feedbackSent: number;
  checkInNotes: number;
  checkIns: number;
  pairings: number;
  scheduledDms: number;
  sessionAttendance: number;
  channelQuestions: number;
  commitments: number;
  profile: number;
  /** Other people's learnings that said "learned from" them: the learning stays, the credit goes. */
  creditsRemoved: number;
  /** Reviews they started that others take part in: kept, their title and link removed. */
  reviewsKept: number;
  /** Sessions they organised: kept for their leader and attendees, their topic and description removed. */
  sessionsKept: number;
  /** Prompts that asked a question they added: the thread stays, the question's text goes. */
  promptsKept: number;
  /** Other rows that named them (a schedule's creator, a session's leader, an @-mention…), now naming nobody. */
  namesRemoved: number;
}

type Result = DeleteResult | UpdateResult;

const changed = (result: Result | undefined): number =>
  Number(result === undefined ? 0 : 'numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);

/**
 * Forgets one person in one workspace, in one transaction: deletes what they wrote, and in the rows
 * others keep (a review they started, a schedule they set up, feedback sent to them) replaces their
 * user id with FORGOTTEN_USER_ID (or null) and their words with REMOVED_TEXT. A last sweep turns any
 * other mention of them in the workspace's text and JSON columns into FORGOTTEN_MENTION, new tables included.
 */
export async function forgetPerson(db: Db, teamId: string, userId: string): Promise<ForgetCounts> {
  return db.transaction().execute(async (trx) => {
    const one = async (query: { executeTakeFirst(): Promise<Result | undefined> }) => changed(await query.executeTakeFirst());
    let namesRemoved = 0;
    const unname = async (query: { executeTakeFirst(): Promise<Result | undefined> }) => void (namesRemoved += await one(query));

    // Their notes in check-ins: the mentor logs both "learned" fields, the mentee writes the reflection.
    const mentorNotes = await one(
      trx.updateTable('checkIn').set({ mentorLearned: null, menteeLearned: null }).where('teamId', '=', teamId).where('mentorId', '=', userId)
        .where((eb) => eb.or([eb('mentorLearned', 'is not', null), eb('menteeLearned', 'is not', null)])),
    );
    const menteeNotes = await one(
      trx.updateTable('checkIn').set({ menteeReflection: null, menteeAnsweredAt: null }).where('teamId', '=', teamId).where('menteeId', '=', userId).where('menteeReflection', 'is not', null),
    );
    // Every check-in of theirs belongs to one of their pairings, which go too: delete them explicitly
    // (rather than by cascade) so the count is honest.
    const checkIns = await one(trx.deleteFrom('checkIn').where('teamId', '=', teamId).where((eb) => eb.or([eb('mentorId', '=', userId), eb('menteeId', '=', userId)])));
    const pairIds = (
      await trx.deleteFrom('mentoringPair').where('teamId', '=', teamId).where((eb) => eb.or([eb('mentorId', '=', userId), eb('menteeId', '=', userId)])).returning('id').execute()
    ).map((row) => row.id);

    // Feedback and commitments that point at these learnings are cleared by their foreign keys.
    const learningIds = (await trx.deleteFrom('learning').where('teamId', '=', teamId).where('userId', '=', userId).returning('id').execute()).map((row) => row.id);

    // The send log behind the daily feedback limit: part of the feedback they sent, not counted apart.
    await trx.deleteFrom('feedbackSend').where('teamId', '=', teamId).where('senderId', '=', userId).execute();

    // What others take part in stays for them, without their words: a prompt asking a question they
    // added, a review they started (others reflected in it), a session they organised.
    const questionIds = (await trx.selectFrom('channelQuestion').select('id').where('teamId', '=', teamId).where('createdBy', '=', userId).execute()).map((row) => `c${row.id}`);
    const promptIds =
      questionIds.length === 0
        ? []
        : (await trx.updateTable('prompt').set({ questionText: REMOVED_TEXT }).where('teamId', '=', teamId).where('questionId', 'in', questionIds).returning('id').execute()).map((row) => row.id);
    const reviewIds = (
      await trx.updateTable('review').set({ title: REMOVED_TEXT, link: null, startedBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('startedBy', '=', userId).returning('id').execute()
    ).map((row) => row.id);
    const sessionsKept = await one(
      trx.updateTable('learningSession').set({ topic: REMOVED_TEXT, description: null, organiserId: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('organiserId', '=', userId),
    );
    // Follow-ups for teammates' commitments quote the review's title.
    const commitmentIds =
      reviewIds.length === 0
        ? []
        : (await trx.selectFrom('commitment').select('id').where('teamId', '=', teamId).where('reviewId', 'in', reviewIds).where('ownerId', '<>', userId).execute()).map((row) => row.id);
    namesRemoved += await forgetInQueuedDms(trx, teamId, userId, { pairId: pairIds, promptId: promptIds, commitmentId: commitmentIds });

    const counts = {
      replies: await one(trx.deleteFrom('threadReply').where('teamId', '=', teamId).where('userId', '=', userId)),
      learnings: learningIds.length,
      reflections: await one(trx.deleteFrom('reflection').where('teamId', '=', teamId).where('userId', '=', userId)),
      feedbackSent: await one(trx.deleteFrom('feedback').where('teamId', '=', teamId).where('senderId', '=', userId)),
      checkInNotes: mentorNotes + menteeNotes,
      checkIns,
      pairings: pairIds.length,
      scheduledDms: await one(trx.deleteFrom('scheduledDm').where('teamId', '=', teamId).where('userId', '=', userId)),
      sessionAttendance: await one(trx.deleteFrom('sessionAttendee').where('teamId', '=', teamId).where('userId', '=', userId)),
      channelQuestions: await one(trx.deleteFrom('channelQuestion').where('teamId', '=', teamId).where('createdBy', '=', userId)),
      commitments: await one(trx.deleteFrom('commitment').where('teamId', '=', teamId).where('ownerId', '=', userId)),
      profile: await one(trx.deleteFrom('person').where('teamId', '=', teamId).where('userId', '=', userId)),
      creditsRemoved: await one(trx.updateTable('learning').set({ creditedUserId: null }).where('teamId', '=', teamId).where('creditedUserId', '=', userId)),
      reviewsKept: reviewIds.length,
      sessionsKept,
      promptsKept: promptIds.length,
    };

    // Rows that stay for others and only named them. Schedules they set up keep running for the channel.
    await unname(trx.updateTable('promptSchedule').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('promptSkip').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('digest').set({ requestedBy: null }).where('teamId', '=', teamId).where('requestedBy', '=', userId));
    await unname(trx.updateTable('digestSchedule').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('prompt').set({ requestedBy: null }).where('teamId', '=', teamId).where('requestedBy', '=', userId));
    await unname(trx.updateTable('channelSetting').set({ updatedBy: null }).where('teamId', '=', teamId).where('updatedBy', '=', userId));
    // API tokens and event sources they set up keep working for the workspace, without their name.
    await unname(trx.updateTable('apiToken').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('eventSource').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('eventSourceSecret').set({ setBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('setBy', '=', userId));
    // AI partner: their drafts go, published or not (the posts in Slack are theirs to delete there); the
    // workspace's AI switches they flipped stay, without their name.
    await trx.deleteFrom('aiDraft').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await unname(trx.updateTable('aiSetting').set({ updatedBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('updatedBy', '=', userId));
    await unname(trx.updateTable('aiChannelOptOut').set({ optedOutBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('optedOutBy', '=', userId));
    // Communities: their memberships, the questions they asked and the pairings they were in go; a
    // community they started stays for its members, without their name.
    await trx.deleteFrom('communityMember').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await trx.deleteFrom('communityQuestion').where('teamId', '=', teamId).where('askerId', '=', userId).execute();
    await trx.deleteFrom('communityPairing').where('teamId', '=', teamId).where(sql<boolean>`${userId} = any(user_ids)`).execute();
    await unname(trx.updateTable('community').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    // The pulse: whether they were asked and whether they answered go. Their answers and comments were
    // stored without their name from the start, so nobody (Learnloop included) can tell which are theirs:
    // they stay in the team's figures. Schedules and statements they set up stay, without their name.
    await trx.deleteFrom('pulseParticipation').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await trx.deleteFrom('pulseInvitee').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await unname(trx.updateTable('pulseSchedule').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('pulseStatementSet').set({ updatedBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('updatedBy', '=', userId));
    // Projects: their place in a project goes (the project stays for the others), and so do their flags
    // and module ticks; a project or module they set up stays, without their name.
    await trx.deleteFrom('projectPerson').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await unname(trx.updateTable('projectPerson').set({ supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null }).where('teamId', '=', teamId).where('supervisorId', '=', userId));
    await trx.deleteFrom('projectFlag').where('teamId', '=', teamId).where((eb) => eb.or([eb('userId', '=', userId), eb('recipientId', '=', userId)])).execute();
    await trx.deleteFrom('projectModuleDone').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await unname(trx.updateTable('projectModule').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('project').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    // Their growth goals go; goals of others they confirmed stay confirmed, without their name.
    await trx.deleteFrom('growthGoal').where('teamId', '=', teamId).where('userId', '=', userId).execute();
    await unname(trx.updateTable('growthGoal').set({ confirmedBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('confirmedBy', '=', userId));
    await unname(trx.updateTable('growthGoal').set({ confirmerId: null }).where('teamId', '=', teamId).where('confirmerId', '=', userId));
    await unname(trx.updateTable('competencyPick').set({ pickedBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('pickedBy', '=', userId));
    await unname(trx.updateTable('competency').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    await unname(trx.updateTable('installation').set({ installerUserId: null }).where('teamId', '=', teamId).where('installerUserId', '=', userId));
    await unname(trx.updateTable('workspaceSetting').set({ updatedBy: null }).where('teamId', '=', teamId).where('updatedBy', '=', userId));
    for (const column of ['facilitatorId', 'closedBy', 'closingBy'] as const) {
      await unname(trx.updateTable('review').set({ [column]: null }).where('teamId', '=', teamId).where(column, '=', userId));
    }
    // A teammate's commitment they wrote stays the teammate's, text included: its owner is followed up on it.
    await unname(trx.updateTable('commitment').set({ createdBy: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('createdBy', '=', userId));
    // Feedback others sent them is the sender's (it stays in their sent list); whether it was shared goes with them.
    await unname(trx.updateTable('feedback').set({ recipientId: FORGOTTEN_USER_ID, sharedWithMentorAt: null }).where('teamId', '=', teamId).where('recipientId', '=', userId));
    // A pairing an admin made between two others.
    await unname(trx.updateTable('mentoringPair').set({ requestedBy: FORGOTTEN_USER_ID, requestNote: null }).where('teamId', '=', teamId).where('requestedBy', '=', userId));
    // A session they were to lead asks its backup, as when a leader does not answer.
    await unname(trx.updateTable('learningSession').set({ leaderId: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('leaderId', '=', userId));
    await unname(trx.updateTable('learningSession').set({ backupLeaderId: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('backupLeaderId', '=', userId));
    // Not null: null would hand the session back to a leader who declined before they took over.
    await unname(trx.updateTable('learningSession').set({ confirmedLeaderId: FORGOTTEN_USER_ID }).where('teamId', '=', teamId).where('confirmedLeaderId', '=', userId));
    namesRemoved += await forgetMentions(trx, teamId, userId);

    return { ...counts, namesRemoved };
  });
}

/**
 * Queued DMs for others that name them or quote words just removed (by the subject their payload
 * names): one not sent yet is dropped, so nobody hears of them again; every one loses its text, and
 * a sent one keeps its line for the DM budget. Returns how many changed.
 */
async function forgetInQueuedDms(trx: Kysely<Database>, teamId: string, userId: string, subjects: Record<'pairId' | 'promptId' | 'commitmentId', number[]>): Promise<number> {
  const matches: RawBuilder<boolean>[] = [sql<boolean>`payload::text ~ ${userIdPattern(userId)}`];
  for (const [key, ids] of Object.entries(subjects)) {
    if (ids.length > 0) matches.push(sql<boolean>`payload->>${key} in (${sql.join(ids.map(String))})`);
  }
  const quoting = sql<boolean>`(${sql.join(matches, sql` or `)})`;
  await trx
    .updateTable('scheduledDm')
    .set({ status: 'dropped', statusReason: 'someone it named asked Learnloop to forget them' })
    .where('teamId', '=', teamId)
    .where('userId', '<>', userId)
    .where('status', '=', 'pending')
    .where(quoting)
    .execute();
  const result = await trx.updateTable('scheduledDm').set({ payload: '{}' }).where('teamId', '=', teamId).where('userId', '<>', userId).where(quoting).executeTakeFirst();
  return changed(result);
}

// Text-like columns the sweep rewrites, with the cast back from text.
const SWEPT_TYPES: Record<string, string> = { text: '', varchar: '', jsonb: '::jsonb', json: '::json', _text: '::text[]', _varchar: '::varchar[]' };

/**
 * The last net: in every table of the schema with a team_id, any text, JSON or text[] column still
 * mentioning them (a teammate's "thanks <@U…>") gets FORGOTTEN_MENTION, a bare id FORGOTTEN_USER_ID.
 * Read from information_schema, so a table added later is swept too. A column whose whole value is
 * their id is someone's user-id column: left to the explicit statements above (a blind replacement
 * could collide with a unique key), so the forget-me test fails until its author handles it.
 */
async function forgetMentions(trx: Kysely<Database>, teamId: string, userId: string): Promise<number> {
  const { rows } = await sql<{ tableName: string; columnName: string; udtName: string }>`
    select c.table_name, c.column_name, c.udt_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema()
      and c.is_generated = 'NEVER'
      and c.udt_name in (${sql.join(Object.keys(SWEPT_TYPES))})
      and c.column_name <> 'team_id'
      and exists (select 1 from information_schema.columns k where k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = 'team_id')
    order by c.table_name, c.ordinal_position`.execute(trx);
  const byTable = new Map<string, { columnName: string; udtName: string }[]>();
  for (const row of rows) byTable.set(row.tableName, [...(byTable.get(row.tableName) ?? []), row]);

  const mention = mentionPattern(userId);
  const bareId = userIdPattern(userId);
  let total = 0;
  for (const [table, columns] of byTable) {
    const named = columns.map(({ columnName, udtName }) => {
      const text = sql`${sql.ref(columnName)}::text`;
      const condition = SWEPT_TYPES[udtName] === '' ? sql`(${text} ~ ${bareId} and ${text} <> ${userId})` : sql`${text} ~ ${bareId}`;
      const replaced = sql`regexp_replace(regexp_replace(${text}, ${mention}, ${FORGOTTEN_MENTION}, 'g'), ${bareId}, ${FORGOTTEN_USER_ID}, 'g')${sql.raw(SWEPT_TYPES[udtName] ?? '')}`;
      return { condition, assignment: sql`${sql.ref(columnName)} = case when ${condition} then ${replaced} else ${sql.ref(columnName)} end` };
    });
    const result = await sql`update ${sql.table(table)} set ${sql.join(named.map((n) => n.assignment))}
      where team_id = ${teamId} and (${sql.join(named.map((n) => n.condition), sql` or `)})`.execute(trx);
    total += Number(result.numAffectedRows ?? 0);
  }
  return total;
}
