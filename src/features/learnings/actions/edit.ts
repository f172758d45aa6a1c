import type { Deps } from '../../../deps';
import { findLearning } from '../queries';
import { isPickableSource, learningModal, unescapeSlackText } from '../blocks/learning-modal';
import { learningReplies } from '../blocks/learnings';
import { buttonAction } from '../../../platform/slack/button-action';

/** "Edit" on a saved learning opens the learning form pre-filled; only its author may. */
export function learningEdit(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not open the learning edit form', async ({ body, action, client }, { teamId, userId, tell }) => {
    const learning = await findLearning(deps.db, teamId, Number(action.value));
    if (!learning) return void (await tell(learningReplies.gone));
    if (learning.userId !== userId) return void (await tell(learningReplies.notAuthor(learning.userId, 'edit')));
    const metadata = {
      mode: 'edit' as const,
      learningId: learning.id,
      ...(body.channel?.id ? { channelId: body.channel.id } : {}),
      ...(isPickableSource(learning.source) ? {} : { source: learning.source }),
      responseUrl: body.response_url,
    };
    const initial = { text: unescapeSlackText(learning.text), tags: learning.tags, link: learning.link && unescapeSlackText(learning.link), visibility: learning.visibility, source: learning.source };
    await client.views.open({ trigger_id: body.trigger_id, view: learningModal({ metadata, initial }) });
  });
}
