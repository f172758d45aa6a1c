import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ids } from '../ids';
import { commitmentDone } from './commitment-done';
import { commitmentDrop } from './commitment-drop';
import { commitmentMoreTime } from './commitment-more-time';
import { feedbackDelete } from './feedback-delete';
import { feedbackSaveLearning } from './feedback-save-learning';
import { feedbackShareWithMentor } from './feedback-share-with-mentor';
import { feedbackThank } from './feedback-thank';
import { learningDelete } from './learning-delete';
import { learningEdit } from './learning-edit';
import { learningSearchMore } from './learning-search-more';
import { learningShare } from './learning-share';
import { promptRecordLearning } from './prompt-record-learning';
import { promptReplyPrivately } from './prompt-reply-privately';
import { reviewAddReflection } from './review-add-reflection';
import { reviewClose } from './review-close';
import { reviewOwnItem } from './review-own-item';

export function registerActions(app: App, deps: Deps): void {
  app.action(ids.prompt.replyPrivately, promptReplyPrivately(deps));
  app.action(ids.prompt.recordLearning, promptRecordLearning(deps));
  app.action(ids.learning.edit, learningEdit(deps));
  app.action(ids.learning.undo, learningDelete(deps));
  app.action(ids.learning.delete, learningDelete(deps));
  app.action(ids.learning.share, learningShare(deps));
  app.action(ids.learning.searchMore, learningSearchMore(deps));
  app.action(ids.feedback.thank, feedbackThank(deps));
  app.action(ids.feedback.saveLearning, feedbackSaveLearning(deps));
  app.action(ids.feedback.shareWithMentor, feedbackShareWithMentor(deps));
  app.action(ids.feedback.delete, feedbackDelete(deps));
  app.action(ids.review.addReflection, reviewAddReflection(deps));
  app.action(ids.review.close, reviewClose(deps));
  app.action(ids.review.ownItem, reviewOwnItem(deps));
  app.action(ids.commitment.done, commitmentDone(deps));
  app.action(ids.commitment.moreTime, commitmentMoreTime(deps));
  app.action(ids.commitment.drop, commitmentDrop(deps));
}
