import type { Db } from './connect';

/** Records the workspace the bot token belongs to (again after a reinstall). */
export async function upsertWorkspace(db: Db, workspace: { teamId: string; name: string | null; botUserId: string | null; url: string | null }): Promise<void> {
  await db
    .insertInto('workspace')
    .values({ ...workspace, uninstalledAt: null })
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ name: workspace.name, botUserId: workspace.botUserId, url: workspace.url, uninstalledAt: null }))
    .execute();
}

/** Marks a workspace as uninstalled: schedulers leave it alone from then on. */
export async function markWorkspaceUninstalled(db: Db, teamId: string, at: Date): Promise<void> {
  // The first of app_uninstalled and tokens_revoked sets the date; the second leaves it.
  await db.updateTable('workspace').set({ uninstalledAt: at }).where('teamId', '=', teamId).where('uninstalledAt', 'is', null).execute();
}

/** Marks every workspace of an org uninstalled: an org-wide install was removed. */
export async function markOrgUninstalled(db: Db, enterpriseId: string, at: Date): Promise<void> {
  await db.updateTable('workspace').set({ uninstalledAt: at }).where('enterpriseId', '=', enterpriseId).where('uninstalledAt', 'is', null).execute();
}

/** Workspaces that still have Learnloop installed. */
export async function listActiveWorkspaceIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('workspace').select('teamId').where('uninstalledAt', 'is', null).execute();
  return rows.map((row) => row.teamId);
}

/**
 * The workspaces a person's per-person settings span: every workspace of the same Enterprise Grid org
 * (a person's W… id is the same across them, and their quiet setting and DM budget are theirs, not one
 * workspace's), else the workspace alone.
 */
export async function samePersonWorkspaceIds(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('workspace as w')
    .innerJoin('workspace as self', (join) => join.onRef('self.enterpriseId', '=', 'w.enterpriseId'))
    .select('w.teamId')
    .where('self.teamId', '=', teamId)
    .execute();
  return [...new Set([teamId, ...rows.map((row) => row.teamId)])];
}
