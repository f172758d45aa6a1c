import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { findCommitment } from '../../commitments';
import { commitmentActionRefusal } from '../../commitments';
import { doneModal, parseFollowUpButtonValue } from '../../commitments';
import { publishHome } from '../flows/publish-home';
import { workspaceOf } from '../../../platform/slack/workspace-of';

/**
 * "Done" on the App Home: the same "What did we learn?" form as the follow-up DM (no DM to update, so
 * the confirmation arrives as a DM). A Home has no response_url: when the commitment moved on
 * (done, dropped, not theirs), the Home is published again and simply no longer shows it.
 */
export function homeCommitmentDone(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'teamId' | 'botUserId' | 'audiences'>) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    try {
      const value = parseFollowUpButtonValue(action.value);
      const commitment = value ? await findCommitment(deps.db, teamId, value.commitmentId) : undefined;
      if (commitment && !commitmentActionRefusal(commitment, userId)) {
        await client.views.open({ trigger_id: body.trigger_id, view: doneModal(commitment, { channelId: null, messageTs: null }) });
        return;
      }
      deps.logger.info({ teamId, userId, commitmentId: value?.commitmentId }, 'home done on a settled commitment');
      await publishHome(deps, client, userId, teamId);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not open the commitment learning form from the Home');
    }
  };
}
