import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { classifyMessageEvent } from '../rules';
import { messagePermalink } from '../../../platform/slack/permalink';
import { deleteThreadReplyByTs, insertThreadReplyIfTracked, updateThreadReplyText } from '../queries';

/**
 * Keeps replies to the threads Learnloop follows, and follows their edits and deletions.
 * Runs before the event is acknowledged: if storing fails, the error reaches the receiver,
 * Slack gets a 500 and delivers the event again, so no reply is acked and then lost.
 */
export function messageEvent(deps: Pick<Deps, 'db' | 'botUserId' | 'workspaceUrl' | 'clock' | 'logger'>) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = body.team_id;
    const change = classifyMessageEvent(event as never, deps.botUserId);
    switch (change.kind) {
      case 'reply': {
        const permalink = messagePermalink(deps.workspaceUrl, change.channelId, change.ts, change.threadTs);
        const stored = await insertThreadReplyIfTracked(deps.db, { teamId, ...change, permalink });
        if (stored?.stored) deps.logger.debug({ teamId, channelId: change.channelId, thread: stored.kind, subjectId: stored.subjectId }, 'reply stored');
        return;
      }
      case 'edit':
        await updateThreadReplyText(deps.db, teamId, change.channelId, change.ts, { text: change.text, editedTs: change.editedTs }, deps.clock.now());
        return;
      case 'delete':
        await deleteThreadReplyByTs(deps.db, teamId, change.channelId, change.ts);
        return;
      case 'ignore':
        return;
    }
  };
}
