import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect';
import { DEFAULT_MIN_GROUP_SIZE } from '../rules';
import { WEEK_MS } from '../../../platform/time/units';
import { WORKSPACE_VIEWER } from '../../../platform/audience/rules';
import { learningAudience, visibleTo } from '../../../platform/audience/queries';

/** What `/learnloop settings min-group N` accepts: figures about fewer people than this are hidden. */
export const MIN_GROUP_SIZE_MIN = 2;
export const MIN_GROUP_SIZE_MAX = 50;

/**
 * The figures behind the weekly digest and `/learnloop stats`. Every function takes
 * (db, teamId, channelId | null, from, to): channelId null means the whole workspace; the period is
 * [from, to). Private replies and private learnings are never counted.
 */

const n = (value: unknown): number => Number(value ?? 0);

/**
 * Which rows a figure counts: the channel's (every one of them is for the channel's readers), or for
 * the workspace only rows the whole workspace may read, so a private channel's activity never shows
 * in a workspace figure (the audience rule, platform/audience/rules.ts).
 */
const scope = (channelId: string | null, alias = '') => {
  const column = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return channelId === null ? sql`and ${column('private_channel_id')} is null` : sql`and ${column('channel_id')} = ${channelId}`;
};

/**
 * Which learnings a figure counts: those recorded in or shared to the channel (or, for the workspace,
 * anywhere) that the figure's readers may read, through the one audience predicate.
 */
const learningScope = (channelId: string | null) => {
  const readers = channelId === null ? WORKSPACE_VIEWER : { userId: null, privateChannelIds: [channelId] };
  const place = channelId === null ? sql`` : sql`and (learning.channel_id = ${channelId} or (learning.shared_channel_id = ${channelId} and learning.shared_ts is not null))`;
  return sql`${place} and ${visibleTo(readers, learningAudience('learning'))}`;
};

