import type { AllMiddlewareArgs, BlockConversationsSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { reviewReplies, startReviewModal } from '../../reviews';
import { botIsInChannel } from '../../../platform/slack/channels';
import { reviewChannelModal } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { notChannelMember } from '../../../platform/slack/replies';
import { workspaceOf } from '../../../platform/slack/workspace-of';

/**
 * A channel picked in the Home's "Start a review" picker: the picker turns into the usual start form
 * for that channel (whose submission starts the review), or says why that channel will not do.
 */
export function homeReviewChannel(deps: Pick<Deps, 'logger' | 'teamId'>) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockConversationsSelectAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const channelId = action.selected_conversation;
    const viewId = body.view?.id;
    if (!viewId || !channelId) return;
    try {
      // The picked channel is the person's choice, not proof: they must be in it (the form is checked again on submit).
      const teamId = workspaceOf(body, deps);
      const view = !(await isChannelMember(client, teamId, channelId, body.user.id))
        ? reviewChannelModal(notChannelMember('start a review'))
        : (await botIsInChannel(client, channelId))
          ? startReviewModal({ channelId, trigger: 'modal' })
          : reviewChannelModal(reviewReplies.notInChannel);
      await client.views.update({ view_id: viewId, view });
    } catch (error) {
      deps.logger.error({ err: error, userId: body.user.id, channelId }, 'could not open the review form from the Home');
    }
  };
}
