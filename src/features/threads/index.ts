import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { messageEvent } from './events/message';


/** The replies of the threads Learnloop follows (prompts, reviews, sessions): message events, edits and deletions. */
export function threadsFeature(deps: Deps): Feature {
  return {
    name: 'threads',
    register(app: App) {
      app.event('message', messageEvent(deps));
    },
  };
}

// What other features use of this one.
export { insertPrivateReply, listRepliedUserIds, listVisibleReplies } from './queries';
