import type { Deps } from '../../../deps';
import { insertLearning } from '../../learnings';
import { findPair, insertCheckIn, updatePair } from '../queries';
import { CHECK_IN_ANSWER_MAX, formatWhen, nextReminderAt, reminderRefusal } from '../rules';
import { checkInFormMetadata, mentorReplies, reflectMessage, settledMessage } from '../blocks';
import { isOwnBotDm } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { safeJson } from '../../../platform/slack/safe-json';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { pickedCompetencyOf, recordPickedCompetency } from '../../growth';

const b = ids.mentor;

/**
 * "Log check-in" submitted: the check-in is stored, the pair's reminders start over from now, the
 * mentor's answer becomes their private learning, and the mentee is asked the mirror question.
 */
export function mentorCheckInSubmitted(deps: Deps) {
  return viewSubmission(deps, { failure: 'could not log a check-in', errorBlock: b.menteeLearnedBlock }, async ({ ack, body, view, client }, { teamId, userId }) => {
    const value = (block: string, input: string) => (view.state.values[block]?.[input]?.value ?? '').trim();
    const menteeLearned = value(b.menteeLearnedBlock, b.menteeLearnedInput);
    const mentorLearned = value(b.mentorLearnedBlock, b.mentorLearnedInput);
    const fieldError = (block: string, message: string) => ack({ response_action: 'errors', errors: { [block]: message } });
    if (menteeLearned === '' && mentorLearned === '') return void (await fieldError(b.menteeLearnedBlock, mentorReplies.checkInEmpty));
    for (const [block, text] of [[b.menteeLearnedBlock, menteeLearned], [b.mentorLearnedBlock, mentorLearned]] as const) {
      if (text.length > CHECK_IN_ANSWER_MAX) return void (await fieldError(block, mentorReplies.tooLong(CHECK_IN_ANSWER_MAX, text.length)));
    }
    const meta = checkInFormMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) return void (await fieldError(b.menteeLearnedBlock, mentorReplies.formOutdated));

    // Side by side: both are needed before the answer.
    const [pair, timeZone] = await Promise.all([findPair(deps.db, teamId, meta.data.pairId), deps.users.timeZoneOf(userId)]);
    const refused = reminderRefusal(pair, userId);
    if (refused || !pair) return void (await fieldError(b.menteeLearnedBlock, mentorReplies.reminderRefusal(refused ?? 'pair_gone', pair?.mentorId ?? '')));
    const now = deps.clock.now();
    const next = nextReminderAt(pair.cadence, now, timeZone);
    const checkIn = await deps.db.transaction().execute(async (trx) => {
      const row = await insertCheckIn(trx, {
        teamId, pairId: pair.id, mentorId: pair.mentorId, menteeId: pair.menteeId, menteeLearned: menteeLearned || null, mentorLearned: mentorLearned || null, heldAt: now,
      });
      await updatePair(trx, teamId, pair.id, ['active'], { lastCheckInAt: now, unansweredReminders: 0, nextReminderAt: next });
      if (mentorLearned !== '') {
        await insertLearning(trx, {
          teamId, userId, text: mentorLearned, tags: ['mentoring'], link: null, visibility: 'private', source: 'colleague',
          creditedUserId: pair.menteeId, sourceKind: 'check_in', sourceId: row.id,
        });
      }
      return row;
    });
    await recordPickedCompetency(deps.db, { teamId, itemKind: 'check_in', itemId: checkIn.id, competencyId: pickedCompetencyOf(view.state.values), pickedBy: userId });
    await ack();
    deps.logger.info({ teamId, userId, pairId: pair.id, checkInId: checkIn.id }, 'check-in logged');

    const done = settledMessage(mentorReplies.checkInLogged(pair.menteeId, formatWhen(next, timeZone)));
    // The reminder named in the metadata is rewritten only in the mentor's own DM with Learnloop; a
    // channel anywhere else is a hint nobody should have edited, so the answer goes as a new DM.
    const { channelId, messageTs } = meta.data;
    const settle = channelId && messageTs && (await isOwnBotDm(client, channelId, userId).catch(() => false))
      ? client.chat.update({ channel: channelId, ts: messageTs, text: done.text, blocks: done.blocks })
      : client.chat.postMessage({ channel: userId, text: done.text, blocks: done.blocks });
    await settle.catch((error) => deps.logger.warn({ err: error, teamId, userId, pairId: pair.id }, 'could not update a mentor reminder DM'));
    const mirror = reflectMessage(checkIn);
    await client.chat
      .postMessage({ channel: pair.menteeId, text: mirror.text, blocks: mirror.blocks })
      .catch((error) => deps.logger.warn({ err: error, teamId, userId: pair.menteeId, checkInId: checkIn.id }, 'could not ask a mentee the mirror question'));
  });
}
