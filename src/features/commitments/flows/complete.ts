import type { Deps } from '../../../deps';
import { insertLearning, type Learning } from '../../learnings';
import { messagePermalink } from '../../../platform/slack/permalink';
import { markCommitmentDone, type Commitment, type CommitmentReview } from '../queries';

class AlreadySettled extends Error {}

/**
 * "Done — what did we learn?": the owner's answer becomes their learning (said where the review was,
 * so it has that channel's audience) and the commitment is done, in one transaction. Undefined when the
 * commitment was settled meanwhile (a double submit, a Dropped in another window): nothing is kept then.
 */
export async function completeCommitment(
  deps: Pick<Deps, 'db' | 'clock' | 'workspaceUrl'>,
  input: { teamId: string; userId: string; commitment: Commitment; review: CommitmentReview | undefined; learned: string },
): Promise<Learning | undefined> {
  const { teamId, userId, commitment, review } = input;
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const saved = await insertLearning(trx, {
        teamId,
        userId,
        text: input.learned,
        tags: ['review'],
        link: null,
        visibility: 'team',
        source: 'review',
        sourceKind: 'commitment',
        sourceId: commitment.id,
        sourcePermalink: review?.messageTs ? messagePermalink(deps.workspaceUrl, review.channelId, review.messageTs) : null,
        channelId: review?.channelId ?? null,
        privateChannelId: review?.privateChannelId ?? null,
      });
      // Settled between the read and here: the learning rolls back with the transaction.
      if (!(await markCommitmentDone(trx, teamId, commitment.id, userId, saved.id, deps.clock.now()))) throw new AlreadySettled();
      return saved;
    })
    .catch((error) => (error instanceof AlreadySettled ? undefined : Promise.reject(error)));
}
