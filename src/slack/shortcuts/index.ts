import type { App, MessageShortcut } from '@slack/bolt';
import type { Deps } from '../../deps';
import { ids } from '../ids';
import { feedbackOnMessage } from './feedback-on-message';
import { saveAsLearning } from './save-as-learning';
import { startReviewShortcut } from './start-review';

/** Message and global shortcuts; callback ids match manifest.yml. */
export function registerShortcuts(app: App, deps: Deps): void {
  app.shortcut<MessageShortcut>({ callback_id: ids.feedback.shortcut, type: 'message_action' }, feedbackOnMessage(deps));
  app.shortcut<MessageShortcut>({ callback_id: ids.learning.saveMessageShortcut, type: 'message_action' }, saveAsLearning(deps));
  app.shortcut<MessageShortcut>({ callback_id: ids.review.startShortcut, type: 'message_action' }, startReviewShortcut(deps));
}
