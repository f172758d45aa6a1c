import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { quietSubcommand } from './commands/quiet';
import { settingsSubcommand } from './commands/settings';
import { appUninstalled } from './events/app-uninstalled';

/** Settings: `/learnloop settings` (admins and channels), `/learnloop quiet` (a person's own), and uninstalls. */
export function settingsFeature(deps: Deps): Feature {
  return {
    name: 'settings',
    register(app: Registrar) {
      app.event('app_uninstalled', appUninstalled(deps));
      app.event('tokens_revoked', appUninstalled(deps));
    },
    subcommands: { settings: settingsSubcommand(deps), quiet: quietSubcommand(deps) },
  };
}
