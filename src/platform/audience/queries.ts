import { sql, type RawBuilder } from 'kysely';
import type { Viewer } from './rules';
import type { Db } from '../db/connect';

/**
 * The audience rule of platform/audience/rules.ts as one SQL predicate. Every read of an item's text goes
 * through `visibleTo`; every author shown beside an item goes through `authorFor`. Column names are
 * snake_case references, qualified by the query's alias (`l.user_id`).
 */
export interface AudienceColumns {
  /** The author's user id column. */
  author: string;
  /** A boolean SQL expression: only the author may read the item. */
  authorOnly: RawBuilder<boolean>;
  /**
   * The same rule said the other way round (the item is shared): a workspace-wide read is written with it, so
   * that it matches the partial indexes' `visibility = 'team'` and PostgreSQL can use them.
   */
  shared: RawBuilder<boolean>;
  /** The private channel column (null: not from a private channel). */
  privateChannel: string;
}

/** True for rows whose text everyone reading the surface may read. */
export function visibleTo(viewer: Viewer, columns: AudienceColumns): RawBuilder<boolean> {
  const privateChannel = sql.ref(columns.privateChannel);
  if (viewer.userId === null && viewer.privateChannelIds.length === 0) {
    // The whole workspace reads the surface: only shared items from no private channel.
    return sql<boolean>`(${columns.shared} and ${privateChannel} is null)`;
  }
  const own = viewer.userId === null ? sql`false` : sql`${sql.ref(columns.author)} = ${viewer.userId}`;
  const channels = sql`${[...viewer.privateChannelIds]}::text[]`;
  return sql<boolean>`(${own} or (not (${columns.authorOnly}) and (${privateChannel} is null or ${privateChannel} = any(${channels}))))`;
}

/** The author to show: null for an anonymous item, unless the viewer wrote it. */
export function authorFor(viewer: Viewer, author: string, anonymous: string): RawBuilder<string | null> {
  const own = viewer.userId === null ? sql`false` : sql`${sql.ref(author)} = ${viewer.userId}`;
  return sql<string | null>`case when ${sql.ref(anonymous)} and not ${own} then null else ${sql.ref(author)} end`;
}

/** A learning's audience columns under alias `alias`. */
export const learningAudience = (alias: string): AudienceColumns => ({
  author: `${alias}.user_id`,
  authorOnly: sql<boolean>`${sql.ref(`${alias}.visibility`)} = 'private'`,
  shared: sql<boolean>`${sql.ref(`${alias}.visibility`)} = 'team'`,
  privateChannel: `${alias}.private_channel_id`,
});

/** A thread reply's audience columns under alias `alias`. */
export const replyAudience = (alias: string): AudienceColumns => ({
  author: `${alias}.user_id`,
  authorOnly: sql<boolean>`${sql.ref(`${alias}.visibility`)} = 'private'`,
  shared: sql<boolean>`${sql.ref(`${alias}.visibility`)} = 'public'`,
  privateChannel: `${alias}.private_channel_id`,
});

/** A reflection's (or commitment's) audience: its review's channel; `author` names the author column. */
export const reviewItemAudience = (author: string, reviewAlias: string): AudienceColumns => ({
  author,
  authorOnly: sql<boolean>`false`,
  shared: sql<boolean>`true`,
  privateChannel: `${reviewAlias}.private_channel_id`,
});

/** What Slack last said of a channel, if it said so since `since`. */
export async function findChannelPrivacy(db: Db, teamId: string, channelId: string, since: Date): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('channelPrivacy')
    .select('isPrivate')
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('checkedAt', '>=', since)
    .executeTakeFirst();
  return row?.isPrivate;
}

export async function upsertChannelPrivacy(db: Db, teamId: string, channelId: string, isPrivate: boolean, now: Date): Promise<void> {
  await db
    .insertInto('channelPrivacy')
    .values({ teamId, channelId, isPrivate, checkedAt: now })
    .onConflict((oc) => oc.columns(['teamId', 'channelId']).doUpdateSet({ isPrivate, checkedAt: now }))
    .execute();
}

/** Channels that items were captured in and whose privacy Learnloop has never asked Slack about. */
export async function listUnclassifiedChannels(db: Db, teamId: string, limit: number): Promise<string[]> {
  const result = await sql<{ channel_id: string }>`
    select channel_id from (
      select channel_id from thread_reply where team_id = ${teamId}
      union select channel_id from learning where team_id = ${teamId} and channel_id is not null
      union select channel_id from review where team_id = ${teamId}
    ) c
    where channel_id not like 'D%'
      and not exists (select 1 from channel_privacy p where p.team_id = ${teamId} and p.channel_id = c.channel_id)
    order by channel_id limit ${limit}`.execute(db.withoutPlugins());
  return result.rows.map((row) => row.channel_id);
}

/** Marks every item captured in a channel that turned out private as that channel's members' only. */
export async function restrictItemsToChannel(db: Db, teamId: string, channelId: string): Promise<number> {
  let changed = 0;
  for (const table of ['thread_reply', 'learning', 'review'] as const) {
    const result = await sql`update ${sql.table(table)} set private_channel_id = ${channelId}
      where team_id = ${teamId} and channel_id = ${channelId} and private_channel_id is null`.execute(db.withoutPlugins());
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}
