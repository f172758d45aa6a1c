import type { Deps } from '../../../deps';
import { claimLearningShare, findLearning, recordLearningShared, releaseLearningShare, type Learning } from '../queries';
import { learningReplies, learningSavedMessage, sharedLearningCard } from '../blocks/learnings';
import { ephemeral } from '../../../platform/slack/replies';
import { slackErrorCode } from '../../../platform/slack/slack-error';
import { buttonAction } from '../../../platform/slack/button-action';
import { canSee, type AudienceItem } from '../../../platform/audience/rules';

// Slack's answers when the bot may not post where the learning was saved.
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Why the person may not share this learning, or null when they may. */
function refusal(learning: Learning | undefined, userId: string): string | null {
  if (!learning) return learningReplies.gone;
  if (learning.userId !== userId) return learningReplies.notAuthor(learning.userId, 'share');
  if (learning.visibility === 'private') return learningReplies.privateNotShared;
  if (learning.sharedChannelId && learning.sharedTs) return learningReplies.alreadyShared(learning.sharedChannelId);
  return null;
}

/** "Share to channel": posts the learning as a small attributed card where it was saved. */
export function learningShare(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'clock' | 'audiences'>) {
  return buttonAction(deps, 'could not share a learning', async ({ body, action, client, respond }, { teamId, userId, tell }) => {
    const learning = await findLearning(deps.db, teamId, Number(action.value));
    const refused = refusal(learning, userId);
    if (refused || !learning) return void (await tell(refused ?? learningReplies.gone));
    const channelId = body.channel?.id ?? learning.channelId;
    if (!channelId) return void (await tell(learningReplies.notInChannel));
    // The card is read by everyone in the channel: the learning's audience must take them all in.
    const audience: AudienceItem = { authorId: learning.userId, authorOnly: false, privateChannelId: learning.privateChannelId, anonymous: learning.anonymous };
    if (!canSee(audience, await deps.audiences.channel(client, teamId, channelId))) {
      return void (await tell(learningReplies.privateChannelOnly(learning.privateChannelId ?? channelId)));
    }
    // Claimed before the card is posted: a second click while the first is under way posts nothing.
    if (!(await claimLearningShare(deps.db, teamId, learning.id, channelId, deps.clock.now()))) {
      return void (await tell(learningReplies.alreadyShared(channelId)));
    }
    const card = sharedLearningCard(learning);
    let posted: { ts?: string } | undefined;
    try {
      posted = await client.chat.postMessage({ channel: channelId, text: card.text, blocks: card.blocks, unfurl_links: false });
    } catch (error) {
      if (!CANNOT_POST.has(slackErrorCode(error) ?? '')) {
        await releaseLearningShare(deps.db, teamId, learning.id);
        throw error;
      }
    }
    if (!posted?.ts) {
      await releaseLearningShare(deps.db, teamId, learning.id);
      return void (await tell(learningReplies.notInChannel));
    }
    await recordLearningShared(deps.db, teamId, learning.id, channelId, posted.ts);
    deps.logger.info({ teamId, userId, channelId, learningId: learning.id }, 'learning shared');
    const saved = learningSavedMessage({ ...learning, sharedChannelId: channelId, sharedTs: posted.ts });
    await respond({ ...ephemeral(saved.text, saved.blocks), replace_original: true });
  });
}
