import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { createSessionModal } from '../../sessions';
import { startReview } from '../../reviews';
import { escapeMentions } from '../../../platform/ui/text';
import { findPerson, findProject } from '../queries';
import { noteModal, projectReplies } from '../blocks';

async function steeringRole(deps: Pick<Deps, 'db'>, teamId: string, projectId: number, userId: string): Promise<'sponsor' | 'coach' | null> {
  const role = (await findPerson(deps.db, teamId, projectId, userId))?.role;
  return role === 'sponsor' || role === 'coach' ? role : null;
}

/** "Send the team a note" (sponsor): a form, posted in the channel as theirs. */
export function projectSponsorNote(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not open the note form', async ({ action, body, client }, { teamId, userId, tell }) => {
    const project = await findProject(deps.db, teamId, Number(action.value));
    if (!project || project.status === 'closed') return void (await tell(projectReplies.gone));
    if (!(await steeringRole(deps, teamId, project.id, userId))) return void (await tell(projectReplies.notYours));
    await client.views.open({ trigger_id: body.trigger_id, view: noteModal(project.id) });
  });
}

/** "Book a check-in" (sponsor) and "Plan the showcase" (coach): the session form, in the project channel. */
export function projectBookSession(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return buttonAction(deps, 'could not open the session form', async ({ action, body, client }, { teamId, userId, tell }) => {
    const project = await findProject(deps.db, teamId, Number(action.value));
    if (!project || project.status === 'closed') return void (await tell(projectReplies.gone));
    if (!(await steeringRole(deps, teamId, project.id, userId))) return void (await tell(projectReplies.notYours));
    await client.views.open({ trigger_id: body.trigger_id, view: createSessionModal({ channelId: project.channelId }) });
  });
}

/** "Start the final review" (coach or sponsor): an after-action review of the whole project in its channel. */
export function projectFinalReview(deps: Deps) {
  return buttonAction(deps, 'could not start the final review', async ({ action, client, respond }, { teamId, userId, tell }) => {
    const project = await findProject(deps.db, teamId, Number(action.value));
    if (!project || project.status === 'closed') return void (await tell(projectReplies.gone));
    if (!(await steeringRole(deps, teamId, project.id, userId))) return void (await tell(projectReplies.notYours));
    const result = await startReview(deps, client, { teamId, channelId: project.channelId, userId, title: escapeMentions(`Final review: ${project.name}`), trigger: 'command' });
    if (result.kind === 'not_in_channel') return void (await tell('Learnloop is no longer in the project channel; invite it back first.'));
    await respond({ text: `The final review of “${project.name}” is open in <#${project.channelId}>.`, replace_original: false });
  });
}
