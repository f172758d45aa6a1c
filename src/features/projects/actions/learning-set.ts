import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { findPerson, findProject } from '../queries';
import { projectReplies, recogniseModal, stuckModal } from '../blocks';

/** "We're stuck" / "Recognise a teammate" on a learning set: members only, then their form. */
export function projectSetButton(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>, which: 'stuck' | 'recognise') {
  return buttonAction(deps, 'could not open a learning-set form', async ({ action, body, client }, { teamId, userId, tell }) => {
    const project = await findProject(deps.db, teamId, Number(action.value));
    if (!project || project.status !== 'active') return void (await tell(projectReplies.gone));
    if ((await findPerson(deps.db, teamId, project.id, userId))?.role !== 'member') return void (await tell(projectReplies.notMember));
    await client.views.open({ trigger_id: body.trigger_id, view: which === 'stuck' ? stuckModal(project.id) : recogniseModal(project.id) });
  });
}
