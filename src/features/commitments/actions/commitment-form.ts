import type { ModalView } from '@slack/types';
import type { Deps } from '../../../deps';
import { findCommitment, type Commitment } from '../queries';
import { commitmentActionRefusal } from '../rules';
import { commitmentReplies, doneModal, dropModal, parseFollowUpButtonValue } from '../blocks';
import { buttonAction } from '../../../platform/slack/button-action';

type FollowUpMessage = { channelId: string | null; messageTs: string | null };

/** A follow-up button that opens a form for the commitment's owner; anyone else gets a one-line refusal. */
function commitmentFormAction(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>, form: (commitment: Commitment, message: FollowUpMessage) => ModalView, what: string) {
  return buttonAction(deps, `could not open the commitment ${what} form`, async ({ body, action, client }, { teamId, userId, tell }) => {
    const value = parseFollowUpButtonValue(action.value);
    const commitment = value ? await findCommitment(deps.db, teamId, value.commitmentId) : undefined;
    const refused = commitmentActionRefusal(commitment, userId);
    if (refused || !commitment) return void (await tell(commitmentReplies.refusal(refused ?? 'gone', commitment?.ownerId ?? '')));
    // The DM to update once the form is submitted.
    const message = { channelId: body.channel?.id ?? null, messageTs: body.message?.ts ?? null };
    await client.views.open({ trigger_id: body.trigger_id, view: form(commitment, message) });
  });
}

/** "Done — what did we learn?" on a follow-up: the learning form. */
export const commitmentDone = (deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) => commitmentFormAction(deps, doneModal, 'learning');

/** "Dropped" on a follow-up: a form for an optional reason. */
export const commitmentDrop = (deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) => commitmentFormAction(deps, dropModal, 'drop');
