import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { markWorkspaceUninstalled, markOrgUninstalled } from '../../../platform/db/workspaces';
import { deleteInstallation } from '../../../platform/installations/installation-store';

/**
 * app_uninstalled / tokens_revoked, in either order: the tokens are deleted at once (distribution mode)
 * and scheduled work stops for the workspace, or for every workspace of an org-wide install. Its data
 * stays for LEARNLOOP_UNINSTALL_RETENTION_DAYS in case it is installed again.
 */
export function appUninstalled(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'workspaces'>) {
  return async ({ body }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    const now = deps.clock.now();
    const orgWide = body.authorizations?.some((authorization) => authorization.is_enterprise_install) === true && typeof body.enterprise_id === 'string';
    const installationId = orgWide ? String(body.enterprise_id) : body.team_id;
    const tokensDeleted = await deleteInstallation(deps.db, installationId);
    deps.workspaces.forget(installationId);
    if (orgWide) await markOrgUninstalled(deps.db, installationId, now);
    else await markWorkspaceUninstalled(deps.db, body.team_id, now);
    deps.logger.warn(
      { teamId: body.team_id, installationId, orgWide, tokensDeleted, event: body.event.type },
      'Learnloop was uninstalled or its tokens revoked; its tokens are gone and scheduled work stops',
    );
  };
}
