import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ThreadKind, ThreadReplyRow, Visibility } from '../../platform/db/schema';

export type ThreadReply = ThreadReplyRow;

/**
 * Stores a reply if its thread is one Learnloop follows, in one statement (this runs before the
 * event is acknowledged). Returns the thread's kind and subject, or undefined for any other thread.
 * A second delivery of the same reply changes nothing.
 */
export async function insertThreadReplyIfTracked(
  db: Db,
  reply: { teamId: string; channelId: string; threadTs: string; ts: string; userId: string; text: string; permalink: string; channelPrivate: boolean },
): Promise<{ kind: ThreadKind; subjectId: number; stored: boolean } | undefined> {
  const result = await sql<{ kind: ThreadKind; subject_id: number; stored: boolean }>`
    with thread as (
      select id, kind, subject_id from tracked_thread
      where team_id = ${reply.teamId} and channel_id = ${reply.channelId} and thread_ts = ${reply.threadTs}
    ), inserted as (
      insert into thread_reply (team_id, thread_id, channel_id, user_id, text, ts, permalink, visibility, private_channel_id)
      select ${reply.teamId}, thread.id, ${reply.channelId}, ${reply.userId}, ${reply.text}, ${reply.ts}, ${reply.permalink}, 'public',
        ${reply.channelPrivate ? reply.channelId : null}::text
      from thread
      on conflict (team_id, channel_id, ts) where ts is not null do nothing
      returning id
    )
    select thread.kind, thread.subject_id, exists (select 1 from inserted) as stored from thread`.execute(db.withoutPlugins());
  const row = result.rows[0];
  return row ? { kind: row.kind, subjectId: row.subject_id, stored: row.stored } : undefined;
}

/**
 * Follows an edit in Slack; true when a stored reply changed. With the edit's ts, an edit older than
 * the one already stored (a late redelivery) changes nothing.
 */
export async function updateThreadReplyText(db: Db, teamId: string, channelId: string, ts: string, edit: { text: string; editedTs: string | null }, now: Date): Promise<boolean> {
  let query = db
    .updateTable('threadReply')
    .set({ text: edit.text, editedAt: now, ...(edit.editedTs ? { editedTs: edit.editedTs } : {}) })
    .where('teamId', '=', teamId)
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
  const result = await db.deleteFrom('threadReply').where('teamId', '=', teamId).where('channelId', '=', channelId).where('ts', '=', ts).executeTakeFirst();
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
