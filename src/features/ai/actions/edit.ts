import { buttonAction } from '../../../platform/slack/button-action';
import { editDraftModal } from '../blocks';
import { findDraft } from '../queries';
import type { AiDeps } from '../flows/partner';
import { aiReplies } from '../rules';

/** Edit on a draft: a form with its text; submitting publishes the reader's version. */
export function aiEdit(deps: AiDeps) {
  return buttonAction(deps, 'could not open an AI draft for editing', async ({ action, body, client }, { teamId, userId, tell }) => {
    const draft = await findDraft(deps.db, teamId, Number(action.value) || 0);
    if (!draft || draft.status !== 'draft') return void (await tell(aiReplies.draftGone));
    if (draft.userId !== userId) return void (await tell(aiReplies.notYours));
    await client.views.open({ trigger_id: body.trigger_id, view: editDraftModal(draft) });
  });
}
