import { sql, type DeleteResult, type UpdateResult } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { Viewer } from '../../platform/audience/rules';
import { learningAudience, replyAudience, reviewItemAudience, visibleTo } from '../../platform/audience/queries';
import { listPulseExport, listPulsesAnswered, type PulseAggregate } from '../pulse';

/*
 * Personal data: exports, "forget me" and retention. Every statement filters on team_id, including
 * the sub-selects, so one workspace's request can never read or delete another's rows.
 */

export type ExportScope = { kind: 'me'; userId: string } | { kind: 'channel'; channelId: string } | { kind: 'workspace' };

export const ANONYMOUS = 'anonymous';

export interface ExportData {
  replies: { id: number; channelId: string; author: string; visibility: string; text: string; permalink: string | null; createdAt: Date; editedAt: Date | null }[];
  learnings: { id: number; channelId: string | null; author: string; visibility: string; source: string; text: string; tags: string[]; link: string | null; creditedUserId: string | null; createdAt: Date; updatedAt: Date | null }[];
  reviews: { id: number; channelId: string; title: string; link: string | null; startedBy: string; facilitatorId: string | null; status: string; createdAt: Date; closedAt: Date | null }[];
  reflections: { id: number; reviewId: number; reviewTitle: string; channelId: string; author: string; expected: string | null; actual: string | null; whyDifference: string | null; nextTime: string | null; createdAt: Date; updatedAt: Date | null }[];
  commitments: { id: number; reviewId: number | null; owner: string; text: string; dueDate: string; status: string; createdBy: string; createdAt: Date; doneAt: Date | null }[];
  /** Only in a person's own export. */
  feedbackSent: FeedbackExport[];
  feedbackReceived: FeedbackExport[];
  /** The workspace's competency map (everyone may read it). */
  competencies: { id: number; name: string; description: string | null; tags: string[]; levels: string[]; retiredAt: Date | null; createdAt: Date }[];
  /** Only in a person's own export: their growth goals, and the goals of others they confirmed. */
  goals: GoalExport[];
  confirmationsGiven: GoalExport[];
  /** Only in a person's own export: their communities, the questions they asked and their coffee pairings. */
  communityMemberships: { community: string; role: string; pairing: boolean; joinedAt: Date }[];
  communityQuestions: { id: number; community: string; anonymous: boolean; text: string; helpedAt: Date | null; createdAt: Date }[];
  communityPairings: { community: string; round: number; with: string; createdAt: Date }[];
  /** Only in a person's own export: AI drafts they published (drafts never published keep nothing worth exporting). */
  aiDrafts: { id: number; kind: string; channelId: string; text: string; candidates: string[]; model: string; promptVersion: string; publishedAt: Date | null }[];
  /** Channel and workspace exports: pulse results as aggregates (never an answer or a comment). */
  pulseResults: PulseAggregate[];
  /** Only in a person's own export: the pulses they answered (their answers carry no name, so are not in it). */
  pulsesAnswered: { pulseId: number; channelId: string; openedAt: Date }[];
}

