import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { findCommitmentReview, insertCommitment, type CommitmentReview } from '../queries';
import { checkCommitmentInput, ownerRefusal } from '../rules';
import { localToday } from '../../../platform/time/calendar';
import { messagePermalink } from '../../../platform/slack/permalink';
import { commitmentFieldError, commitmentReplies } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { notChannelMember } from '../../../platform/slack/replies';
import { safeJson } from '../../../platform/slack/safe-json';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { pickedCompetencyOf, recordPickedCompetency } from '../../growth';

const b = ids.commitment;
const metadata = z.object({ reviewId: z.number().int().positive() });

/** The "Own this" form: problems go back as field errors; then the commitment is saved and both people are told. */
export function commitmentOwnSubmitted(deps: Deps) {
  return viewSubmission(deps, { failure: 'could not save a commitment', errorBlock: b.textBlock }, async ({ ack, body, view, client }, { teamId, userId }) => {
    const values = view.state.values;
    const text = (values[b.textBlock]?.[b.textInput]?.value ?? '').trim();
    const ownerId = values[b.ownerBlock]?.[b.ownerInput]?.selected_user ?? null;
    const dueDate = values[b.dueBlock]?.[b.dueInput]?.selected_date ?? null;
    const clickerId = body.user.id;
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    // Before the ack (the answer must land on the form): the three lookups side by side.
    const [timeZone, owner, review] = await Promise.all([
      deps.users.timeZoneOf(clickerId),
      ownerId ? deps.users.find(ownerId) : null,
      meta.success ? findCommitmentReview(deps.db, teamId, meta.data.reviewId) : undefined,
    ]);
    // The review id in the metadata is a hint: only someone in the review's channel may commit on it,
    // and the refusal names nothing of the review.
    if (review && !(await isChannelMember(client, teamId, review.channelId, clickerId))) {
      deps.logger.warn({ teamId, userId: clickerId, reviewId: review.id }, 'refused a commitment from outside the review’s channel');
      return void (await ack({ response_action: 'errors', errors: { [b.textBlock]: notChannelMember('commit to an item of a review') } }));
    }
    const errors: Record<string, string> = {};
    for (const error of checkCommitmentInput({ text, dueDate }, localToday(deps.clock.now(), timeZone))) {
      errors[error.field === 'text' ? b.textBlock : b.dueBlock] = commitmentFieldError(error, text.length);
    }
    if (!ownerId) errors[b.ownerBlock] = commitmentReplies.chooseOwner;
    else {
      const refusal = ownerRefusal(owner, { teamId, isBotUser: ownerId === deps.botUserId });
      if (refusal) errors[b.ownerBlock] = commitmentReplies.ownerRefusals[refusal];
      // The owner hears the review's title by DM: a private channel's review stays with its people.
      else if (review?.privateChannelId && ownerId !== clickerId && !(await isChannelMember(client, teamId, review.channelId, ownerId))) {
        errors[b.ownerBlock] = commitmentReplies.ownerNotInChannel;
      }
    }
    if (!meta.success) errors[b.textBlock] ??= commitmentReplies.formOutdated;
    if (meta.success && !review) errors[b.textBlock] ??= commitmentReplies.reviewGone;
    if (Object.keys(errors).length > 0 || !ownerId || !dueDate || !review) return void (await ack({ response_action: 'errors', errors }));

    const commitment = await insertCommitment(deps.db, { teamId, reviewId: review.id, ownerId, text, dueDate, createdBy: clickerId, createdAt: deps.clock.now() });
    await recordPickedCompetency(deps.db, { teamId, itemKind: 'commitment', itemId: commitment.id, competencyId: pickedCompetencyOf(view.state.values), pickedBy: clickerId });
    await ack();
    deps.logger.info({ teamId, userId: clickerId, ownerId, reviewId: review.id, commitmentId: commitment.id }, 'commitment saved');
    await confirm(deps, client, review, clickerId, commitmentReplies.saved(ownerId, clickerId, text, dueDate));
    if (ownerId !== clickerId) {
      // A one-off answer to someone's action, so it is not counted in the owner's DM budget.
      const label = { title: review.title, permalink: review.messageTs ? messagePermalink(deps.workspaceUrl, review.channelId, review.messageTs) : null };
      await client.chat
        .postMessage({ channel: ownerId, text: commitmentReplies.ownerNotice(clickerId, label, text, dueDate), unfurl_links: false })
        .catch((error) => deps.logger.warn({ err: error, teamId, ownerId, commitmentId: commitment.id }, 'could not tell the owner about a commitment'));
    }
  });
}

/** Ephemerally in the review thread; by DM when the bot cannot post there. */
async function confirm(deps: Pick<Deps, 'logger'>, client: WebClient, review: CommitmentReview, userId: string, text: string): Promise<void> {
  try {
    const threadTs = review.threadTs ?? review.messageTs;
    await client.chat.postEphemeral({ channel: review.channelId, user: userId, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  } catch (error) {
    deps.logger.warn({ err: error, userId, reviewId: review.id }, 'could not confirm a commitment in the review thread; sending a DM');
    await client.chat.postMessage({ channel: userId, text }).catch((dmError) => deps.logger.warn({ err: dmError, userId }, 'could not confirm a commitment by DM'));
  }
}
