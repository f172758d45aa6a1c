import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { Viewer } from '../../platform/audience/rules';
import { requiredPhrasePairs } from './rules/search';
import { authorFor, learningAudience, replyAudience, visibleTo } from '../../platform/audience/queries';
import type { LearningRow, LearningSource, LearningVisibility } from '../../platform/db/schema';

/** A learning without its search columns. */
export type Learning = Omit<LearningRow, 'search' | 'searchBigrams'>;

const columns = [
  'id', 'teamId', 'userId', 'text', 'tags', 'link', 'visibility', 'source', 'creditedUserId', 'sourcePermalink',
  'sourceKind', 'sourceId', 'channelId', 'privateChannelId', 'sharedChannelId', 'sharedTs', 'shareClaimedAt', 'reactionCount', 'anonymous',
  'updatedAt', 'createdAt',
] as const;

/** A share claim this old without a card was left by a share that stopped; it may be taken again. */
export const STALE_SHARE_CLAIM_MS = 60_000;

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
  /** The private channel it was recorded in or came from (absent or null: none); every capture in a channel sets it. */
  privateChannelId?: string | null;
  anonymous?: boolean;
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

/**
 * Takes a learning for sharing before its card is posted, so a double click posts one card; false when
 * it is shared already or another share is under way.
 */
