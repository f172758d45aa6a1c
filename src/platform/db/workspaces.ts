import { sql, type RawBuilder } from 'kysely';
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
 * The workspace and, in an Enterprise Grid org, every other workspace of the org, as a subquery for
 * `where team_id in (…)`: what a channel shared between the org's workspaces is stored under.
 */
export function sameOrgTeamIds(teamId: string): RawBuilder<string> {
  return sql<string>`(select ${teamId}::text union select sibling.team_id from workspace self join workspace sibling on sibling.enterprise_id = self.enterprise_id where self.team_id = ${teamId})`;
}

/**
 * The workspaces a person's own settings span: a person's W… id is the same across an Enterprise Grid
 * org, and their quiet setting and DM budget are theirs, not one workspace's.
 */
export async function samePersonWorkspaceIds(db: Db, teamId: string): Promise<string[]> {
  const rows = await sql<{ team_id: string }>`select team_id from ${sameOrgTeamIds(teamId)} as org(team_id)`.execute(db.withoutPlugins());
  return rows.rows.map((row) => row.team_id);
}