interface GoalExport {
  id: number;
  userId: string;
  competency: string;
  targetLevel: number;
  dueDate: string | null;
  status: string;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

interface FeedbackExport {
  id: number;
  senderId: string;
  recipientId: string;
  situation: string | null;
  behaviour: string | null;
  impact: string | null;
  text: string | null;
  status: string;
  createdAt: Date;
}

const authorOf = (scope: ExportScope, userId: string, anonymous: boolean): string => (anonymous && scope.kind !== 'me' ? ANONYMOUS : userId);

/**
 * What an export holds. Private replies and private learnings appear only in their author's own
 * export (`me`); anonymous reflections and learnings show "anonymous" as author everywhere else.
 * A channel or workspace export arrives in the exporter's DM: it holds only what the exporter may
 * read (`exporter`), so a private channel's items reach its members' exports alone.
 */
export async function listExportData(db: Db, teamId: string, scope: ExportScope, exporter: Viewer): Promise<ExportData> {
  const me = scope.kind === 'me' ? scope.userId : null;
  const channelId = scope.kind === 'channel' ? scope.channelId : null;

  let replies = db.selectFrom('threadReply').select(['id', 'channelId', 'userId', 'visibility', 'text', 'permalink', 'createdAt', 'editedAt']).where('teamId', '=', teamId);
  if (me) replies = replies.where('userId', '=', me);
  else replies = replies.where('visibility', '=', 'public').where(visibleTo(exporter, replyAudience('thread_reply')));
  if (channelId) replies = replies.where('channelId', '=', channelId);

  let learnings = db
    .selectFrom('learning')
    .select(['id', 'channelId', 'sharedChannelId', 'userId', 'anonymous', 'visibility', 'source', 'text', 'tags', 'link', 'creditedUserId', 'createdAt', 'updatedAt'])
    .where('teamId', '=', teamId);
  if (me) learnings = learnings.where('userId', '=', me);
  else learnings = learnings.where('visibility', '=', 'team').where(visibleTo(exporter, learningAudience('learning')));
  if (channelId) learnings = learnings.where((eb) => eb.or([eb('channelId', '=', channelId), eb('sharedChannelId', '=', channelId)]));

  let reflections = db
    .selectFrom('reflection')
    .innerJoin('review', (join) => join.onRef('review.id', '=', 'reflection.reviewId').onRef('review.teamId', '=', 'reflection.teamId'))
    .select(['reflection.id', 'reflection.reviewId', 'review.title as reviewTitle', 'review.channelId', 'reflection.userId', 'reflection.anonymous', 'reflection.expected', 'reflection.actual', 'reflection.whyDifference', 'reflection.nextTime', 'reflection.createdAt', 'reflection.updatedAt'])
    .where('reflection.teamId', '=', teamId);
  if (me) reflections = reflections.where('reflection.userId', '=', me);
  else {
    // An anonymous reflection stays its author's: among few people its words would name them, and what
    // it shares with the team reaches exports as its (anonymous) learnings instead.
    reflections = reflections.where('reflection.anonymous', '=', false).where(visibleTo(exporter, reviewItemAudience('reflection.user_id', 'review')));
  }
  if (channelId) reflections = reflections.where('review.channelId', '=', channelId);

  let reviews = db.selectFrom('review').select(['id', 'channelId', 'title', 'link', 'startedBy', 'facilitatorId', 'status', 'createdAt', 'closedAt']).where('teamId', '=', teamId);
  if (me) {
    // Their own: reviews they started, facilitated or reflected in.
    reviews = reviews.where((eb) =>
      eb.or([
        eb('startedBy', '=', me),
        eb('facilitatorId', '=', me),
        eb('id', 'in', eb.selectFrom('reflection').select('reviewId').where('teamId', '=', teamId).where('userId', '=', me)),
      ]),
    );
  }
  else reviews = reviews.where(visibleTo(exporter, reviewItemAudience('review.started_by', 'review')));
  if (channelId) reviews = reviews.where('channelId', '=', channelId);

  let commitments = db
    .selectFrom('commitment')
    .select(['id', 'reviewId', 'ownerId', 'text', 'dueDate', 'status', 'createdBy', 'createdAt', 'doneAt'])
    .where('teamId', '=', teamId);
  if (me) commitments = commitments.where('ownerId', '=', me);
  else {
    commitments = commitments.where((eb) =>
      eb.or([
        eb('reviewId', 'is', null),
        eb('reviewId', 'in', eb.selectFrom('review').select('review.id').where('review.teamId', '=', teamId).where(visibleTo({ ...exporter, userId: null }, reviewItemAudience('review.started_by', 'review')))),
      ]),
    );
  }
  // A commitment belongs to a channel through its review; those without one are in no channel's export.
  if (channelId) commitments = commitments.where('reviewId', 'in', (eb) => eb.selectFrom('review').select('id').where('teamId', '=', teamId).where('channelId', '=', channelId));

  const feedback = (column: 'senderId' | 'recipientId', userId: string) =>
    db
      .selectFrom('feedback')
      .select(['id', 'senderId', 'recipientId', 'situation', 'behaviour', 'impact', 'text', 'status', 'createdAt'])
      .where('teamId', '=', teamId)
      .where(column, '=', userId)
      .orderBy('id')
      .execute();

  const goals = (column: 'userId' | 'confirmedBy', userId: string) =>
    db
      .selectFrom('growthGoal')
      .innerJoin('competency', (join) => join.onRef('competency.teamId', '=', 'growthGoal.teamId').onRef('competency.id', '=', 'growthGoal.competencyId'))
      .select(['growthGoal.id', 'growthGoal.userId', 'competency.name as competency', 'growthGoal.targetLevel', 'growthGoal.dueDate', 'growthGoal.status', 'growthGoal.confirmedBy', 'growthGoal.confirmedAt', 'growthGoal.createdAt'])
      .where('growthGoal.teamId', '=', teamId)
      .where(`growthGoal.${column}`, '=', userId)
      .orderBy('growthGoal.id')
      .execute();

  const memberships = (userId: string) =>
    db
      .selectFrom('communityMember')
      .innerJoin('community', (join) => join.onRef('community.teamId', '=', 'communityMember.teamId').onRef('community.id', '=', 'communityMember.communityId'))
      .select(['community.name as community', 'communityMember.role', 'communityMember.pairing', 'communityMember.joinedAt'])
      .where('communityMember.teamId', '=', teamId)
      .where('communityMember.userId', '=', userId)
      .orderBy('community.name')
      .execute();
  const questions = (userId: string) =>
    db
      .selectFrom('communityQuestion')
      .innerJoin('community', (join) => join.onRef('community.teamId', '=', 'communityQuestion.teamId').onRef('community.id', '=', 'communityQuestion.communityId'))
      .select(['communityQuestion.id', 'community.name as community', 'communityQuestion.anonymous', 'communityQuestion.text', 'communityQuestion.helpedAt', 'communityQuestion.createdAt'])
      .where('communityQuestion.teamId', '=', teamId)
      .where('communityQuestion.askerId', '=', userId)
      .orderBy('communityQuestion.id')
      .execute();
  const pairings = async (userId: string) =>
    (
      await db
        .selectFrom('communityPairing')
        .innerJoin('community', (join) => join.onRef('community.teamId', '=', 'communityPairing.teamId').onRef('community.id', '=', 'communityPairing.communityId'))
        .select(['community.name as community', 'communityPairing.round', 'communityPairing.userIds', 'communityPairing.createdAt'])
        .where('communityPairing.teamId', '=', teamId)
        .where(sql<boolean>`${userId} = any(community_pairing.user_ids)`)
        .orderBy('communityPairing.id')
        .execute()
    ).map(({ userIds, ...p }) => ({ ...p, with: userIds.filter((id) => id !== userId).join(' ') }));

  const aiDrafts = (userId: string) =>
    db
      .selectFrom('aiDraft')
      .select(['id', 'kind', 'channelId', 'body as text', 'candidates', 'model', 'promptVersion', 'publishedAt'])
      .where('teamId', '=', teamId)
      .where('userId', '=', userId)
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();

  const [replyRows, learningRows, reviewRows, reflectionRows, commitmentRows, feedbackSent, feedbackReceived, competencies, ownGoals, confirmationsGiven, communityMemberships, communityQuestions, communityPairings, publishedDrafts, pulseResults, pulsesAnswered] = await Promise.all([
    replies.orderBy('id').execute(),
    learnings.orderBy('id').execute(),
    reviews.orderBy('id').execute(),
    reflections.orderBy('reflection.id').execute(),
    commitments.orderBy('id').execute(),
    me ? feedback('senderId', me) : [],
    me ? feedback('recipientId', me) : [],
    db.selectFrom('competency').select(['id', 'name', 'description', 'tags', 'levels', 'retiredAt', 'createdAt']).where('teamId', '=', teamId).orderBy('id').execute(),
    me ? goals('userId', me) : [],
    me ? goals('confirmedBy', me) : [],
    me ? memberships(me) : [],
    me ? questions(me) : [],
    me ? pairings(me) : [],
    me ? aiDrafts(me) : [],
    me ? [] : listPulseExport(db, teamId, exporter, channelId),
    me ? listPulsesAnswered(db, teamId, me) : [],
  ]);

  return {
    replies: replyRows.map(({ userId, ...r }) => ({ ...r, id: Number(r.id), author: userId })),
    learnings: learningRows.map(({ userId, anonymous, sharedChannelId, ...l }) => ({ ...l, channelId: l.channelId ?? sharedChannelId, author: authorOf(scope, userId, anonymous) })),
    reviews: reviewRows,
    reflections: reflectionRows.map(({ userId, anonymous, ...r }) => ({ ...r, author: authorOf(scope, userId, anonymous) })),
    commitments: commitmentRows.map(({ ownerId, ...c }) => ({ ...c, owner: ownerId })),
    feedbackSent,
    feedbackReceived,
    competencies,
    goals: ownGoals,
    confirmationsGiven,
    communityMemberships,
    communityQuestions,
    communityPairings,
    aiDrafts: publishedDrafts,
    pulseResults,
    pulsesAnswered,
  };
}

const deleted = (result: DeleteResult | UpdateResult | undefined): number =>
  Number(result === undefined ? 0 : 'numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);

export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;

export async function findRetentionDays(db: Db, teamId: string): Promise<number | null> {
  const row = await db.selectFrom('workspaceSetting').select('retentionDays').where('teamId', '=', teamId).executeTakeFirst();
  return row?.retentionDays ?? null;
}

/** Sets (or, with null, switches off) the workspace's retention. */
export async function upsertRetentionDays(db: Db, teamId: string, days: number | null, updatedBy: string): Promise<void> {
  await db
    .insertInto('workspaceSetting')
    .values({ teamId, retentionDays: days, updatedBy, lastRetentionRunAt: null })
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ retentionDays: days, updatedBy }))
    .execute();
}

