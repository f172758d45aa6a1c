import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { feedbackCommand } from './feedback';
import { learnedCommand } from './learned';
import { learnloopCommand, type Subcommands } from './learnloop';
import { reviewCommand } from './review';

/** Registers the slash commands; features add their /learnloop subcommands through `subcommands`. */
export function registerCommands(app: App, deps: Deps, subcommands: Subcommands): void {
  app.command('/learnloop', learnloopCommand(deps, subcommands));
  app.command('/learned', learnedCommand(deps));
  app.command('/review', reviewCommand(deps));
  app.command('/feedback', feedbackCommand(deps));
}
