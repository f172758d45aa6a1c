import type { Db } from '../../../platform/db/connect';

export interface PromptSkip {
  id: number;
  fromDate: string;
  toDate: string;
  createdBy: string;
}

export async function insertPromptSkip(db: Db, skip: { teamId: string; channelId: string; fromDate: string; toDate: string; createdBy: string }): Promise<PromptSkip> {
  return db.insertInto('promptSkip').values(skip).returning(['id', 'fromDate', 'toDate', 'createdBy']).executeTakeFirstOrThrow();
}

/** Skips of a channel that end on or after `fromDate` (ISO date), earliest first. */
export async function listPromptSkips(db: Db, teamId: string, channelId: string, fromDate = '0001-01-01'): Promise<PromptSkip[]> {
  return db
    .selectFrom('promptSkip')
    .select(['id', 'fromDate', 'toDate', 'createdBy'])
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('toDate', '>=', fromDate)
    .orderBy('fromDate')
    .execute();
}

export async function findPromptSkip(db: Db, teamId: string, channelId: string, id: number): Promise<PromptSkip | undefined> {
  return db
    .selectFrom('promptSkip')
    .select(['id', 'fromDate', 'toDate', 'createdBy'])
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deletePromptSkip(db: Db, teamId: string, channelId: string, id: number): Promise<void> {
  await db.deleteFrom('promptSkip').where('teamId', '=', teamId).where('channelId', '=', channelId).where('id', '=', id).execute();
}
