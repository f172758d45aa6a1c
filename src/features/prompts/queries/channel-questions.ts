import type { Db } from '../../../platform/db/connect';

export interface ChannelQuestion {
  id: number;
  text: string;
  createdBy: string;
}

export async function insertChannelQuestion(db: Db, question: { teamId: string; channelId: string; text: string; createdBy: string }): Promise<ChannelQuestion> {
  return db.insertInto('channelQuestion').values(question).returning(['id', 'text', 'createdBy']).executeTakeFirstOrThrow();
}

export async function listChannelQuestions(db: Db, teamId: string, channelId: string): Promise<ChannelQuestion[]> {
  return db.selectFrom('channelQuestion').select(['id', 'text', 'createdBy']).where('teamId', '=', teamId).where('channelId', '=', channelId).orderBy('id').execute();
}

export async function findChannelQuestion(db: Db, teamId: string, channelId: string, id: number): Promise<ChannelQuestion | undefined> {
  return db
    .selectFrom('channelQuestion')
    .select(['id', 'text', 'createdBy'])
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteChannelQuestion(db: Db, teamId: string, channelId: string, id: number): Promise<void> {
  await db.deleteFrom('channelQuestion').where('teamId', '=', teamId).where('channelId', '=', channelId).where('id', '=', id).execute();
}
