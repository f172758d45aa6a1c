import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { searchKnowledge } from '../queries';
import { normaliseTags, TAG_SOURCE } from '../rules/learning-text';
import { learningReplies, SEARCH_QUERY_MAX, searchResultsMessage, type Message } from '../blocks/learnings';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';

export const SEARCH_PAGE_SIZE = 10;

// `#tag` (emoji tags too, as /learned keeps them), or the channel link Slack makes of a #word that names a
// channel (/learnloop escapes its text).
const TAG_WORD = new RegExp(`(?:^|\\s)(?:#(${TAG_SOURCE})|<#[CG][A-Z0-9]+\\|([^>]+)>)(?=[\\s,.;:!?)]|$)`, 'gu');

/** Splits a search into websearch words and #tag filters. */
export function parseSearchQuery(text: string): { words: string; tags: string[] } {
  const tags = [...text.matchAll(TAG_WORD)].map((m) => m[1] ?? m[2] ?? '');
  const words = text.replace(TAG_WORD, ' ').replace(/\s+/g, ' ').trim();
  return { words, tags: normaliseTags(tags) };
}

/** One page of results for the viewer: searched within their workspace, one more than shown to know if there are others. */
export async function searchPage(
  deps: Pick<Deps, 'db' | 'workspaceUrl' | 'audiences'>,
  client: WebClient,
  teamId: string,
  viewerId: string,
  query: string,
  offset: number,
): Promise<Message> {
  const { words, tags } = parseSearchQuery(query);
  // The answer is ephemeral: the viewer alone reads it, so it holds what the viewer may see.
  const viewer = await deps.audiences.person(client, teamId, viewerId);
  const hits = await searchKnowledge(deps.db, teamId, viewer, { words, tags, limit: SEARCH_PAGE_SIZE + 1, offset });
  return searchResultsMessage({ query, hits: hits.slice(0, SEARCH_PAGE_SIZE), offset, hasMore: hits.length > SEARCH_PAGE_SIZE, workspaceUrl: deps.workspaceUrl });
}

/** `/learnloop search QUERY`: learnings and public prompt replies, best match first, 10 at a time. */
export function searchSubcommand(deps: Pick<Deps, 'db' | 'logger' | 'workspaceUrl' | 'audiences'>): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const query = rest.trim();
    const { words, tags } = parseSearchQuery(query);
    if (words === '' && tags.length === 0) return ephemeral(learningReplies.searchUsage);
    if ([...query].length > SEARCH_QUERY_MAX) return ephemeral(learningReplies.searchTooLong);
    const message = await searchPage(deps, client, command.team_id, command.user_id, query, 0);
    deps.logger.debug({ teamId: command.team_id, userId: command.user_id, tags: tags.length }, 'knowledge base searched');
    return ephemeral(message.text, message.blocks);
  };
}
