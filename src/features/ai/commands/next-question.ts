import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { isDirectMessage } from '../../../platform/slack/channels';
import { draftNextQuestion } from '../flows/drafts';
import { draftOutcomeText } from '../flows/outcome-text';
import type { AiDeps } from '../flows/partner';
import { aiReplies } from '../rules';

/** `/learnloop next-question` in a channel: a follow-up question for its latest prompt, drafted to the facilitator's DMs. */
export function nextQuestionSubcommand(deps: AiDeps): SubcommandHandler {
  return async ({ command }) => {
    if (isDirectMessage(command)) return ephemeral(aiReplies.needsChannel('next-question'));
    const outcome = await draftNextQuestion(deps, { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id });
    return ephemeral(draftOutcomeText(outcome, 'next_question') ?? aiReplies.drafting('a follow-up question').replace('comes to your DMs from Learnloop in a moment', 'is in your DMs from Learnloop'));
  };
}
