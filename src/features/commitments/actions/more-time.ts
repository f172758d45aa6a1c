import type { Deps } from '../../../deps';
import { extendCommitment, findCommitment } from '../queries';
import { commitmentActionRefusal, extendedDueDate } from '../rules';
import { localToday } from '../../../platform/time/calendar';
import { commitmentReplies, parseFollowUpButtonValue, settledFollowUp } from '../blocks';
import { ids } from '../ids';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Need more time": a week more, and the follow-ups start over for the new date; only the owner may. */
export function commitmentMoreTime(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>) {
  return buttonAction(deps, 'could not give a commitment more time', async ({ body, action, respond }, { teamId, userId, tell }) => {
    const value = parseFollowUpButtonValue(action.value);
    const commitment = value ? await findCommitment(deps.db, teamId, value.commitmentId) : undefined;
    const refused = commitmentActionRefusal(commitment, userId);
    if (refused || !commitment || !value) return void (await tell(commitmentReplies.refusal(refused ?? 'gone', commitment?.ownerId ?? '')));
    // A second click on the same follow-up (or on an older one) changes nothing.
    if (commitment.dueDate !== value.dueDate) return void (await tell(commitmentReplies.alreadyExtended(commitment.dueDate)));
    const today = localToday(deps.clock.now(), await deps.users.timeZoneOf(userId));
    const extended = await extendCommitment(deps.db, teamId, commitment.id, userId, value.dueDate, extendedDueDate(value.dueDate, today));
    if (!extended) {
      const current = await findCommitment(deps.db, teamId, commitment.id);
      return void (await tell(commitmentReplies.refusal(commitmentActionRefusal(current, userId) ?? 'gone', commitment.ownerId)));
    }
    deps.logger.info({ teamId, userId, commitmentId: commitment.id, dueDate: extended.dueDate }, 'commitment given more time');
    const settled = settledFollowUp(followUpQuestion(body.message?.blocks), commitmentReplies.moreTime(extended.dueDate));
    await respond({ text: settled.text, blocks: settled.blocks, replace_original: true });
  });
}

/** The question of the follow-up DM the button sits on, to keep it once the buttons go. */
export function followUpQuestion(blocks: unknown): string | null {
  if (!Array.isArray(blocks)) return null;
  const block = blocks.find((candidate) => (candidate as { block_id?: unknown })?.block_id === ids.commitment.followUpBlock) as { text?: { text?: unknown } } | undefined;
  return typeof block?.text?.text === 'string' ? block.text.text : null;
}
