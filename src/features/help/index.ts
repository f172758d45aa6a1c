import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import type { SubcommandHandler } from '../../platform/slack/subcommand';
import { learnloopCommand } from './commands/learnloop';

/**
 * `/learnloop` itself: help (general and per command), "did you mean", and the subcommands every other
 * feature brings, handed in by the app so this feature needs none of them.
 */
export function helpFeature(deps: Deps, subcommands: Record<string, SubcommandHandler>): Feature {
  return {
    name: 'help',
    register(app: Registrar) {
      app.command('/learnloop', learnloopCommand(deps, subcommands));
    },
  };
}

// What other features use of this one.
export { helpBlocks, topicHelpBlocks, topicHelpText } from './blocks';
export { isHelpRequest } from './rules';