export async function claimLearningShare(db: Db, teamId: string, id: number, channelId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('learning')
    .set({ sharedChannelId: channelId, shareClaimedAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('sharedTs', 'is', null)
    .where((eb) => eb.or([eb('shareClaimedAt', 'is', null), eb('shareClaimedAt', '<', new Date(now.getTime() - STALE_SHARE_CLAIM_MS))]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Gives the claim back when the card could not be posted. */
export async function releaseLearningShare(db: Db, teamId: string, id: number): Promise<void> {
  await db.updateTable('learning').set({ sharedChannelId: null, shareClaimedAt: null }).where('teamId', '=', teamId).where('id', '=', id).where('sharedTs', 'is', null).execute();
}

export async function recordLearningShared(db: Db, teamId: string, id: number, channelId: string, ts: string): Promise<void> {
  await db.updateTable('learning').set({ sharedChannelId: channelId, sharedTs: ts }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** Counts a reaction added (+1) or removed (-1) on a learning's shared card; false when the message is no card. */
export async function countSharedLearningReaction(db: Db, teamId: string, channelId: string, ts: string, delta: 1 | -1): Promise<boolean> {
  const updated = await db
    .updateTable('learning')
    .set((eb) => ({ reactionCount: sql<number>`greatest(0, ${eb.ref('reactionCount')} + ${delta})` }))
    .where('teamId', '=', teamId)
    .where('sharedChannelId', '=', channelId)
    .where('sharedTs', '=', ts)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Recent learnings the viewer may see, optionally of one author or with one tag; newest first. */
export async function listRecentLearnings(
  db: Db,
  teamId: string,
  viewer: Viewer,
  filter: { authorId?: string; tag?: string; limit?: number; offset?: number } = {},
): Promise<Learning[]> {
  let query = db
    .selectFrom('learning as l')
    .select(columns.map((c) => `l.${c}` as const))
    .where('l.teamId', '=', teamId)
    .where(visibleTo(viewer, learningAudience('l')));
  // An anonymous learning never shows up under its author's name for anyone else.
  if (filter.authorId) query = query.where('l.userId', '=', filter.authorId).where(sql<boolean>`${authorFor(viewer, 'l.user_id', 'l.anonymous')} is not null`);
  if (filter.tag) query = query.where('l.tags', '@>', sql<string[]>`array[${filter.tag}]::text[]`);
  const rows = await query.orderBy('l.createdAt', 'desc').orderBy('l.id', 'desc').limit(filter.limit ?? 10).offset(filter.offset ?? 0).execute();
  return rows;
}

export interface SearchHit {
  kind: 'learning' | 'reply';
  id: number;
  /** Null for a learning from an anonymous reflection, unless the viewer wrote it. */
  userId: string | null;
  text: string;
  tags: string[];
  link: string | null;
  permalink: string | null;
  visibility: string;
  /** Learnings only: where it was shared and what it was learned from (null for replies). */
  sharedChannelId: string | null;
  sharedTs: string | null;
  sourcePermalink: string | null;
  creditedUserId: string | null;
  createdAt: Date;
  rank: number;
}

/**
 * How many of a source's newest matches are ranked (learnings and replies each; 20 pages of results).
 * A common word matches a quarter of a big workspace's replies, and ranking them all means reading
 * every one (half a second at a million replies); walking the newest rows by id until this many match
 * takes milliseconds. A larger number makes words that are neither rare nor common slower (bench:search).
 */
export const SEARCH_CANDIDATES = 200;

/**
 * Full-text search (websearch syntax: "quotes", OR, -exclusion) over the learnings the viewer may see
 * and public prompt replies; ranked by relevance, then recency. With tags, only learnings carrying
 * every tag match (replies have no tags). Feedback is never searched.
 *
 * Ranking is exact when a source has at most SEARCH_CANDIDATES matches; otherwise it ranks that source's
 * newest SEARCH_CANDIDATES matches. Phrase searches are always exact: PostgreSQL estimates a phrase
 * as if its words could appear anywhere, and for a phrase whose words are common but rarely adjacent
 * the newest-first walk would read the whole table. A phrase's adjacent word pairs are looked up in
 * their own index instead, and the phrase is checked on just those rows.
 */
export async function searchKnowledge(
  db: Db,
  teamId: string,
  viewer: Viewer,
  query: { words: string; tags: string[]; limit: number; offset: number },
): Promise<SearchHit[]> {
  const hasWords = query.words.trim() !== '';
  const tsquery = sql`websearch_to_tsquery('english', ${query.words})`;
  // How PostgreSQL reads the words decides the plan: a phrase, and which adjacent pairs it needs.
  const parsed = hasWords ? (await sql<{ q: string }>`select ${tsquery}::text as q`.execute(db.withoutPlugins())).rows[0]?.q ?? '' : '';
  const isPhrase = /<->|<\d+>/.test(parsed);
  const pairs = requiredPhrasePairs(parsed);
  const candidates = (table: string, alias: string, where: RawBuilder<unknown>) => {
    const source = sql.raw(`${table} ${alias}`);
    const search = sql.ref(`${alias}.search`);
    if (!isPhrase) return sql`(select * from ${source} where ${where} and ${search} @@ ${tsquery} order by ${sql.ref(`${alias}.id`)} desc limit ${SEARCH_CANDIDATES})`;
    if (pairs.length === 0) return sql`(select * from ${source} where ${where} and ${search} @@ ${tsquery})`;
    // The pair index finds the rows; ts_match_vq is @@ in a form the planner does not send to the word
    // index, which would read every row holding the words only to intersect with far fewer.
    return sql`(select * from ${source} where ${where} and ts_match_vq(${search}, ${tsquery})
      and ${sql.ref(`${alias}.search_bigrams`)} @> ${sql`array[${sql.join(pairs)}]::text[]`})`;
  };

  const tagFilter = query.tags.length > 0 ? sql`and l.tags @> ${sql`array[${sql.join(query.tags)}]::text[]`}` : sql``;
  const learningWhere = sql`l.team_id = ${teamId} and ${visibleTo(viewer, learningAudience('l'))} ${tagFilter}`;
  const learningColumns = sql`'learning' as kind, l.id, ${authorFor(viewer, 'l.user_id', 'l.anonymous')} as user_id, l.text, l.tags, l.link, null::text as permalink, l.visibility,
      l.shared_channel_id, l.shared_ts, l.source_permalink, l.credited_user_id, l.created_at`;
  const learnings = hasWords
    ? sql`select ${learningColumns}, ts_rank(l.search, ${tsquery})::real as rank
      from ${candidates('learning', 'l', learningWhere)} l`
    : sql`select ${learningColumns}, 0::real as rank from learning l where ${learningWhere}`;
  const replies = sql`
    select 'reply' as kind, r.id::integer, r.user_id, r.text, '{}'::text[] as tags, null::text as link, r.permalink, r.visibility,
      null::text, null::text, null::text, null::text, r.created_at, ts_rank(r.search, ${tsquery})::real as rank
    from ${candidates(
      'thread_reply',
      'r',
      sql`r.team_id = ${teamId} and r.visibility = 'public' and ${visibleTo(viewer, replyAudience('r'))}
        and exists (select 1 from tracked_thread t where t.id = r.thread_id and t.team_id = ${teamId} and t.kind = 'prompt')`,
    )} r`;
  const union = hasWords && query.tags.length === 0 ? sql`${learnings} union all ${replies}` : learnings;
  const result = await sql<{
    kind: 'learning' | 'reply'; id: number; user_id: string | null; text: string; tags: string[]; link: string | null; permalink: string | null; visibility: string;
    shared_channel_id: string | null; shared_ts: string | null; source_permalink: string | null; credited_user_id: string | null; created_at: Date; rank: number;
  }>`
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
    sharedChannelId: row.shared_channel_id,
    sharedTs: row.shared_ts,
    sourcePermalink: row.source_permalink,
    creditedUserId: row.credited_user_id,
    createdAt: row.created_at,
    rank: row.rank,
  }));
}

/** Whether the prompt a learning says it came from still exists, in that channel (a learning's source, read here so learnings need not import prompts). */
export async function isPromptOfChannel(db: Db, teamId: string, promptId: number, channelId: string | null): Promise<boolean> {
  if (channelId === null) return false;
  const row = await db.selectFrom('prompt').select('id').where('teamId', '=', teamId).where('id', '=', promptId).where('channelId', '=', channelId).executeTakeFirst();
  return row !== undefined;
}