/** Workspaces with a retention period, among those still installed. */
export async function listRetentionWorkspaceIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaceSetting')
    .innerJoin('workspace', 'workspace.teamId', 'workspaceSetting.teamId')
    .select('workspaceSetting.teamId')
    .where('workspaceSetting.retentionDays', 'is not', null)
    .where('workspace.uninstalledAt', 'is', null)
    .execute();
  return rows.map((row) => row.teamId);
}

export interface RetentionCounts {
  replies: number;
  learnings: number;
  reviews: number;
  reflections: number;
  feedback: number;
  checkIns: number;
  commitments: number;
  prompts: number;
  eventReceipts: number;
  scheduledDms: number;
  /** Pulses closed before the cutoff, with their answers, comments and who was asked and answered. */
  pulses: number;
  /** AI drafts (published or not) made before the cutoff: their text is workspace content like any other. */
  aiDrafts: number;
}

// The claim leaves at least this long between two runs, so a run near midnight does not repeat at 03:00.
const MIN_HOURS_BETWEEN_RUNS = 20;

/**
 * Claims today's retention run for a workspace and deletes its content older than the retention
 * period, all in one transaction: a second process waits on the row lock, then finds it claimed;
 * a failed run rolls its claim back and is tried again on the next tick. Null when not claimed.
 * `dayStart` is when today's run window opened: a run since then means today's is done (the 20 hours
 * alone would let an every-minute scheduler drift to a run every 20 hours).
 */
