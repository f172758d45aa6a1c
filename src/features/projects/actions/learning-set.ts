import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { findPerson, findProject } from '../queries';
import { ownNextModal, projectReplies, recogniseModal, stuckModal } from '../blocks';
import { isoDateOf, localParts } from '../../../platform/time/cadence';

/** "We're stuck" / "Recognise a teammate" on a learning set: members only, then their form. */
export function projectSetButton(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'clock'>, which: 'stuck' | 'recognise' | 'own') {
  return buttonAction(deps, 'could not open a learning-set form', async ({ action, body, client }, { teamId, userId, tell }) => {
    const project = await findProject(deps.db, teamId, Number(action.value));
    if (!project || project.status !== 'active') return void (await tell(projectReplies.gone));
    if ((await findPerson(deps.db, teamId, project.id, userId))?.role !== 'member') return void (await tell(projectReplies.notMember));
    // A next step is due by the next learning set, two weeks on, unless its owner says otherwise.
    const inTwoWeeks = isoDateOf(localParts(new Date(deps.clock.now().getTime() + 14 * 86_400_000), project.timeZone));
    const view = which === 'stuck' ? stuckModal(project.id) : which === 'recognise' ? recogniseModal(project.id) : ownNextModal(project.id, inTwoWeeks);
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
