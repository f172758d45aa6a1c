import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findFeedback, markFeedbackSharedWithMentor } from '../../db/queries/feedback';
import { feedbackReplies } from '../blocks/feedback';
import { updateFeedbackCard } from '../deliver-feedback';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Share with my mentor": recorded on the feedback; the mentors feature shows it at the next check-in. */
export function feedbackShareWithMentor(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const recipientId = body.user.id;
    const id = Number(action.value);
    const say = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const changed = Number.isSafeInteger(id) && (await markFeedbackSharedWithMentor(deps.db, teamId, id, recipientId, deps.clock.now()));
      const feedback = Number.isSafeInteger(id) ? await findFeedback(deps.db, teamId, id, { recipientId }) : undefined;
      if (!feedback) return void (await say(feedbackReplies.gone));
      if (!changed) return void (await say(feedbackReplies.alreadyShared));
      deps.logger.info({ teamId, feedbackId: id }, 'feedback shared with mentor');
      await updateFeedbackCard(client, feedback);
      await say(feedbackReplies.sharedWithMentor);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: recipientId, feedbackId: id }, 'could not share feedback with a mentor');
      await say(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
