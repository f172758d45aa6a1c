import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { storeMessageEvent } from './events/message';


/** The replies of the threads Learnloop follows (prompts, reviews, sessions): message events, edits and deletions. */
export function threadsFeature(deps: Deps): Feature {
  return {
    name: 'threads',
    // Message events skip Bolt: the receiver hands them here and answers Slack once they are stored.
    storedEvents: { message: storeMessageEvent(deps) },
  };
}

// What other features use of this one.
export { insertPrivateReply, listRepliedUserIds, listVisibleReplies } from './queries';
