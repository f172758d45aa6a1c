import type { Deps } from '../../../deps';
import { insertLearning } from '../../learnings';
import { findCheckIn, recordMenteeReflection } from '../queries';
import { CHECK_IN_ANSWER_MAX } from '../rules';
import { mentorReplies, reflectionFormMetadata, settledMessage } from '../blocks';
import { isOwnBotDm } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { safeJson } from '../../../platform/slack/safe-json';
import { viewSubmission } from '../../../platform/slack/view-submission';

const b = ids.mentor;

/** The mentee's mirror answer: stored on the check-in and as their private learning, credited to the mentor. */
export function mentorReflectionSubmitted(deps: Deps) {
  return viewSubmission(deps, { failure: 'could not save a check-in reflection', errorBlock: b.reflectionBlock }, async ({ ack, body, view, client }, { teamId, userId }) => {
    const text = (view.state.values[b.reflectionBlock]?.[b.reflectionInput]?.value ?? '').trim();
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [b.reflectionBlock]: message } });
    if (text === '') return void (await fieldError(mentorReplies.reflectionEmpty));
    if (text.length > CHECK_IN_ANSWER_MAX) return void (await fieldError(mentorReplies.tooLong(CHECK_IN_ANSWER_MAX, text.length)));
    const meta = reflectionFormMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) return void (await fieldError(mentorReplies.formOutdated));

    const checkIn = await findCheckIn(deps.db, teamId, meta.data.checkInId);
    if (!checkIn || checkIn.menteeId !== userId) return void (await fieldError(mentorReplies.notForYou));
    const saved = await deps.db.transaction().execute(async (trx) => {
      const row = await recordMenteeReflection(trx, teamId, checkIn.id, userId, text, deps.clock.now());
      if (!row) return false;
      await insertLearning(trx, {
        teamId, userId, text, tags: ['mentoring'], link: null, visibility: 'private', source: 'colleague',
        creditedUserId: checkIn.mentorId, sourceKind: 'check_in', sourceId: checkIn.id,
      });
      return true;
    });
    if (!saved) return void (await fieldError(mentorReplies.alreadyReflected));
    await ack();
    deps.logger.info({ teamId, userId, checkInId: checkIn.id }, 'check-in reflection saved');
    const { channelId, messageTs } = meta.data;
    // Only the mentee's own DM with Learnloop: a message named anywhere else is left alone.
    if (channelId && messageTs && (await isOwnBotDm(client, channelId, userId).catch(() => false))) {
      const done = settledMessage(mentorReplies.reflectionSaved);
      await client.chat
        .update({ channel: channelId, ts: messageTs, text: done.text, blocks: done.blocks })
        .catch((error) => deps.logger.warn({ err: error, teamId, userId, checkInId: checkIn.id }, 'could not update the mirror question DM'));
    }
  });
}
