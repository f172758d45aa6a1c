import { sameOrgTeamIds } from '../../platform/db/workspaces';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ThreadKind, ThreadReplyRow, Visibility } from '../../platform/db/schema';

export type ThreadReply = ThreadReplyRow;

export interface IncomingReply {
  teamId: string;
  channelId: string;
  threadTs: string;
  ts: string;
  userId: string;
  text: string;
  permalink: string;
  channelPrivate: boolean;
}

/** Where a stored reply went: its thread's kind and subject, and whether this delivery stored it. */
export type StoredReply = { kind: ThreadKind; subjectId: number; stored: boolean } | undefined;

/**
 * Stores each reply whose thread is one Learnloop follows, all in one statement (this runs before the
 * event is acknowledged, and several events share a statement under load). Returns, in input order,
 * the thread's kind and subject, or undefined for any other thread. A second delivery of the same
 * reply changes nothing.
 */
export async function insertThreadRepliesIfTracked(db: Db, replies: readonly IncomingReply[]): Promise<StoredReply[]> {
  const column = <K extends keyof IncomingReply>(key: K): IncomingReply[K][] => replies.map((reply) => reply[key]);
  const result = await sql<{ ord: number; kind: ThreadKind; subject_id: number; stored: boolean }>`
    with input as (
      select * from unnest(
        ${column('teamId')}::text[], ${column('channelId')}::text[], ${column('threadTs')}::text[], ${column('ts')}::text[],
        ${column('userId')}::text[], ${column('text')}::text[], ${column('permalink')}::text[], ${column('channelPrivate')}::boolean[]
      ) with ordinality as i(team_id, channel_id, thread_ts, ts, user_id, text, permalink, channel_private, ord)
    ), candidate as (
      -- A channel shared between workspaces of one Enterprise Grid org is one channel: a reply from any
      -- of them joins the thread in the workspace that follows it.
      select input.*, input.team_id as thread_team_id from input
      union all
      select input.*, sibling.team_id from input
      join workspace self on self.team_id = input.team_id
      join workspace sibling on sibling.enterprise_id = self.enterprise_id and sibling.team_id <> self.team_id
    ), matched as (
      select distinct on (candidate.ord) candidate.*, thread.id as thread_id, thread.kind, thread.subject_id
      from candidate join tracked_thread thread
        on thread.team_id = candidate.thread_team_id and thread.channel_id = candidate.channel_id and thread.thread_ts = candidate.thread_ts
      order by candidate.ord, candidate.thread_team_id = candidate.team_id desc
    ), inserted as (
      insert into thread_reply (team_id, thread_id, channel_id, user_id, text, ts, permalink, visibility, private_channel_id)
      select thread_team_id, thread_id, channel_id, user_id, text, ts, permalink, 'public', case when channel_private then channel_id end
      from matched
      on conflict (team_id, channel_id, ts) where ts is not null do nothing
      returning team_id, channel_id, ts
    )
    select matched.ord::int as ord, matched.kind, matched.subject_id,
      exists (select 1 from inserted where inserted.team_id = matched.thread_team_id and inserted.channel_id = matched.channel_id and inserted.ts = matched.ts) as stored
    from matched`.execute(db.withoutPlugins());
  const byOrd = new Map(result.rows.map((row) => [Number(row.ord), { kind: row.kind, subjectId: row.subject_id, stored: row.stored }]));
  return replies.map((_, index) => byOrd.get(index + 1));
}

/**
 * Follows an edit in Slack; true when a stored reply changed. With the edit's ts, an edit older than
 * the one already stored (a late redelivery) changes nothing.
 */
export async function updateThreadReplyText(db: Db, teamId: string, channelId: string, ts: string, edit: { text: string; editedTs: string | null }, now: Date): Promise<boolean> {
  let query = db
    .updateTable('threadReply')
    .set({ text: edit.text, editedAt: now, ...(edit.editedTs ? { editedTs: edit.editedTs } : {}) })
    .where('teamId', 'in', sameOrgTeamIds(teamId))
    .where('channelId', '=', channelId)
    .where('ts', '=', ts)
    .where('text', '<>', edit.text);
  if (edit.editedTs) {
    const editedTs = edit.editedTs;
    query = query.where((eb) => eb.or([eb('editedTs', 'is', null), sql<boolean>`${eb.ref('editedTs')}::numeric < ${editedTs}::numeric`]));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Follows a deletion in Slack: the stored text is removed, not flagged. */
export async function deleteThreadReplyByTs(db: Db, teamId: string, channelId: string, ts: string): Promise<boolean> {
  const result = await db.deleteFrom('threadReply').where('teamId', 'in', sameOrgTeamIds(teamId)).where('channelId', '=', channelId).where('ts', '=', ts).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Stores a reply that exists only in Learnloop (the "Reply privately" modal). */
export async function insertPrivateReply(db: Db, reply: { teamId: string; kind: ThreadKind; subjectId: number; userId: string; text: string }): Promise<ThreadReply | undefined> {
  const thread = await db
    .selectFrom('trackedThread')
    .select(['id', 'channelId'])
    .where('teamId', '=', reply.teamId)
    .where('kind', '=', reply.kind)
    .where('subjectId', '=', reply.subjectId)
    .executeTakeFirst();
  if (!thread) return undefined;
  const visibility: Visibility = 'private';
  return db
    .insertInto('threadReply')
    .values({ teamId: reply.teamId, threadId: thread.id, channelId: thread.channelId, userId: reply.userId, text: reply.text, ts: null, permalink: null, visibility })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The replies of a followed thread that `viewerId` may see: every public reply, and private
 * replies only when the viewer wrote them.
 */
export async function listVisibleReplies(db: Db, teamId: string, kind: ThreadKind, subjectId: number, viewerId: string): Promise<ThreadReply[]> {
  return db
    .selectFrom('threadReply')
    .innerJoin('trackedThread', 'trackedThread.id', 'threadReply.threadId')
    .selectAll('threadReply')
    .where('threadReply.teamId', '=', teamId)
    .where('trackedThread.teamId', '=', teamId)
    .where('trackedThread.kind', '=', kind)
    .where('trackedThread.subjectId', '=', subjectId)
    .where((eb) => eb.or([eb('threadReply.visibility', '=', 'public'), eb('threadReply.userId', '=', viewerId)]))
    .orderBy('threadReply.id')
    .execute();
}

/** People who replied (publicly or privately) to a followed thread. */
export async function listRepliedUserIds(db: Db, teamId: string, kind: ThreadKind, subjectId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('threadReply')
    .innerJoin('trackedThread', 'trackedThread.id', 'threadReply.threadId')
    .select('threadReply.userId')
    .distinct()
    .where('threadReply.teamId', '=', teamId)
    .where('trackedThread.teamId', '=', teamId)
    .where('trackedThread.kind', '=', kind)
    .where('trackedThread.subjectId', '=', subjectId)
    .execute();
  return rows.map((row) => row.userId);
}
