import type { Deps } from '../../../deps';
import { findPair, updatePair } from '../queries';
import { nextReminderAt } from '../rules';
import { mentorReplies, parsePairValue, settledMessage } from '../blocks';
import { buttonAction } from '../../../platform/slack/button-action';

/** Accept / Decline on a mentor request: only the asked mentor may; both sides learn the answer. */
export function mentorAnswerRequest(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>, answer: 'accept' | 'decline') {
  return buttonAction(deps, 'could not answer a mentor request', async ({ action, client, respond }, { teamId, userId, tell }) => {
    const value = parsePairValue(action.value);
    const pair = value ? await findPair(deps.db, teamId, value.pairId) : undefined;
    if (!pair || pair.status !== 'requested') return void (await tell(mentorReplies.requestGone));
    if (pair.mentorId !== userId) return void (await tell(mentorReplies.notForYou));
    const now = deps.clock.now();
    const change =
      answer === 'accept'
        ? { status: 'active' as const, acceptedAt: now, nextReminderAt: nextReminderAt(pair.cadence, now, await deps.users.timeZoneOf(userId)) }
        : { status: 'declined' as const, endedAt: now };
    // Only the first click moves a pair out of 'requested'.
    const updated = await updatePair(deps.db, teamId, pair.id, ['requested'], change, { mentorId: userId });
    if (!updated) return void (await tell(mentorReplies.requestGone));
    deps.logger.info({ teamId, userId, pairId: pair.id, answer }, 'mentor request answered');
    const settled = settledMessage(answer === 'accept' ? mentorReplies.accepted(pair.menteeId, pair.cadence) : mentorReplies.declined(pair.menteeId));
    await respond({ text: settled.text, blocks: settled.blocks, replace_original: true });
    const notice = answer === 'accept' ? mentorReplies.acceptedNotice(userId) : mentorReplies.declinedNotice(userId);
    await client.chat.postMessage({ channel: pair.menteeId, text: notice }).catch((error) => deps.logger.warn({ err: error, teamId, pairId: pair.id }, 'could not tell a mentee the answer'));
  });
}

export const mentorAccept = (deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>) => mentorAnswerRequest(deps, 'accept');
