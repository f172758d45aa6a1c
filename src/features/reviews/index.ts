import type { MessageShortcut } from '@slack/bolt';
import type { ReviewWiring } from './wiring';
import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { reviewAddReflection } from './actions/add-reflection';
import { reviewClose } from './actions/close';
import { reviewOwnItem } from './actions/own-item';
import { reviewCommand } from './commands/review';
import { reactionAdded } from './events/reaction-added';
import { ids } from './ids';
import { closeDueReviews } from './jobs/close-due-reviews';
import { startReviewShortcut } from './shortcuts/start-review';
import { reviewReflectionSubmitted } from './views/reflection-submitted';
import { reviewStartSubmitted } from './views/start-submitted';

/**
 * After-action reviews: `/review`, the review emoji (reaction_added), the "Start a review on this" message
 * shortcut and the Home's "Start a review", the start and reflection forms, the review's buttons (add my
 * reflection, close, own this), and the job that closes reviews at their close time.
 */
export function reviewsFeature(deps: Deps, wiring: ReviewWiring = {}): Feature {
  return {
    name: 'reviews',
    register(app: Registrar) {
      app.command('/review', reviewCommand(deps, wiring));
      app.action(ids.review.addReflection, reviewAddReflection(deps));
      app.action(ids.review.close, reviewClose(deps, wiring));
      app.action(ids.review.ownItem, reviewOwnItem(deps));
      app.view(ids.review.startView, reviewStartSubmitted(deps));
      app.view(ids.review.reflectionView, reviewReflectionSubmitted(deps));
      app.shortcut<MessageShortcut>({ callback_id: ids.review.startShortcut, type: 'message_action' }, startReviewShortcut(deps));
      app.event('reaction_added', reactionAdded(deps));
    },
    jobs: [closeDueReviews(deps)],
  };
}

// What other features use of this one.
export type { ReviewWiring } from './wiring';
export { reviewReplies, startReviewModal } from './blocks';
export { findReviewEmoji, upsertReviewEmoji } from './queries';
export { DEFAULT_REVIEW_EMOJI, parseEmojiName } from './rules';
export { startReview } from './flows/start';
export { findReviewByExternalId, findReview } from './queries';
export { reviewPermalink, ownableItemBlocks } from './blocks';
