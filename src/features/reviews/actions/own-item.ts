import { z } from 'zod';
import type { Deps } from '../../../deps';
import { findCommitmentReview } from '../../commitments';
import { defaultDueDate, itemTextFromSummary } from '../../commitments';
import { messagePermalink } from '../../../platform/slack/permalink';
import { commitmentReplies, ownCommitmentModal } from '../../commitments';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { notChannelMember } from '../../../platform/slack/replies';
import { safeJson } from '../../../platform/slack/safe-json';
import { buttonAction } from '../../../platform/slack/button-action';
import { withCompetencyPicker } from '../../growth';

const value = z.object({ reviewId: z.number().int().positive(), index: z.number().int().min(0) });

/** "Own this" on a review summary item: the commitment form, pre-filled with the item, the clicker and two weeks from today. */
export function reviewOwnItem(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users' | 'workspaceUrl'>) {
  return buttonAction(deps, 'could not open the commitment form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const parsed = value.safeParse(safeJson(action.value));
    const review = parsed.success ? await findCommitmentReview(deps.db, teamId, parsed.data.reviewId) : undefined;
    if (!parsed.success || !review) return void (await tell(commitmentReplies.reviewGone));
    // The button's value is a hint: the form shows the review's title, so only its channel's people get it.
    if (!(await isChannelMember(client, teamId, review.channelId, userId))) return void (await tell(notChannelMember('commit to an item of a review')));
    const timeZone = await deps.users.timeZoneOf(userId);
    const view = ownCommitmentModal({
      reviewId: review.id,
      text: itemText(body.message?.blocks, parsed.data.index),
      ownerId: userId,
      dueDate: defaultDueDate(deps.clock.now(), timeZone),
      review: { title: review.title, permalink: review.messageTs ? messagePermalink(deps.workspaceUrl, review.channelId, review.messageTs) : null },
    });
    await client.views.open({ trigger_id: body.trigger_id, view: await withCompetencyPicker(deps.db, teamId, view) });
  });
}

/** The item's text from the summary message the button sits on; empty (the person types it) if it is not there. */
function itemText(blocks: unknown, index: number): string {
  if (!Array.isArray(blocks)) return '';
  const block = blocks.find((candidate) => (candidate as { block_id?: unknown })?.block_id === `${ids.review.nextItemBlockPrefix}${index}`) as
    | { text?: { text?: unknown } }
    | undefined;
  return typeof block?.text?.text === 'string' ? itemTextFromSummary(block.text.text) : '';
}
