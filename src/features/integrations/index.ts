import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { apiHandler } from './api/handler';
import { functionExecuted } from './events/function-executed';
import { deleteOldRequestMinutes } from './queries';

/**
 * Event-driven reviews: the REST API and the PagerDuty and GitHub adapters (HTTP mode), and the Workflow
 * Builder steps. Tokens and sources are managed under `/learnloop settings` (the settings feature).
 */
export function integrationsFeature(deps: Deps): Feature {
  return {
    name: 'integrations',
    register(app: Registrar) {
      app.event('function_executed', functionExecuted(deps) as never);
    },
    http: apiHandler(deps),
    shortLivedRows: [{ name: 'apiRequestMinutes', deleteOld: (db, teamId, now) => deleteOldRequestMinutes(db, teamId, now) }],
  };
}

// What other features use of this one.
export { apiTokenSetting, sourceSetting } from './commands/settings-api';
export { WORKFLOW_STEPS } from './events/function-executed';
