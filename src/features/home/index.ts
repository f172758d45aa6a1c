import type { App } from '@slack/bolt';
import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { homeCommitmentDone } from './actions/commitment-done';
import { homeCommitmentMoreTime } from './actions/commitment-more-time';
import { homeGiveFeedback } from './actions/give-feedback';
import { homeRecordLearning } from './actions/record-learning';
import { homeReviewChannel } from './actions/review-channel';
import { homeStartReview } from './actions/start-review';
import { appHomeOpened } from './events/app-home-opened';
import { publishHome } from './flows/publish-home';
import { ids } from './ids';

export { publishHome };

/**
 * The App Home: app_home_opened publishes it; its quick actions (record a learning, give feedback, start
 * a review) open the usual forms; its commitment buttons settle commitments.
 */
export function homeFeature(deps: Deps): Feature {
  return {
    name: 'home',
    register(app: Registrar) {
      app.event('app_home_opened', appHomeOpened(deps));
      app.action(ids.home.recordLearning, homeRecordLearning(deps));
      app.action(ids.home.giveFeedback, homeGiveFeedback(deps));
      app.action(ids.home.startReview, homeStartReview(deps));
      app.action(ids.home.reviewChannelInput, homeReviewChannel(deps));
      app.action(ids.home.commitmentDone, homeCommitmentDone(deps));
      app.action(ids.home.commitmentMoreTime, homeCommitmentMoreTime(deps));
    },
  };
}
