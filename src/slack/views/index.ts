import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ids } from '../ids';
import { feedbackSubmitted } from './feedback-submitted';
import { learningSubmitted } from './learning-submitted';
import { promptPrivateReplySubmitted } from './prompt-private-reply';
import { promptScheduleSubmitted } from './prompt-schedule-submitted';

export function registerViews(app: App, deps: Deps): void {
  app.view(ids.prompt.privateReplyView, promptPrivateReplySubmitted(deps));
  app.view(ids.learning.view, learningSubmitted(deps));
  app.view(ids.promptSchedule.view, promptScheduleSubmitted(deps));
  app.view(ids.feedback.view, feedbackSubmitted(deps));
}
