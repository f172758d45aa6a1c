import { buttonAction } from '../../../platform/slack/button-action';
import { decidedMessage } from '../blocks';
import { discardDraft, findDraft } from '../queries';
import type { AiDeps } from '../flows/partner';
import { aiReplies } from '../rules';

/** Discard on a draft: nothing is posted and its text is dropped at once. */
export function aiDiscard(deps: AiDeps) {
  return buttonAction(deps, 'could not discard an AI draft', async ({ action, respond }, { teamId, userId, tell }) => {
    const draftId = Number(action.value) || 0;
    if (await discardDraft(deps.db, teamId, draftId, userId)) return void (await respond({ replace_original: true, ...decidedMessage(aiReplies.discarded) }));
    const draft = await findDraft(deps.db, teamId, draftId);
    await tell(draft && draft.userId !== userId ? aiReplies.notYours : aiReplies.draftGone);
  });
}
