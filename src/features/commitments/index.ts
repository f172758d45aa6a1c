import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { commitmentDone, commitmentDrop } from './actions/commitment-form';
import { commitmentMoreTime } from './actions/more-time';
import { ids } from './ids';
import { COMMITMENT_FOLLOWUP, commitmentFollowUpRelevance, queueCommitmentFollowUps } from './jobs/queue-commitment-follow-ups';
import { commitmentDoneSubmitted } from './views/done-submitted';
import { commitmentDropSubmitted } from './views/drop-submitted';
import { commitmentOwnSubmitted } from './views/own-submitted';

/**
 * Commitments from reviews: the "Own this" form, the follow-up DM's buttons (done, more time, dropped)
 * and the Home's, their forms, and the job that queues follow-ups on due dates.
 */
export function commitmentsFeature(deps: Deps): Feature {
  return {
    name: 'commitments',
    register(app: Registrar) {
      app.action(ids.commitment.done, commitmentDone(deps));
      app.action(ids.commitment.moreTime, commitmentMoreTime(deps));
      app.action(ids.commitment.drop, commitmentDrop(deps));
      app.view(ids.commitment.view, commitmentOwnSubmitted(deps));
      app.view(ids.commitment.doneView, commitmentDoneSubmitted(deps));
      app.view(ids.commitment.dropView, commitmentDropSubmitted(deps));
    },
    jobs: [queueCommitmentFollowUps(deps)],
    dmRelevance: { [COMMITMENT_FOLLOWUP]: commitmentFollowUpRelevance(deps) },
  };
}

// What other features use of this one.
export { commitmentReplies, doneModal, ownCommitmentModal, parseFollowUpButtonValue } from './blocks';
export { extendCommitment, findCommitment, findCommitmentReview, insertCommitment, listOpenChannelCommitments, type Commitment } from './queries';
export { commitmentActionRefusal, defaultDueDate, extendedDueDate, formatDueDate, itemTextFromSummary } from './rules';
