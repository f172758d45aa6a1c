import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { exportSubcommand } from './commands/export';
import { forgetMeSubcommand } from './commands/forget-me';
import { ids } from './ids';
import { applyRetention } from './jobs/apply-retention';
import { forgetMeSubmitted } from './views/forget-me-submitted';

/** Each person in control of their data: `/learnloop export`, `/learnloop forget-me` and its form, and nightly retention. */
export function privacyFeature(deps: Deps): Feature {
  return {
    name: 'privacy',
    register(app: Registrar) {
      app.view(ids.privacy.forgetMeView, forgetMeSubmitted(deps));
    },
    subcommands: { export: exportSubcommand(deps), 'forget-me': forgetMeSubcommand(deps) },
    housekeeping: [applyRetention(deps)],
  };
}

// What other features use of this one.
export { privacyReplies } from './blocks';
export { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, findRetentionDays, upsertRetentionDays } from './queries';
