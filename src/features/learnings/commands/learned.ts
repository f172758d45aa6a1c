import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { insertLearning } from '../queries';
import { LEARNING_MAX_LENGTH, parseLearningText } from '../rules/learning-text';
import { isHelpRequest } from '../../help';
import { topicHelpBlocks, topicHelpText } from '../../help';
import { learningModal, unescapeSlackText } from '../blocks/learning-modal';
import { learningReplies, learningSavedMessage } from '../blocks/learnings';
import { ephemeral, SOMETHING_WENT_WRONG } from '../../../platform/slack/replies';
import { isDatabaseUnavailable } from '../../../platform/db/unavailable';
import { withCompetencyPicker } from '../../growth';

// Slack waits 3 s for the answer; a learning stored within this budget is confirmed in the answer itself.
const CONFIRM_IN_ANSWER_MS = 1_500;

/**
 * `/learned TEXT` records a learning in one gesture (#tags and a link from the text); `/learned` alone
 * opens the form. The learning is stored before the answer when that is quick, so the confirmation is
 * the answer (one round trip, nothing left to run afterwards); a slow database answers at once and
 * confirms through the response_url.
 */
export function learnedCommand(deps: Pick<Deps, 'db' | 'logger' | 'audiences'>) {
  return async ({ ack, command, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (isHelpRequest(command.text ?? '')) return void (await ack(ephemeral(topicHelpText('learned'), topicHelpBlocks('learned'))));
    const text = (command.text ?? '').trim();
    const length = [...text].length;
    if (length > LEARNING_MAX_LENGTH) return void (await ack(ephemeral(learningReplies.tooLong(length))));
    const teamId = command.team_id;
    const userId = command.user_id;
    if (text === '') {
      await ack();
      const metadata = { mode: 'create' as const, channelId: command.channel_id, responseUrl: command.response_url };
      await client.views
        .open({ trigger_id: command.trigger_id, view: await withCompetencyPicker(deps.db, command.team_id, learningModal({ metadata })) })
        .catch(async (error) => {
          deps.logger.error({ err: error, teamId, userId }, '/learned could not open the form');
          await respond(ephemeral(SOMETHING_WENT_WRONG)).catch(() => undefined);
        });
      return;
    }

    const saving = (async () => {
      const parsed = parseLearningText(text);
      // Slack sends & as &amp; even inside links; the stored link is the real address.
      const link = parsed.link && unescapeSlackText(parsed.link);
      const privateChannelId = await deps.audiences.privateChannelOf(client, teamId, command.channel_id);
      const learning = await insertLearning(deps.db, { teamId, userId, ...parsed, link, visibility: 'team', source: 'experience', channelId: command.channel_id, privateChannelId });
      deps.logger.info({ teamId, userId, learningId: learning.id, tags: learning.tags.length }, 'learning recorded');
      const message = learningSavedMessage(learning);
      return ephemeral(message.text, message.blocks);
    })();
    let answered = false;
    try {
      const quick = await within(saving, CONFIRM_IN_ANSWER_MS);
      if (quick) return void (await ack(quick));
      await ack();
      answered = true;
      await respond(await saving);
    } catch (error) {
      // The receiver keeps the command in its spool and tells the person; it is saved when the database is back.
      if (isDatabaseUnavailable(error)) throw error;
      deps.logger.error({ err: error, teamId, userId, channelId: command.channel_id }, '/learned failed');
      if (answered) await respond(ephemeral(SOMETHING_WENT_WRONG)).catch(() => undefined);
      else await ack(ephemeral(SOMETHING_WENT_WRONG));
    }
  };
}

/** The work's result if it is done within `ms`, otherwise undefined (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
