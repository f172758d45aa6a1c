import { sql } from 'kysely';
import type { Db } from '../connect';
import type { LearningRow, LearningSource, LearningVisibility } from '../schema';

/** A learning without its search vector. */
export type Learning = Omit<LearningRow, 'search'>;

const columns = [
  'id', 'teamId', 'userId', 'text', 'tags', 'link', 'visibility', 'source', 'creditedUserId', 'sourcePermalink',
  'sourceKind', 'sourceId', 'channelId', 'sharedChannelId', 'sharedTs', 'updatedAt', 'createdAt',
] as const;

export interface NewLearning {
  teamId: string;
  userId: string;
  text: string;
  tags: string[];
  link: string | null;
  visibility: LearningVisibility;
  source: LearningSource;
  creditedUserId?: string | null;
  sourcePermalink?: string | null;
  sourceKind?: string | null;
  sourceId?: number | null;
  channelId?: string | null;
}

export async function insertLearning(db: Db, learning: NewLearning): Promise<Learning> {
  return db.insertInto('learning').values(learning).returning(columns).executeTakeFirstOrThrow();
}

export async function findLearning(db: Db, teamId: string, id: number): Promise<Learning | undefined> {
  return db.selectFrom('learning').select(columns).where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Changes a learning; only its author's id matches, so nobody edits another's learning. */
export async function updateLearning(
  db: Db,
  teamId: string,
  id: number,
  authorId: string,
  change: { text: string; tags: string[]; link: string | null; visibility: LearningVisibility; source?: LearningSource },
  now: Date,
): Promise<Learning | undefined> {
  return db
    .updateTable('learning')
    .set({ ...change, updatedAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('userId', '=', authorId)
    .returning(columns)
    .executeTakeFirst();
}

/** Deletes the row itself (not a flag); only the author's id matches. */
export async function deleteLearning(db: Db, teamId: string, id: number, authorId: string): Promise<Learning | undefined> {
  return db.deleteFrom('learning').where('teamId', '=', teamId).where('id', '=', id).where('userId', '=', authorId).returning(columns).executeTakeFirst();
}

export async function recordLearningShared(db: Db, teamId: string, id: number, channelId: string, ts: string): Promise<void> {
  await db.updateTable('learning').set({ sharedChannelId: channelId, sharedTs: ts }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** Recent learnings the viewer may see, optionally of one author or with one tag; newest first. */
export async function listRecentLearnings(
  db: Db,
  teamId: string,
  viewerId: string,
  filter: { authorId?: string; tag?: string; limit?: number; offset?: number } = {},
): Promise<Learning[]> {
  let query = db
    .selectFrom('learning')
    .select(columns)
    .where('teamId', '=', teamId)
    .where((eb) => eb.or([eb('visibility', '=', 'team'), eb('userId', '=', viewerId)]));
  if (filter.authorId) query = query.where('userId', '=', filter.authorId);
  if (filter.tag) query = query.where('tags', '@>', sql<string[]>`array[${filter.tag}]::text[]`);
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 10).offset(filter.offset ?? 0).execute();
}

export interface SearchHit {
  kind: 'learning' | 'reply';
  id: number;
  userId: string;
  text: string;
  tags: string[];
  link: string | null;
  permalink: string | null;
  visibility: string;
  createdAt: Date;
  rank: number;
}

/**
 * Full-text search (websearch syntax: "quotes", OR, -exclusion) over the learnings the viewer may see
 * and public prompt replies; ranked by relevance, then recency. With tags, only learnings carrying
 * every tag match (replies have no tags). Feedback is never searched.
 */
export async function searchKnowledge(
  db: Db,
  teamId: string,
  viewerId: string,
  query: { words: string; tags: string[]; limit: number; offset: number },
): Promise<SearchHit[]> {
  const hasWords = query.words.trim() !== '';
  const tsquery = sql`websearch_to_tsquery('english', ${query.words})`;
  const tagFilter = query.tags.length > 0 ? sql`and l.tags @> ${sql`array[${sql.join(query.tags)}]::text[]`}` : sql``;
  const learnings = sql`
    select 'learning' as kind, l.id, l.user_id, l.text, l.tags, l.link, null::text as permalink, l.visibility, l.created_at,
      ${hasWords ? sql`ts_rank(l.search, ${tsquery})` : sql`0`}::real as rank
    from learning l
    where l.team_id = ${teamId} and (l.visibility = 'team' or l.user_id = ${viewerId})
      ${hasWords ? sql`and l.search @@ ${tsquery}` : sql``} ${tagFilter}`;
  const replies = sql`
    select 'reply' as kind, r.id::integer, r.user_id, r.text, '{}'::text[] as tags, null::text as link, r.permalink, r.visibility, r.created_at,
      ts_rank(r.search, ${tsquery})::real as rank
    from thread_reply r
    join tracked_thread t on t.id = r.thread_id and t.team_id = ${teamId} and t.kind = 'prompt'
    where r.team_id = ${teamId} and r.visibility = 'public' and r.search @@ ${tsquery}`;
  const union = hasWords && query.tags.length === 0 ? sql`${learnings} union all ${replies}` : learnings;
  const result = await sql<{ kind: 'learning' | 'reply'; id: number; user_id: string; text: string; tags: string[]; link: string | null; permalink: string | null; visibility: string; created_at: Date; rank: number }>`
    select * from (${union}) hits order by rank desc, created_at desc, id desc limit ${query.limit} offset ${query.offset}`.execute(db.withoutPlugins());
  return result.rows.map((row) => ({
    kind: row.kind,
    id: row.id,
    userId: row.user_id,
    text: row.text,
    tags: row.tags,
    link: row.link,
    permalink: row.permalink,
    visibility: row.visibility,
    createdAt: row.created_at,
    rank: row.rank,
  }));
}
