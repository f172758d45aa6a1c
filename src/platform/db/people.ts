import type { Db } from './connect';

/** Mutes (or, with null, unmutes) every scheduled Learnloop DM for a person. */
export async function upsertPersonMute(db: Db, teamId: string, userId: string, mutedUntil: Date | null): Promise<void> {
  await db
    .insertInto('person')
    .values({ teamId, userId, mutedUntil, timeZone: null })
    .onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ mutedUntil }))
    .execute();
}

export async function findPerson(db: Db, teamId: string, userId: string): Promise<{ mutedUntil: Date | null } | undefined> {
  return db.selectFrom('person').select(['mutedUntil']).where('teamId', '=', teamId).where('userId', '=', userId).executeTakeFirst();
}
