import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { deleteLearning, findLearning, listRecentLearnings, type Learning } from '../queries';
import { learningListMessage, learningReplies, removedLearningCard, type LearningListFilter } from '../blocks/learnings';
import { ids } from '../ids';
import { ephemeral } from '../../../platform/slack/replies';
import { buttonAction } from '../../../platform/slack/button-action';
import { parseJson } from '../../../platform/slack/safe-json';

type DeleteDeps = Pick<Deps, 'db' | 'logger' | 'teamId' | 'workspaceUrl' | 'audiences'>;

const listValue = z.object({ id: z.number().int().positive(), a: z.string().optional(), t: z.string().optional() });

/** Undo carries the learning id; Delete (in a list) also the list to redraw. */
function parseValue(value: string | undefined): z.infer<typeof listValue> | null {
  return /^\d+$/.test(value ?? '') ? { id: Number(value) } : parseJson(listValue, value);
}

/** "Undo" on a saved learning and "Delete" in a list: only the author deletes; a shared card goes too. */
export function learningDelete(deps: DeleteDeps) {
  return buttonAction(deps, 'could not delete a learning', async ({ action, client, respond }, { teamId, userId, tell }) => {
    const value = parseValue(action.value);
    if (!value) return void (await tell(learningReplies.gone));
    const { id, a: authorId, t: tag } = value;
    const deleted = await deleteLearning(deps.db, teamId, id, userId);
    if (!deleted) {
      const existing = await findLearning(deps.db, teamId, id);
      return void (await tell(existing ? learningReplies.notAuthor(existing.userId, 'delete') : learningReplies.gone));
    }
    deps.logger.info({ teamId, userId, learningId: id, wasShared: deleted.sharedTs !== null }, 'learning deleted by its author');
    await withdrawSharedCard(deps, client, deleted);
    if (action.action_id === ids.learning.undo) return void (await respond({ ...ephemeral(learningReplies.deleted), replace_original: true }));
    const filter: LearningListFilter = tag ? { tag } : { authorId: authorId ?? userId };
    const learnings = await listRecentLearnings(deps.db, teamId, await deps.audiences.person(client, teamId, userId), filter);
    const list = learningListMessage({ learnings, viewerId: userId, filter, workspaceUrl: deps.workspaceUrl, note: 'Deleted one learning.' });
    await respond({ ...ephemeral(list.text, list.blocks), replace_original: true });
  });
}

/** The card of a shared learning is deleted; if Slack refuses, it is overwritten instead. */
async function withdrawSharedCard(deps: DeleteDeps, client: WebClient, learning: Learning): Promise<void> {
  if (!learning.sharedChannelId || !learning.sharedTs) return;
  const target = { channel: learning.sharedChannelId, ts: learning.sharedTs };
  try {
    await client.chat.delete(target);
  } catch (deleteError) {
    const card = removedLearningCard('removed');
    await client.chat.update({ ...target, text: card.text, blocks: card.blocks }).catch((error) => {
      deps.logger.warn({ err: error, deleteErr: deleteError, teamId: learning.teamId, learningId: learning.id }, 'could not remove a shared learning card');
    });
  }
}
