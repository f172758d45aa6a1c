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

/** `/learned TEXT` records a learning in one gesture (#tags and a link from the text); `/learned` alone opens the form. */
export function learnedCommand(deps: Pick<Deps, 'db' | 'logger' | 'audiences'>) {
  return async ({ ack, command, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (isHelpRequest(command.text ?? '')) return void (await ack(ephemeral(topicHelpText('learned'), topicHelpBlocks('learned'))));
    const text = (command.text ?? '').trim();
    const length = [...text].length;
    if (length > LEARNING_MAX_LENGTH) return void (await ack(ephemeral(learningReplies.tooLong(length))));
    await ack();
    const teamId = command.team_id;
    const userId = command.user_id;
    try {
      if (text === '') {
        const metadata = { mode: 'create' as const, channelId: command.channel_id, responseUrl: command.response_url };
        await client.views.open({ trigger_id: command.trigger_id, view: learningModal({ metadata }) });
        return;
      }
      const parsed = parseLearningText(text);
      // Slack sends & as &amp; even inside links; the stored link is the real address.
      const link = parsed.link && unescapeSlackText(parsed.link);
      const privateChannelId = await deps.audiences.privateChannelOf(client, teamId, command.channel_id);
      const learning = await insertLearning(deps.db, { teamId, userId, ...parsed, link, visibility: 'team', source: 'experience', channelId: command.channel_id, privateChannelId });
      deps.logger.info({ teamId, userId, learningId: learning.id, tags: learning.tags.length }, 'learning recorded');
      const message = learningSavedMessage(learning);
      await respond(ephemeral(message.text, message.blocks));
    } catch (error) {
      // The receiver keeps the command in its spool and tells the person; it is saved when the database is back.
      if (isDatabaseUnavailable(error)) throw error;
      deps.logger.error({ err: error, teamId, userId, channelId: command.channel_id }, '/learned failed');
      await respond(ephemeral(SOMETHING_WENT_WRONG)).catch(() => undefined);
    }
  };
}
