import type { Db } from './connect';
import { samePersonWorkspaceIds } from './workspaces';

/** Mutes (or, with null, unmutes) every scheduled Learnloop DM for a person, in every workspace of their org. */
export async function upsertPersonMute(db: Db, teamId: string, userId: string, mutedUntil: Date | null): Promise<void> {
  const teamIds = await samePersonWorkspaceIds(db, teamId);
  await db
    .insertInto('person')
    .values(teamIds.map((id) => ({ teamId: id, userId, mutedUntil, timeZone: null })))
    .onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ mutedUntil }))
    .execute();
}

export async function findPerson(db: Db, teamId: string, userId: string): Promise<{ mutedUntil: Date | null } | undefined> {
  return db.selectFrom('person').select(['mutedUntil']).where('teamId', '=', teamId).where('userId', '=', userId).executeTakeFirst();
}
