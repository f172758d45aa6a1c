import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import { learningAudience, replyAudience, visibleTo } from '../../platform/audience/queries';
import { WORKSPACE_VIEWER } from '../../platform/audience/rules';
import type { CommunityMemberTable, CommunityQuestionTable, CommunityTable } from '../../platform/db/schema';

export type Community = Selectable<CommunityTable>;
export type CommunityMember = Selectable<CommunityMemberTable>;
export type CommunityQuestion = Selectable<CommunityQuestionTable>;

/** Creates a community with its leads; undefined when an active one already has the name. */
export async function insertCommunity(
  db: Db,
  input: { teamId: string; name: string; purpose: string | null; tags: string[]; homeChannelId: string; createdBy: string; leadIds: string[]; nextDigestAt: Date },
): Promise<Community | undefined> {
  return db.transaction().execute(async (trx) => {
    const community = await trx
      .insertInto('community')
      .values({ teamId: input.teamId, name: input.name, purpose: input.purpose, tags: input.tags, homeChannelId: input.homeChannelId, createdBy: input.createdBy, nextDigestAt: input.nextDigestAt, lastDigestAt: null })
      .onConflict((oc) => oc.expression(sql`team_id, lower(name)`).where('status', '=', 'active').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!community) return undefined;
    await trx
      .insertInto('communityMember')
      .values(input.leadIds.map((userId) => ({ teamId: input.teamId, communityId: community.id, userId, role: 'lead' as const, homeTeamChannelId: null })))
      .execute();
    return community;
  });
}

export async function findCommunityByName(db: Db, teamId: string, name: string): Promise<Community | undefined> {
  return db.selectFrom('community').selectAll().where('teamId', '=', teamId).where('status', '=', 'active').where(sql<boolean>`lower(name) = lower(${name.trim()})`).executeTakeFirst();
}

