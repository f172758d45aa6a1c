import { buttonAction } from '../../../platform/slack/button-action';
import { decidedMessage } from '../blocks';
import { publishDraft } from '../flows/publish';
import type { AiDeps } from '../flows/partner';
import { aiReplies } from '../rules';

/** Publish on a draft: only its reader, once; the draft's message then says where it went. */
export function aiPublish(deps: AiDeps) {
  return buttonAction(deps, 'could not publish an AI draft', async ({ action, respond }, { teamId, userId, tell }) => {
    const outcome = await publishDraft(deps, { teamId, draftId: Number(action.value) || 0, userId });
    if (outcome.kind === 'published') return void (await respond({ replace_original: true, ...decidedMessage(aiReplies.published(outcome.where)) }));
    await tell(outcome.kind === 'not_yours' ? aiReplies.notYours : outcome.kind === 'failed' ? aiReplies.publishFailed : aiReplies.draftGone);
  });
}
