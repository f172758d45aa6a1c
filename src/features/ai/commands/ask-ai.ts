import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { draftMessage } from '../blocks';
import { askKnowledgeBase } from '../flows/drafts';
import { draftOutcomeText } from '../flows/outcome-text';
import type { AiDeps } from '../flows/partner';
import { aiReplies } from '../rules';

/** `/learnloop ask-ai QUESTION`: an answer drafted from the team's learnings, shown to the asker alone. */
export function askAiSubcommand(deps: AiDeps): SubcommandHandler {
  return async ({ command, rest }) => {
    const question = rest.trim();
    if (question.length < 3) return ephemeral(aiReplies.askUsage);
    const outcome = await askKnowledgeBase(deps, { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id, question });
    if (outcome.kind !== 'drafted') return ephemeral(draftOutcomeText(outcome, 'ask') ?? aiReplies.askUsage);
    const message = draftMessage({ id: outcome.draft.id, kind: 'ask', channelId: command.channel_id, body: outcome.body, candidates: [], canPublish: !command.channel_id.startsWith('D') });
    return ephemeral(message.text, message.blocks);
  };
}