export async function findCommunity(db: Db, teamId: string, id: number): Promise<Community | undefined> {
  return db.selectFrom('community').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function listCommunities(db: Db, teamId: string): Promise<(Community & { members: number })[]> {
  const rows = await db
    .selectFrom('community')
    .leftJoin('communityMember', (join) => join.onRef('communityMember.teamId', '=', 'community.teamId').onRef('communityMember.communityId', '=', 'community.id'))
    .selectAll('community')
    .select((eb) => eb.fn.count<number>('communityMember.userId').as('members'))
    .where('community.teamId', '=', teamId)
    .where('community.status', '=', 'active')
    .groupBy(['community.teamId', 'community.id'])
    .orderBy(sql`lower(community.name)`)
    .execute();
  return rows.map((row) => ({ ...row, members: Number(row.members) }));
}

export async function listCommunitiesOf(db: Db, teamId: string, userId: string): Promise<Community[]> {
  return db
    .selectFrom('community')
    .innerJoin('communityMember', (join) => join.onRef('communityMember.teamId', '=', 'community.teamId').onRef('communityMember.communityId', '=', 'community.id'))
    .selectAll('community')
    .where('community.teamId', '=', teamId)
    .where('community.status', '=', 'active')
    .where('communityMember.userId', '=', userId)
    .orderBy(sql`lower(community.name)`)
    .execute();
}

export async function findMember(db: Db, teamId: string, communityId: number, userId: string): Promise<CommunityMember | undefined> {
  return db.selectFrom('communityMember').selectAll().where('teamId', '=', teamId).where('communityId', '=', communityId).where('userId', '=', userId).executeTakeFirst();
}

export async function listMembers(db: Db, teamId: string, communityId: number): Promise<CommunityMember[]> {
  return db.selectFrom('communityMember').selectAll().where('teamId', '=', teamId).where('communityId', '=', communityId).orderBy('joinedAt').execute();
}

/** Joins (or, for a lead, keeps their role); the team they come from is the channel they joined from. */
export async function joinCommunity(db: Db, member: { teamId: string; communityId: number; userId: string; homeTeamChannelId: string | null; now: Date }): Promise<boolean> {
  const result = await db
    .insertInto('communityMember')
    .values({ teamId: member.teamId, communityId: member.communityId, userId: member.userId, homeTeamChannelId: member.homeTeamChannelId, joinedAt: member.now })
    .onConflict((oc) => oc.columns(['teamId', 'communityId', 'userId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function leaveCommunity(db: Db, teamId: string, communityId: number, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('communityMember').where('teamId', '=', teamId).where('communityId', '=', communityId).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setMemberRole(db: Db, teamId: string, communityId: number, userId: string, role: 'lead' | 'member'): Promise<void> {
  await db
    .insertInto('communityMember')
    .values({ teamId, communityId, userId, role, homeTeamChannelId: null })
    .onConflict((oc) => oc.columns(['teamId', 'communityId', 'userId']).doUpdateSet({ role }))
    .execute();
}

export async function setPairing(db: Db, teamId: string, communityId: number, userId: string, on: boolean): Promise<boolean> {
  const result = await db.updateTable('communityMember').set({ pairing: on }).where('teamId', '=', teamId).where('communityId', '=', communityId).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateCommunity(db: Db, teamId: string, id: number, change: Partial<Pick<Community, 'tags' | 'purpose' | 'status'>>): Promise<void> {
  await db.updateTable('community').set(change).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** One item of a community's flow: a team learning or a public prompt reply carrying one of its tags. */
export interface FlowItem {
  kind: 'learning' | 'reply';
  id: number;
  userId: string;
  text: string;
  channelId: string | null;
  reactions: number;
  at: Date;
}

/**
 * What flows to a community since `since`: learnings and public prompt replies from any channel that carry
 * one of its tags, and only what the whole workspace may read (never a private channel's item, a private
 * item or an anonymous one), most reacted to first, then newest.
 */
export async function listCommunityFlow(db: Db, community: Pick<Community, 'teamId' | 'tags'>, since: Date, limit: number): Promise<FlowItem[]> {
  // PostgreSQL's regular expressions: POSIX classes (tags are letters, digits, _ and -, nothing to escape).
  const pattern = `(^|[[:space:]])#(${community.tags.map((tag) => tag.replace(/[^\p{L}\p{N}_-]/gu, '')).join('|')})([^[:alnum:]_-]|$)`;
  const rows = await sql<{ kind: 'learning' | 'reply'; id: number; user_id: string; text: string; channel_id: string | null; reactions: number; at: Date }>`
    (select 'learning' as kind, l.id, l.user_id, l.text, coalesce(l.shared_channel_id, l.channel_id) as channel_id, l.reaction_count as reactions, l.created_at as at
     from learning l
     where l.team_id = ${community.teamId} and l.tags && ${community.tags}::text[] and l.created_at >= ${since}
       and ${visibleTo(WORKSPACE_VIEWER, learningAudience('l'))} and not l.anonymous
     order by l.created_at desc limit ${limit * 5})
    union all
    (select 'reply', r.id::int, r.user_id, r.text, r.channel_id, 0, r.created_at
     from thread_reply r
     where r.team_id = ${community.teamId} and r.created_at >= ${since} and ${visibleTo(WORKSPACE_VIEWER, replyAudience('r'))}
       and r.text ~* ${pattern}
     order by r.created_at desc limit ${limit * 5})`.execute(db.withoutPlugins());
  return rows.rows
    .map((row) => ({ kind: row.kind, id: Number(row.id), userId: row.user_id, text: row.text, channelId: row.channel_id, reactions: Number(row.reactions), at: new Date(row.at) }))
    .sort((a, b) => b.reactions - a.reactions || b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}

/** The week's figures behind a community digest (before the minimum group size is applied). */
export interface CommunityWeek {
  items: number;
  authors: number;
  /** Items per channel they came from. */
  channels: { channelId: string; items: number; authors: number }[];
  newMembers: number;
  questions: number;
  questionsHelped: number;
}

export async function countCommunityWeek(db: Db, community: Community, since: Date): Promise<CommunityWeek> {
  const flow = await listCommunityFlow(db, community, since, 10_000);
  const byChannel = new Map<string, { items: number; authors: Set<string> }>();
  for (const item of flow) {
    if (!item.channelId) continue;
    const entry = byChannel.get(item.channelId) ?? { items: 0, authors: new Set<string>() };
    entry.items += 1;
    entry.authors.add(item.userId);
    byChannel.set(item.channelId, entry);
  }
  const [members, questions] = await Promise.all([
    db.selectFrom('communityMember').select((eb) => eb.fn.countAll<number>().as('n')).where('teamId', '=', community.teamId).where('communityId', '=', community.id).where('joinedAt', '>=', since).executeTakeFirstOrThrow(),
    db
      .selectFrom('communityQuestion')
      .select([(eb) => eb.fn.countAll<number>().as('asked'), (eb) => eb.fn.count<number>('helpedAt').as('helped')])
      .where('teamId', '=', community.teamId)
      .where('communityId', '=', community.id)
      .where('createdAt', '>=', since)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: flow.length,
    authors: new Set(flow.map((item) => item.userId)).size,
    channels: [...byChannel.entries()].map(([channelId, entry]) => ({ channelId, items: entry.items, authors: entry.authors.size })).sort((a, b) => b.items - a.items),
    newMembers: Number(members.n),
    questions: Number(questions.asked),
    questionsHelped: Number(questions.helped),
  };
}

/** Communities whose weekly digest is due: claimed by moving the next one a week on, once across processes. */
export async function claimDueCommunityDigests(db: Db, teamId: string, now: Date): Promise<Community[]> {
  return db
    .updateTable('community')
    .set((eb) => ({ nextDigestAt: sql<Date>`${eb.ref('nextDigestAt')} + interval '7 days' * greatest(1, ceil(extract(epoch from (${now}::timestamptz - next_digest_at)) / 604800.0))`, lastDigestAt: now }))
    .where('teamId', '=', teamId)
    .where('status', '=', 'active')
    .where('nextDigestAt', '<=', now)
    .returningAll()
    .execute();
}

/**
 * Claims a question before it is posted: undefined when the same asker asked the same words of the same
 * community today already (two presses at once, or a form submitted twice).
 */
export async function claimQuestion(
  db: Db,
  question: { teamId: string; communityId: number; askerId: string; anonymous: boolean; text: string; sourcePermalink: string | null; dedupeKey: string },
): Promise<CommunityQuestion | undefined> {
  return db
    .insertInto('communityQuestion')
    .values({ ...question, messageTs: null, helpedAt: null })
    .onConflict((oc) => oc.columns(['teamId', 'communityId', 'askerId', 'dedupeKey']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Gives a claim back when Slack clearly refused the post (nothing was posted), so asking again works. */
export async function deleteQuestion(db: Db, teamId: string, id: number): Promise<void> {
  await db.deleteFrom('communityQuestion').where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function setQuestionTs(db: Db, teamId: string, id: number, ts: string): Promise<void> {
  await db.updateTable('communityQuestion').set({ messageTs: ts }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function findQuestionByTs(db: Db, teamId: string, channelId: string, ts: string): Promise<(CommunityQuestion & { tags: string[] }) | undefined> {
  return db
    .selectFrom('communityQuestion')
    .innerJoin('community', (join) => join.onRef('community.teamId', '=', 'communityQuestion.teamId').onRef('community.id', '=', 'communityQuestion.communityId'))
    .selectAll('communityQuestion')
    .select('community.tags')
    .where('communityQuestion.teamId', '=', teamId)
    .where('community.homeChannelId', '=', channelId)
    .where('communityQuestion.messageTs', '=', ts)
    .executeTakeFirst();
}

export async function markHelped(db: Db, teamId: string, id: number, now: Date): Promise<void> {
  await db.updateTable('communityQuestion').set({ helpedAt: now }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/**
 * People with team learnings on a tag (never private, from a private channel, or anonymous), most recent
 * first, leaving out anyone who said `/learnloop settings findable off`.
 */
export async function listPeopleOnTag(db: Db, teamId: string, tag: string, limit: number): Promise<{ userId: string; latest: Date; channelId: string | null }[]> {
  const rows = await sql<{ user_id: string; latest: Date; channel_id: string | null }>`
    select distinct on (l.user_id) l.user_id, l.created_at as latest, l.channel_id from learning l
    where l.team_id = ${teamId} and l.tags @> array[${tag}]::text[] and ${visibleTo(WORKSPACE_VIEWER, learningAudience('l'))} and not l.anonymous
      and not exists (select 1 from person p where p.team_id = l.team_id and p.user_id = l.user_id and not p.findable)
    order by l.user_id, l.created_at desc`.execute(db.withoutPlugins());
  return rows.rows
    .map((row) => ({ userId: row.user_id, latest: new Date(row.latest), channelId: row.channel_id }))
    .sort((a, b) => b.latest.getTime() - a.latest.getTime())
    .slice(0, limit);
}

export async function setFindable(db: Db, teamId: string, userId: string, findable: boolean): Promise<void> {
  await db
    .insertInto('person')
    .values({ teamId, userId, timeZone: null, mutedUntil: null, findable })
    .onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ findable }))
    .execute();
}

export async function isFindable(db: Db, teamId: string, userId: string): Promise<boolean> {
  return (await db.selectFrom('person').select('findable').where('teamId', '=', teamId).where('userId', '=', userId).executeTakeFirst())?.findable ?? true;
}

/**
 * Claims the community's next coffee-pairing round for `day` (YYYY-MM-DD): its number, or undefined when a
 * round already ran that day (two leads pressing at once get one round between them).
 */
export async function claimPairingRound(db: Db, teamId: string, communityId: number, day: string): Promise<number | undefined> {
  const result = await sql<{ round: number }>`
    insert into community_pairing_round (team_id, community_id, round, day)
    select ${teamId}, ${communityId}, greatest(
        (select coalesce(max(round), 0) from community_pairing_round where team_id = ${teamId} and community_id = ${communityId}),
        (select coalesce(max(round), 0) from community_pairing where team_id = ${teamId} and community_id = ${communityId})) + 1, ${day}::date
    on conflict do nothing
    returning round`.execute(db.withoutPlugins());
  return result.rows[0] ? Number(result.rows[0].round) : undefined;
}

/** The round that ran on `day`, if one did. */
export async function findPairingRound(db: Db, teamId: string, communityId: number, day: string): Promise<number | undefined> {
  const row = await db.selectFrom('communityPairingRound').select('round').where('teamId', '=', teamId).where('communityId', '=', communityId).where('day', '=', day).executeTakeFirst();
  return row?.round;
}

/** Pairs made in the `rounds` rounds before `round`, as `a+b` keys. */
export async function listRecentPairs(db: Db, teamId: string, communityId: number, round: number, rounds: number): Promise<Set<string>> {
  const rows = await db.selectFrom('communityPairing').select('userIds').where('teamId', '=', teamId).where('communityId', '=', communityId).where('round', '<', round).where('round', '>=', round - rounds).execute();
  const pairs = new Set<string>();
  for (const { userIds } of rows) for (const a of userIds) for (const b of userIds) if (a < b) pairs.add(`${a}+${b}`);
  return pairs;
}

export async function insertPairings(db: Db, teamId: string, communityId: number, round: number, groups: readonly string[][]): Promise<{ id: number; userIds: string[] }[]> {
  if (groups.length === 0) return [];
  return db.insertInto('communityPairing').values(groups.map((userIds) => ({ teamId, communityId, round, userIds: [...userIds] }))).returning(['id', 'userIds']).execute();
}
