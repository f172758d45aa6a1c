import type { MessageShortcut } from '@slack/bolt';
import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature, ShortLivedRows } from '../../platform/feature';
import { feedbackDelete } from './actions/delete';
import { feedbackSaveLearning } from './actions/save-learning';
import { feedbackShareWithMentor } from './actions/share-with-mentor';
import { feedbackThank } from './actions/thank';
import { feedbackCommand } from './commands/feedback';
import { ids } from './ids';
import { deleteOldFeedbackSends, FEEDBACK_SEND_KEPT_MS } from './queries';
import { feedbackOnMessage } from './shortcuts/feedback-on-message';
import { feedbackSubmitted } from './views/feedback-submitted';

/** The send log (who sent feedback when, no content) only matters for the daily limit's two days. */
export const feedbackSendLog: ShortLivedRows = {
  name: 'feedbackSends',
  deleteOld: (db, teamId, now) => deleteOldFeedbackSends(db, teamId, new Date(now.getTime() - FEEDBACK_SEND_KEPT_MS)),
};

/**
 * Peer feedback: `/feedback`, its form, the "Give feedback on this" message shortcut, and the buttons on
 * a feedback card (thank, save as a learning, share with my mentor, delete).
 */
export function feedbackFeature(deps: Deps): Feature {
  return {
    name: 'feedback',
    register(app: Registrar) {
      app.command('/feedback', feedbackCommand(deps));
      app.action(ids.feedback.thank, feedbackThank(deps));
      app.action(ids.feedback.saveLearning, feedbackSaveLearning(deps));
      app.action(ids.feedback.shareWithMentor, feedbackShareWithMentor(deps));
      app.action(ids.feedback.delete, feedbackDelete(deps));
      app.view(ids.feedback.view, feedbackSubmitted(deps));
      app.shortcut<MessageShortcut>({ callback_id: ids.feedback.shortcut, type: 'message_action' }, feedbackOnMessage(deps));
    },
    shortLivedRows: [feedbackSendLog],
  };
}

// What other features use of this one.
export { feedbackModal } from './blocks';
export { type Feedback } from './queries';
export { storeFeedback } from './flows/store-feedback';
export { deliverFeedback } from './flows/deliver-feedback';
export { feedbackRefusals } from './blocks';
