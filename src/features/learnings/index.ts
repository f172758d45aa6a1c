import type { MessageShortcut } from '@slack/bolt';
import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import { learningReplies } from './blocks/learnings';
import type { Feature } from '../../platform/feature';
import { learningDelete } from './actions/delete';
import { learningEdit } from './actions/edit';
import { learningSearchMore } from './actions/search-more';
import { learningShare } from './actions/share';
import { learnedCommand } from './commands/learned';
import { learningsSubcommand } from './commands/learnings';
import { searchSubcommand } from './commands/search';
import { reactionRemoved } from './events/reaction-removed';
import { ids } from './ids';
import { saveAsLearning } from './shortcuts/save-as-learning';
import { learningSubmitted } from './views/learning-submitted';

/**
 * Learnings and the knowledge base: `/learned`, `/learnloop learnings` and `/learnloop search`, the learning
 * form and its buttons (edit, delete, undo, share, more results), the "Save as learning" message shortcut,
 * and reaction_removed (reactions on shared cards rank the digest's learnings).
 */
export function learningsFeature(deps: Deps): Feature {
  return {
    name: 'learnings',
    register(app: Registrar) {
      app.command('/learned', learnedCommand(deps));
      app.action(ids.learning.edit, learningEdit(deps));
      app.action(ids.learning.undo, learningDelete(deps));
      app.action(ids.learning.delete, learningDelete(deps));
      app.action(ids.learning.share, learningShare(deps));
      app.action(ids.learning.searchMore, learningSearchMore(deps));
      app.view(ids.learning.view, learningSubmitted(deps));
      app.shortcut<MessageShortcut>({ callback_id: ids.learning.saveMessageShortcut, type: 'message_action' }, saveAsLearning(deps));
      app.event('reaction_removed', reactionRemoved(deps));
    },
    subcommands: { search: searchSubcommand(deps), learnings: learningsSubcommand(deps) },
    // A learning typed during a database outage is kept on disk and saved when it is back.
    keptCommands: { '/learned': learningReplies.keptDuringOutage },
  };
}

// What other features use of this one.
export { learningModal, learningOrigin, unescapeSlackText } from './blocks/learning-modal';
export { countSharedLearningReaction, insertLearning, listRecentLearnings, recordLearningShared, searchKnowledge, type Learning, type SearchHit } from './queries';
export { LEARNING_MAX_LENGTH } from './rules/learning-text';
