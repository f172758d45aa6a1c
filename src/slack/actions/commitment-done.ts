import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findCommitment } from '../../db/queries/commitments';
import { commitmentActionRefusal } from '../../domain/commitment';
import { commitmentReplies, doneModal, parseFollowUpButtonValue } from '../blocks/commitment';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Done — what did we learn?" on a follow-up: the owner gets the learning form; anyone else a one-line refusal. */
export function commitmentDone(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const value = parseFollowUpButtonValue(action.value);
      const commitment = value ? await findCommitment(deps.db, teamId, value.commitmentId) : undefined;
      const refused = commitmentActionRefusal(commitment, userId);
      if (refused || !commitment) return void (await tell(commitmentReplies.refusal(refused ?? 'gone', commitment?.ownerId ?? '')));
      // The DM to update once the form is submitted.
      const message = { channelId: body.channel?.id ?? null, messageTs: body.message?.ts ?? null };
      await client.views.open({ trigger_id: body.trigger_id, view: doneModal(commitment, message) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not open the commitment learning form');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
