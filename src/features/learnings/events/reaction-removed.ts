import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { countSharedLearningReaction } from '../queries';

/** A reaction taken off a learning's shared card no longer counts towards the digest's top learnings. */
export function reactionRemoved(deps: Pick<Deps, 'db' | 'botUserId'>) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'reaction_removed'> & AllMiddlewareArgs): Promise<void> => {
    const { item, user: userId } = event;
    if (item.type !== 'message' || userId === deps.botUserId) return;
    await countSharedLearningReaction(deps.db, body.team_id, item.channel, item.ts, -1);
  };
}
