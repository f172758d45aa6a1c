import type { Deps } from '../../../deps';
import { deleteChannelQuestion, findChannelQuestion, insertChannelQuestion, listChannelQuestions } from '../queries/channel-questions';
import { canManage } from '../../../platform/slack/permissions';
import { parseQuestionCommand } from '../rules/prompt-command';
import { channelQuestionsMessage, promptReplies } from '../blocks/schedules';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';

/** `/learnloop questions add|list|remove`: the channel's own reflection questions. Adding is open to anyone in the channel. */
export function questionsSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, rest }) => {
    if (isDirectMessage(command)) return ephemeral(promptReplies.needsChannel('Questions'));
    const teamId = command.team_id;
    const channelId = command.channel_id;
    const parsed = parseQuestionCommand(rest);
    switch (parsed.kind) {
      case 'invalid':
        return ephemeral(parsed.error);
      case 'add': {
        // Stored as typed; every place that shows it escapes it.
        const question = await insertChannelQuestion(deps.db, { teamId, channelId, text: parsed.text, createdBy: command.user_id });
        deps.logger.info({ teamId, channelId, questionId: question.id }, 'channel question added');
        return ephemeral(promptReplies.questionAdded(question));
      }
      case 'list': {
        const message = channelQuestionsMessage(channelId, await listChannelQuestions(deps.db, teamId, channelId));
        return ephemeral(message.text, message.blocks);
      }
      case 'remove': {
        const question = await findChannelQuestion(deps.db, teamId, channelId, parsed.id);
        if (!question) return ephemeral(promptReplies.noQuestion(parsed.id));
        if (!canManage(await actorFor(deps, command.user_id), question.createdBy)) {
          return ephemeral(promptReplies.notAllowed(question.createdBy, `question #${question.id}`, 'remove'));
        }
        await deleteChannelQuestion(deps.db, teamId, channelId, question.id);
        return ephemeral(promptReplies.questionRemoved(question));
      }
    }
  };
}
