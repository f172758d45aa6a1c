import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { comingSoonCommand } from './coming-soon';
import { learnloopCommand, type Subcommands } from './learnloop';

/** Registers the slash commands; features add their /learnloop subcommands through `subcommands`. */
export function registerCommands(app: App, deps: Deps, subcommands: Subcommands): void {
  app.command('/learnloop', learnloopCommand(deps, subcommands));
  for (const name of ['/learned', '/review', '/feedback']) app.command(name, comingSoonCommand());
}