export async function applyRetentionFor(db: Db, teamId: string, now: Date, dayStart: Date): Promise<RetentionCounts | null> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('workspaceSetting')
      .set({ lastRetentionRunAt: now })
      .where('teamId', '=', teamId)
      .where('retentionDays', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('lastRetentionRunAt', 'is', null),
          eb.and([eb('lastRetentionRunAt', '<', new Date(now.getTime() - MIN_HOURS_BETWEEN_RUNS * 3_600_000)), eb('lastRetentionRunAt', '<', dayStart)]),
        ]),
      )
      .returning('retentionDays')
      .executeTakeFirst();
    if (!claimed?.retentionDays) return null;
    const cutoff = new Date(now.getTime() - claimed.retentionDays * 86_400_000);
    const one = async (query: { executeTakeFirst(): Promise<DeleteResult | undefined> }) => deleted(await query.executeTakeFirst());

    const replies = await one(trx.deleteFrom('threadReply').where('teamId', '=', teamId).where('createdAt', '<', cutoff));
    const oldReviews = trx.selectFrom('review').select('id').where('teamId', '=', teamId).where('status', '=', 'closed').where('closedAt', '<', cutoff);
    const reflections = await one(trx.deleteFrom('reflection').where('teamId', '=', teamId).where('reviewId', 'in', oldReviews));
    const oldPrompts = trx.selectFrom('prompt').select('id').where('teamId', '=', teamId).where('createdAt', '<', cutoff);
    // The threads of deleted reviews and prompts are no longer followed (their newer replies go with them).
    await trx
      .deleteFrom('trackedThread')
      .where('teamId', '=', teamId)
      .where((eb) => eb.or([eb.and([eb('kind', '=', 'review'), eb('subjectId', 'in', oldReviews)]), eb.and([eb('kind', '=', 'prompt'), eb('subjectId', 'in', oldPrompts)])]))
      .execute();
    return {
      replies,
      learnings: await one(trx.deleteFrom('learning').where('teamId', '=', teamId).where('createdAt', '<', cutoff)),
      reflections,
      reviews: await one(trx.deleteFrom('review').where('teamId', '=', teamId).where('status', '=', 'closed').where('closedAt', '<', cutoff)),
      feedback: await one(trx.deleteFrom('feedback').where('teamId', '=', teamId).where('createdAt', '<', cutoff)),
      checkIns: await one(trx.deleteFrom('checkIn').where('teamId', '=', teamId).where('createdAt', '<', cutoff)),
      commitments: await one(
        trx.deleteFrom('commitment').where('teamId', '=', teamId).where('status', 'in', ['done', 'dropped']).where(sql<Date>`coalesce(done_at, created_at)`, '<', cutoff),
      ),
      prompts: await one(trx.deleteFrom('prompt').where('teamId', '=', teamId).where('createdAt', '<', cutoff)),
      eventReceipts: await one(trx.deleteFrom('eventReceipt').where('teamId', '=', teamId).where('createdAt', '<', cutoff)),
      scheduledDms: await one(trx.deleteFrom('scheduledDm').where('teamId', '=', teamId).where('status', 'in', ['sent', 'dropped']).where('createdAt', '<', cutoff)),
      // Their answers, comments, invitations and participation go with them (foreign keys cascade).
      pulses: await one(trx.deleteFrom('pulseRun').where('teamId', '=', teamId).where('status', 'in', ['closed', 'failed']).where('closedAt', '<', cutoff)),
      aiDrafts: await one(trx.deleteFrom('aiDraft').where('teamId', '=', teamId).where('createdAt', '<', cutoff)),
    };
  });
}
