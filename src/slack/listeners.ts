import type { App } from '@slack/bolt';
import type { Deps } from '../deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { digestSubcommand } from './commands/digest';
import { statsSubcommand } from './commands/stats';
import { learningsSubcommand } from './commands/learnings';
import { mentorSubcommand } from './commands/mentor';
import { promptsSubcommand } from './commands/prompts';
import { questionsSubcommand } from './commands/questions';
import { quietSubcommand } from './commands/quiet';
import { searchSubcommand } from './commands/search';
import { sessionSubcommand } from './commands/session';
import { settingsSubcommand } from './commands/settings';
import { exportSubcommand } from './commands/export';
import { forgetMeSubcommand } from './commands/forget-me';
import { registerEvents } from './events';
import { dedupeEvents } from './middleware/dedupe-events';
import { registerShortcuts } from './shortcuts';
import { registerViews } from './views';

/** Wires every feature's listeners into the Bolt app. */
export function registerListeners(app: App, deps: Deps): void {
  app.use(dedupeEvents(deps));
  registerCommands(app, deps, { prompts: promptsSubcommand(deps), questions: questionsSubcommand(deps), quiet: quietSubcommand(deps), search: searchSubcommand(deps), learnings: learningsSubcommand(deps), mentor: mentorSubcommand(deps), settings: settingsSubcommand(deps), export: exportSubcommand(deps), 'forget-me': forgetMeSubcommand(deps), session: sessionSubcommand(deps), digest: digestSubcommand(deps), stats: statsSubcommand(deps) });
  registerEvents(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerShortcuts(app, deps);
}
