import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { findReviewOnMessage } from '../queries';
import { titleFromMessage } from '../rules';
import { reviewPermalink, reviewReplies, startReviewModal } from '../blocks';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';

/** "Start a review on this": the start form with a title from the message; the review lives in its thread. */
export function startReviewShortcut(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'workspaceUrl'>) {
  return async ({ ack, shortcut, client, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? deps.teamId;
    const channelId = shortcut.channel.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      if (channelId.startsWith('D')) return void (await tell(reviewReplies.needsChannel));
      // A reply starts the review on its thread's parent: one review per thread.
      const sourceTs = typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : shortcut.message.ts;
      const existing = await findReviewOnMessage(deps.db, teamId, channelId, sourceTs);
      if (existing) return void (await tell(reviewReplies.exists(reviewPermalink(deps.workspaceUrl, existing), existing.title)));
      const metadata = { channelId, trigger: 'shortcut' as const, sourceTs, responseUrl: shortcut.response_url };
      await client.views.open({ trigger_id: shortcut.trigger_id, view: startReviewModal(metadata, titleFromMessage(shortcut.message.text)) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: shortcut.user.id, channelId }, 'could not open the review form from a message');
      await tell(whatWentWrong(error)).catch(() => undefined);
    }
  };
}
