import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ids } from '../ids';
import { commitmentDoneSubmitted } from './commitment-done-submitted';
import { commitmentDropSubmitted } from './commitment-drop-submitted';
import { commitmentOwnSubmitted } from './commitment-own-submitted';
import { feedbackSubmitted } from './feedback-submitted';
import { forgetMeSubmitted } from './forget-me-submitted';
import { learningSubmitted } from './learning-submitted';
import { mentorCheckInSubmitted } from './mentor-check-in-submitted';
import { mentorReflectionSubmitted } from './mentor-reflection-submitted';
import { promptPrivateReplySubmitted } from './prompt-private-reply';
import { promptScheduleSubmitted } from './prompt-schedule-submitted';
import { reviewReflectionSubmitted } from './review-reflection-submitted';
import { reviewStartSubmitted } from './review-start-submitted';
import { sessionCreateSubmitted } from './session-create-submitted';
import { sessionTeachingSubmitted } from './session-teaching-submitted';

export function registerViews(app: App, deps: Deps): void {
  app.view(ids.prompt.privateReplyView, promptPrivateReplySubmitted(deps));
  app.view(ids.learning.view, learningSubmitted(deps));
  app.view(ids.promptSchedule.view, promptScheduleSubmitted(deps));
  app.view(ids.feedback.view, feedbackSubmitted(deps));
  app.view(ids.review.startView, reviewStartSubmitted(deps));
  app.view(ids.review.reflectionView, reviewReflectionSubmitted(deps));
  app.view(ids.commitment.view, commitmentOwnSubmitted(deps));
  app.view(ids.commitment.doneView, commitmentDoneSubmitted(deps));
  app.view(ids.commitment.dropView, commitmentDropSubmitted(deps));
  app.view(ids.mentor.checkInView, mentorCheckInSubmitted(deps));
  app.view(ids.mentor.reflectionView, mentorReflectionSubmitted(deps));
  app.view(ids.session.view, sessionCreateSubmitted(deps));
  app.view(ids.session.teachingView, sessionTeachingSubmitted(deps));
  app.view(ids.privacy.forgetMeView, forgetMeSubmitted(deps));
}
