import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { markWorkspaceUninstalled } from '../../../platform/db/workspaces';

/** app_uninstalled / tokens_revoked: schedulers stop working for the workspace. */
export function appUninstalled(deps: Pick<Deps, 'db' | 'logger' | 'clock'>) {
  return async ({ body }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    await markWorkspaceUninstalled(deps.db, body.team_id, deps.clock.now());
    deps.logger.warn({ teamId: body.team_id }, 'Learnloop was uninstalled or its tokens revoked; scheduled work stops for this workspace');
  };
}
