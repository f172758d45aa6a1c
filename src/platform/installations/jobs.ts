import type { Deps } from '../../deps';
import type { Job } from '../scheduler';
import { deleteWorkspaceData } from '../db/delete-workspace-data';
import { deleteExpiredStates } from './oauth-state-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The jobs installations need: rotating tokens renewed ahead of time, and uninstalled workspaces forgotten. */
export function installationJobs(deps: Pick<Deps, 'db' | 'logger' | 'config' | 'workspaces'>): Job[] {
  return [refreshRotatingTokens(deps), forgetUninstalledWorkspaces(deps)];
}

/**
 * Renews rotating tokens two hours before they expire, once across processes (claimed in PostgreSQL),
 * so a workspace whose only activity is scheduled work keeps a valid token; forgets stale OAuth states.
 */
export function refreshRotatingTokens(deps: Pick<Deps, 'db' | 'workspaces'>): Job {
  return {
    name: 'refresh-rotating-tokens',
    async run(now): Promise<Record<string, number>> {
      if (!deps.workspaces.distributed) return {};
      return { refreshed: await deps.workspaces.refreshExpiringTokens(now), expiredStates: await deleteExpiredStates(deps.db, now) };
    },
  };
}

/**
 * Deletes every row of a workspace uninstalled more than LEARNLOOP_UNINSTALL_RETENTION_DAYS ago; a
 * reinstall before then clears `uninstalled_at` and keeps it all.
 */
export function forgetUninstalledWorkspaces(deps: Pick<Deps, 'db' | 'logger' | 'config'>): Job {
  return {
    name: 'forget-uninstalled-workspaces',
    async run(now) {
      const cutoff = new Date(now.getTime() - deps.config.uninstallRetentionDays * DAY_MS);
      const due = await deps.db.selectFrom('workspace').select('teamId').where('uninstalledAt', '<', cutoff).execute();
      let forgotten = 0;
      for (const { teamId } of due) {
        try {
          const deleted = await deleteWorkspaceData(deps.db, teamId);
          deps.logger.warn({ teamId, tables: Object.keys(deleted).length, rows: Object.values(deleted).reduce((a, b) => a + b, 0) }, 'deleted an uninstalled workspace’s data after its retention');
          forgotten += 1;
        } catch (error) {
          deps.logger.error({ err: error, teamId }, 'could not delete an uninstalled workspace’s data; trying again next minute');
        }
      }
      return { forgotten };
    },
  };
}
