import type { Deps } from '../../../deps';
import { listRecentLearnings } from '../queries';
import { normaliseTags } from '../rules/learning-text';
import { parseUserMention } from '../../../platform/ui/text';
import { learningListMessage, learningReplies, type LearningListFilter } from '../blocks/learnings';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';

/** `@person` (as Slack escapes it), `#tag` (or the channel link Slack makes of it), `me` or nothing (mine). */
export function parseLearningsFilter(args: readonly string[], viewerId: string): LearningListFilter | null {
  if (args.length > 1) return null;
  const word = args[0]?.trim() ?? '';
  if (word === '' || word.toLowerCase() === 'me') return { authorId: viewerId };
  const authorId = parseUserMention(word);
  if (authorId) return { authorId };
  const tag = /^#(.+)$/u.exec(word)?.[1] ?? /^<#[CG][A-Z0-9]+\|([^>]+)>$/.exec(word)?.[1];
  const [normalised] = tag ? normaliseTags([tag]) : [];
  return normalised ? { tag: normalised } : null;
}

/** `/learnloop learnings [@person|#tag]`: recent learnings; the viewer's own have a Delete button. */
export function learningsSubcommand(deps: Pick<Deps, 'db' | 'workspaceUrl' | 'audiences'>): SubcommandHandler {
  return async ({ command, args, client }) => {
    const filter = parseLearningsFilter(args, command.user_id);
    if (!filter) return ephemeral(learningReplies.learningsUsage);
    const viewer = await deps.audiences.person(client, command.team_id, command.user_id);
    const learnings = await listRecentLearnings(deps.db, command.team_id, viewer, filter);
    const message = learningListMessage({ learnings, viewerId: command.user_id, filter, workspaceUrl: deps.workspaceUrl });
    return ephemeral(message.text, message.blocks);
  };
}
