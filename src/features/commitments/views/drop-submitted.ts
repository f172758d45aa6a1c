import type { Deps } from '../../../deps';
import { dropCommitment, findCommitment } from '../queries';
import { commitmentActionRefusal, DROP_REASON_MAX } from '../rules';
import { commitmentReplies } from '../blocks';
import { ids } from '../ids';
import { followUpFormMetadata, settleFollowUpDm } from './done-submitted';
import { safeJson } from '../../../platform/slack/safe-json';
import { viewSubmission } from '../../../platform/slack/view-submission';

const b = ids.commitment;

/** "Dropped": the commitment closes with its optional reason; follow-ups stop. */
export function commitmentDropSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not drop a commitment', errorBlock: b.dropBlock }, async ({ ack, body, view, client }, { teamId, userId }) => {
    const reason = (view.state.values[b.dropBlock]?.[b.dropInput]?.value ?? '').trim();
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [b.dropBlock]: message } });
    if (reason.length > DROP_REASON_MAX) return void (await fieldError(commitmentReplies.tooLong(DROP_REASON_MAX, reason.length)));
    const meta = followUpFormMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) return void (await fieldError(commitmentReplies.formOutdated));

    const commitment = await findCommitment(deps.db, teamId, meta.data.commitmentId);
    const refused = commitmentActionRefusal(commitment, userId);
    if (refused || !commitment) return void (await fieldError(commitmentReplies.refusal(refused ?? 'gone', commitment?.ownerId ?? '')));
    const dropped = await dropCommitment(deps.db, teamId, commitment.id, userId, reason === '' ? null : reason);
    if (!dropped) {
      const current = await findCommitment(deps.db, teamId, commitment.id);
      return void (await fieldError(commitmentReplies.refusal(commitmentActionRefusal(current, userId) ?? 'gone', commitment.ownerId)));
    }
    await ack();
    deps.logger.info({ teamId, userId, commitmentId: commitment.id, withReason: reason !== '' }, 'commitment dropped');
    await settleFollowUpDm(deps, client, meta.data, commitment, userId, commitmentReplies.dropped);
  });
}
