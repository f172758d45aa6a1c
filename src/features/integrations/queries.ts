import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ApiTokenTable, EventSourceKind } from '../../platform/db/schema';
import { hashToken } from './rules';

export type ApiToken = Selectable<ApiTokenTable>;

/** Stores a token's hash under a name; undefined when a live token already has the name. */
export async function insertToken(db: Db, token: { teamId: string; name: string; plain: string; createdBy: string }): Promise<ApiToken | undefined> {
  return db
    .insertInto('apiToken')
    .values({ teamId: token.teamId, name: token.name, tokenHash: hashToken(token.plain), createdBy: token.createdBy, revokedAt: null, lastUsedAt: null })
    .onConflict((oc) => oc.expression(sql`team_id, lower(name)`).where('revokedAt', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function listTokens(db: Db, teamId: string): Promise<ApiToken[]> {
  return db.selectFrom('apiToken').selectAll().where('teamId', '=', teamId).where('revokedAt', 'is', null).orderBy('name').execute();
}

export async function revokeToken(db: Db, teamId: string, name: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('apiToken').set({ revokedAt: now }).where('teamId', '=', teamId).where(sql<boolean>`lower(name) = lower(${name})`).where('revokedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The live token a bearer string is, within the workspace it names. */
export async function findLiveToken(db: Db, teamId: string, plain: string): Promise<ApiToken | undefined> {
  return db.selectFrom('apiToken').selectAll().where('teamId', '=', teamId).where('tokenHash', '=', hashToken(plain)).where('revokedAt', 'is', null).executeTakeFirst();
}

/** Counts a request in its minute, across processes; returns the minute's count so far. */
export async function countRequest(db: Db, teamId: string, tokenId: number, now: Date): Promise<number> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const row = await db
    .insertInto('apiRequestMinute')
    .values({ teamId, tokenId, minute, requests: 1 })
    .onConflict((oc) => oc.columns(['teamId', 'tokenId', 'minute']).doUpdateSet((eb) => ({ requests: eb('apiRequestMinute.requests', '+', 1) })))
    .returning('requests')
    .executeTakeFirstOrThrow();
  await db.updateTable('apiToken').set({ lastUsedAt: now }).where('teamId', '=', teamId).where('id', '=', tokenId).execute();
  return row.requests;
}

export async function deleteOldRequestMinutes(db: Db, teamId: string, now: Date): Promise<number> {
  const result = await db.deleteFrom('apiRequestMinute').where('teamId', '=', teamId).where('minute', '<', new Date(now.getTime() - 10 * 60_000)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function upsertSource(db: Db, source: { teamId: string; source: EventSourceKind; key: string; channelId: string; createdBy: string }): Promise<void> {
  await db.insertInto('eventSource').values(source).onConflict((oc) => oc.columns(['teamId', 'source', 'key']).doUpdateSet({ channelId: source.channelId, createdBy: source.createdBy })).execute();
}

export async function findSourceChannel(db: Db, teamId: string, source: EventSourceKind, key: string): Promise<string | undefined> {
  return (await db.selectFrom('eventSource').select('channelId').where('teamId', '=', teamId).where('source', '=', source).where('key', '=', key).executeTakeFirst())?.channelId;
}

export async function listSources(db: Db, teamId: string): Promise<{ source: string; key: string; channelId: string }[]> {
  return db.selectFrom('eventSource').select(['source', 'key', 'channelId']).where('teamId', '=', teamId).orderBy('source').orderBy('key').execute();
}

export async function setSourceSecret(db: Db, teamId: string, source: EventSourceKind, secret: string, setBy: string): Promise<void> {
  await db.insertInto('eventSourceSecret').values({ teamId, source, secret, setBy }).onConflict((oc) => oc.columns(['teamId', 'source']).doUpdateSet({ secret, setBy, setAt: new Date() })).execute();
}

export async function findSourceSecret(db: Db, teamId: string, source: EventSourceKind): Promise<string | undefined> {
  return (await db.selectFrom('eventSourceSecret').select('secret').where('teamId', '=', teamId).where('source', '=', source).executeTakeFirst())?.secret;
}
