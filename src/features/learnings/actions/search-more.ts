import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { SEARCH_QUERY_MAX } from '../blocks/learnings';
import { searchPage } from '../commands/search';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';
import { safeJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';

const moreValue = z.object({ q: z.string().min(1).max(SEARCH_QUERY_MAX * 2), o: z.number().int().min(0).max(10_000) });

/** "More" under search results: the next page replaces the current one. */
export function learningSearchMore(deps: Pick<Deps, 'db' | 'logger' | 'workspaceUrl' | 'audiences' | 'teamId'>) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    try {
      const value = moreValue.safeParse(safeJson(action.value));
      if (!value.success) return void (await respond({ ...ephemeral('That search is out of date; run `/learnloop search` again.'), replace_original: true }));
      const message = await searchPage(deps, client, teamId, userId, value.data.q, value.data.o);
      await respond({ ...ephemeral(message.text, message.blocks), replace_original: true });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not page search results');
      await respond({ ...ephemeral(whatWentWrong(error)), replace_original: false }).catch(() => undefined);
    }
  };
}