/** Public thread replies in the period, and how many distinct people wrote them. */
export async function countReplies(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<{ replies: number; responders: number }> {
  const row = await sql<{ replies: string; responders: string }>`
    select count(*) as replies, count(distinct user_id) as responders
    from thread_reply
    where team_id = ${teamId} ${scope(channelId)}
      and created_at >= ${from} and created_at < ${to} and visibility = 'public'`.execute(db);
  return { replies: n(row.rows[0]?.replies), responders: n(row.rows[0]?.responders) };
}

export interface WeeklyReplies {
  /** Start of the week (inclusive). */
  weekStart: Date;
  replies: number;
  responders: number;
}

/** Public replies and distinct responders per 7-day week, `weeks` weeks ending at `to` (oldest first). */
export async function listWeeklyReplies(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<WeeklyReplies[]> {
  const weeks = Math.max(1, Math.round((to.getTime() - from.getTime()) / WEEK_MS));
  const rows = await sql<{ week: number; replies: string; responders: string }>`
    select floor(extract(epoch from (${to}::timestamptz - created_at)) / 604800)::int as week,
           count(*) as replies, count(distinct user_id) as responders
    from thread_reply
    where team_id = ${teamId} ${scope(channelId)}
      and created_at >= ${from} and created_at < ${to} and visibility = 'public'
    group by 1`.execute(db);
  const byWeek = new Map(rows.rows.map((r) => [r.week, r]));
  return Array.from({ length: weeks }, (_, i) => {
    const back = weeks - 1 - i;
    const row = byWeek.get(back);
    return { weekStart: new Date(to.getTime() - (back + 1) * WEEK_MS), replies: n(row?.replies), responders: n(row?.responders) };
  });
}

/** Team (non-private) learnings recorded in or shared to the channel in the period, and their distinct authors. */
export async function countLearnings(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<{ learnings: number; authors: number }> {
  const row = await sql<{ learnings: string; authors: string }>`
    select count(*) as learnings, count(distinct user_id) as authors
    from learning
    where team_id = ${teamId} ${learningScope(channelId)}
      and created_at >= ${from} and created_at < ${to} and visibility = 'team'`.execute(db);
  return { learnings: n(row.rows[0]?.learnings), authors: n(row.rows[0]?.authors) };
}

export interface RecentLearning {
  id: number;
  userId: string;
  text: string;
  reactionCount: number;
  createdAt: Date;
}

/**
 * The channel's named team learnings of the period that people reacted to most on their shared cards,
 * then the newest (anonymous ones never appear by name, so not at all).
 */
export async function listTopLearnings(db: Db, teamId: string, channelId: string, from: Date, to: Date, limit = 3): Promise<RecentLearning[]> {
  const rows = await sql<RecentLearning>`
    select id, user_id as "userId", text, reaction_count as "reactionCount", created_at as "createdAt" from (
      select id, user_id, text, reaction_count, created_at from learning
      where team_id = ${teamId} ${learningScope(channelId)} and created_at >= ${from} and created_at < ${to}
        and visibility = 'team' and not anonymous
    ) l
    order by reaction_count desc, created_at desc, id desc
    limit ${limit}`.execute(db);
  return rows.rows;
}

/** Reviews opened (created) and closed in the period. */
export async function countReviews(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<{ opened: number; closed: number }> {
  const row = await sql<{ opened: string; closed: string }>`
    select count(*) filter (where created_at >= ${from} and created_at < ${to}) as opened,
           count(*) filter (where closed_at >= ${from} and closed_at < ${to}) as closed
    from review
    where team_id = ${teamId} ${scope(channelId)}
      and (created_at >= ${from} or closed_at >= ${from})`.execute(db);
  return { opened: n(row.rows[0]?.opened), closed: n(row.rows[0]?.closed) };
}

export interface CommitmentFigures {
  /** Done in the period. */
  done: number;
  /** Open at `to`, not yet due. */
  open: number;
  /** Open at `to`, past their due date. */
  overdue: number;
  /** Distinct owners of the commitments counted above. */
  owners: number;
}

/**
 * Commitments of the channel's (or all) reviews: done in the period, open and overdue at its end.
 * `today` is the period end's date where the figures are read (the digest's or the viewer's time zone),
 * since due dates are local dates; UTC's when none is given.
 */
export async function countCommitments(db: Db, teamId: string, channelId: string | null, from: Date, to: Date, today = to.toISOString().slice(0, 10)): Promise<CommitmentFigures> {
  const row = await sql<{ done: string; open: string; overdue: string; owners: string }>`
    select count(*) filter (where c.status = 'done' and c.done_at >= ${from} and c.done_at < ${to}) as done,
           count(*) filter (where c.status = 'open' and c.due_date >= ${today}) as open,
           count(*) filter (where c.status = 'open' and c.due_date < ${today}) as overdue,
           count(distinct c.owner_id) filter (where c.status = 'open' or (c.status = 'done' and c.done_at >= ${from} and c.done_at < ${to})) as owners
    from commitment c join review r on r.id = c.review_id and r.team_id = c.team_id
    where c.team_id = ${teamId} ${scope(channelId, 'r')}
      and c.created_at < ${to}`.execute(db);
  const r = row.rows[0];
  return { done: n(r?.done), open: n(r?.open), overdue: n(r?.overdue), owners: n(r?.owners) };
}

/** Of the commitments due in the period: how many were done, of how many, by how many distinct owners. */
export async function commitmentCompletion(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<{ done: number; total: number; owners: number }> {
  const row = await sql<{ done: string; total: string; owners: string }>`
    select count(*) filter (where c.status = 'done') as done, count(*) as total, count(distinct c.owner_id) as owners
    from commitment c join review r on r.id = c.review_id and r.team_id = c.team_id
    where c.team_id = ${teamId} ${scope(channelId, 'r')}
      and c.due_date >= ${from.toISOString().slice(0, 10)} and c.due_date < ${to.toISOString().slice(0, 10)}`.execute(db);
  const r = row.rows[0];
  return { done: n(r?.done), total: n(r?.total), owners: n(r?.owners) };
}

/** Median days from a review's start to each of its commitments being done (done in the period); null when none. */
export async function medianDaysToCommitmentDone(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<{ days: number | null; owners: number }> {
  const row = await sql<{ days: string | null; owners: string }>`
    select percentile_cont(0.5) within group (order by extract(epoch from (c.done_at - r.created_at)) / 86400) as days,
           count(distinct c.owner_id) as owners
    from commitment c join review r on r.id = c.review_id and r.team_id = c.team_id
    where c.team_id = ${teamId} ${scope(channelId, 'r')}
      and c.status = 'done' and c.done_at >= ${from} and c.done_at < ${to}`.execute(db);
  const days = row.rows[0]?.days;
  return { days: days === null || days === undefined ? null : Number(days), owners: n(row.rows[0]?.owners) };
}

/** People who wrote a public reply or a team learning in the period. */
export async function countActiveLearners(db: Db, teamId: string, channelId: string | null, from: Date, to: Date): Promise<number> {
  const channel = scope(channelId);
  const row = await sql<{ people: string }>`
    select count(*) as people from (
      select user_id from thread_reply where team_id = ${teamId} ${channel} and created_at >= ${from} and created_at < ${to} and visibility = 'public'
      union
      select user_id from learning where team_id = ${teamId} ${channel} and created_at >= ${from} and created_at < ${to} and visibility = 'team'
    ) people`.execute(db);
  return n(row.rows[0]?.people);
}

/** Team learnings per tag in the period, most used first, with each tag's distinct authors. */
export async function listLearningTags(db: Db, teamId: string, channelId: string | null, from: Date, to: Date, limit = 10): Promise<{ tag: string; learnings: number; authors: number }[]> {
  const rows = await sql<{ tag: string; learnings: string; authors: string }>`
    select tag, count(*) as learnings, count(distinct user_id) as authors
    from learning, unnest(tags) as tag
    where team_id = ${teamId} ${learningScope(channelId)}
      and created_at >= ${from} and created_at < ${to} and visibility = 'team'
    group by tag order by count(*) desc, tag limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ tag: r.tag, learnings: n(r.learnings), authors: n(r.authors) }));
}

/** Mentoring check-ins held in the period vs reminders queued (due), and distinct pairs. */
export async function countCheckIns(db: Db, teamId: string, _channelId: string | null, from: Date, to: Date): Promise<{ held: number; due: number; pairs: number }> {
  const row = await sql<{ held: string; due: string; pairs: string }>`
    select (select count(*) from check_in where team_id = ${teamId} and held_at >= ${from} and held_at < ${to}) as held,
           (select count(*) from scheduled_dm where team_id = ${teamId} and kind = 'mentor_reminder' and due_at >= ${from} and due_at < ${to}) as due,
           (select count(distinct pair_id) from check_in where team_id = ${teamId} and held_at >= ${from} and held_at < ${to}) as pairs`.execute(db);
  const r = row.rows[0];
  return { held: n(r?.held), due: n(r?.due), pairs: n(r?.pairs) };
}

/**
 * People whose feedback, given in the period, the recipient saved as a learning or shared with their
 * mentor, with how many such feedbacks; most first. Names only: never the feedback itself.
 */
export async function listHelpfulFeedbackGivers(db: Db, teamId: string, _channelId: string | null, from: Date, to: Date): Promise<{ userId: string; helped: number }[]> {
  const rows = await sql<{ userId: string; helped: string }>`
    select sender_id as "userId", count(*) as helped
    from feedback
    where team_id = ${teamId} and created_at >= ${from} and created_at < ${to} and status = 'delivered'
      and (saved_learning_id is not null or shared_with_mentor_at is not null)
    group by sender_id order by count(*) desc, sender_id limit 50`.execute(db);
  return rows.rows.map((r) => ({ userId: r.userId, helped: n(r.helped) }));
}

/** The workspace's smallest group size for figures (default 3). */
export async function findMinGroupSize(db: Db, teamId: string): Promise<number> {
  const row = await db.selectFrom('workspaceSetting').select('minGroupSize').where('teamId', '=', teamId).executeTakeFirst();
  return row?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
}

/** Sets the workspace's minimum group size (MIN_GROUP_SIZE_MIN..MAX), keeping its other settings. */
export async function upsertMinGroupSize(db: Db, teamId: string, minGroupSize: number, updatedBy: string): Promise<void> {
  await db
    .insertInto('workspaceSetting')
    .values({ teamId, minGroupSize, retentionDays: null, lastRetentionRunAt: null, updatedBy })
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ minGroupSize, updatedBy }))
    .execute();
}
