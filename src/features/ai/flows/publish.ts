import { ownableItemBlocks } from '../../reviews';
import { postOnce } from '../../../platform/slack/post-once';
import { escapeMentions } from '../../../platform/ui/text';
import { publishedBlocks, publishPlace } from '../blocks';
import { claimDraftForPublish, findDraft, recordPublished, releasePublish, type AiDraft } from '../queries';
import type { AiDeps } from './partner';

export type PublishOutcome = { kind: 'published'; draft: AiDraft; where: string } | { kind: 'gone' | 'not_yours' | 'failed' };

/**
 * Publishes a draft where it belongs (the review's, digest's or prompt's thread, or the channel asked in), in
 * its reader's name: only they may, and only once. A synthesis's candidate commitments come with Own this.
 * A post Slack did not take gives the draft back.
 */
export async function publishDraft(deps: AiDeps, input: { teamId: string; draftId: number; userId: string }): Promise<PublishOutcome> {
  const claimed = await claimDraftForPublish(deps.db, input.teamId, input.draftId, input.userId, deps.clock.now());
  if (!claimed) {
    const draft = await findDraft(deps.db, input.teamId, input.draftId);
    return { kind: draft && draft.userId !== input.userId ? 'not_yours' : 'gone' };
  }
  if (claimed.channelId.startsWith('D')) {
    await releasePublish(deps.db, input.teamId, claimed.id);
    return { kind: 'gone' };
  }
  // The reader may have edited it: their words, so mentions are made harmless as in any user text.
  const post = publishedBlocks({ body: escapeMentions(claimed.body), model: claimed.model, userId: claimed.userId });
  const blocks = [...post.blocks];
  if (claimed.kind === 'review_synthesis' && claimed.subjectId !== null && claimed.candidates.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Candidate commitments* · press Own this to make one yours, with a due date' } });
    blocks.push(...ownableItemBlocks(claimed.subjectId, claimed.candidates.map(escapeMentions)));
  }
  try {
    const posted = await postOnce(
      deps.poster,
      { channel: claimed.channelId, ...(claimed.threadTs ? { thread_ts: claimed.threadTs } : {}), text: post.text, blocks, unfurl_links: false },
      { eventType: 'learnloop_ai_published', payload: { ai_draft_id: claimed.id } },
      deps.logger,
    );
    if (posted.kind !== 'posted') throw new Error(posted.reason);
    await recordPublished(deps.db, input.teamId, claimed.id, posted.ts);
  } catch (error) {
    deps.logger.warn({ err: error, teamId: input.teamId, draftId: claimed.id }, 'AI draft not published');
    await releasePublish(deps.db, input.teamId, claimed.id);
    return { kind: 'failed' };
  }
  deps.logger.info({ teamId: input.teamId, draftId: claimed.id, kind: claimed.kind }, 'AI draft published');
  return { kind: 'published', draft: claimed, where: publishPlace(claimed.kind, claimed.channelId) };
}
