import type { Deps } from '../../../deps';
import type { EventEnvelope } from '../../../platform/receivers/dispatch';
import { Batcher } from '../../../platform/db/batcher';
import { classifyMessageEvent } from '../rules';
import { messagePermalink } from '../../../platform/slack/permalink';
import { deleteThreadReplyByTs, insertThreadRepliesIfTracked, updateThreadReplyText, type IncomingReply, type StoredReply } from '../queries';

// A few statements at once leave most of the pool (10) to everything else; 500 rows keep one under ~1 MB.
const REPLY_BATCH = { maxBatch: 500, maxConcurrent: 3 };

/**
 * Keeps replies to the threads Learnloop follows, and follows their edits and deletions. The receiver
 * calls it directly (no Bolt middleware: a reply needs only its signature check and one insert), before
 * the event is acknowledged: if storing fails, the error reaches the receiver, which spools the event
 * (database unreachable) or answers 500 so Slack delivers it again. No reply is acked and then lost.
 */
export function storeMessageEvent(deps: Pick<Deps, 'db' | 'botUserId' | 'workspaceUrl' | 'clock' | 'logger'>): (body: EventEnvelope) => Promise<void> {
  const replies = new Batcher<IncomingReply, StoredReply>((batch) => insertThreadRepliesIfTracked(deps.db, batch), REPLY_BATCH);
  return async (body) => {
    const teamId = body.team_id;
    const change = classifyMessageEvent(body.event as never, deps.botUserId);
    switch (change.kind) {
      case 'reply': {
        const permalink = messagePermalink(deps.workspaceUrl, change.channelId, change.ts, change.threadTs);
        const { kind: _reply, ...reply } = change;
        const stored = await replies.submit({ teamId, ...reply, permalink });
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
