import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { isoDateOf, localParts } from '../../../platform/time/cadence';
import { findProject, insertModule } from '../queries';
import { ids } from '../ids';
import { projectReplies } from '../blocks';
import { canSteer } from '../flows/permissions';

const b = ids.project;

/** The module form: the coach or sponsor (checked here) adds a module, posted on its date. */
export function projectModuleSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'config' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not add a module', errorBlock: b.moduleTitleBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const v = view.state.values;
    const project = await findProject(deps.db, teamId, Number(v[b.moduleProjectBlock]?.[b.moduleProjectInput]?.selected_option?.value));
    if (!project || project.status === 'closed') return void (await ack({ response_action: 'errors', errors: { [b.moduleProjectBlock]: projectReplies.gone } }));
    if (!(await canSteer(deps, project, userId))) return void (await ack({ response_action: 'errors', errors: { [b.moduleProjectBlock]: projectReplies.notYours } }));
    const title = (v[b.moduleTitleBlock]?.[b.moduleTitleInput]?.value ?? '').trim();
    const link = (v[b.moduleLinkBlock]?.[b.moduleLinkInput]?.value ?? '').trim() || null;
    const dueOn = v[b.moduleDateBlock]?.[b.moduleDateInput]?.selected_date ?? '';
    const question = (v[b.moduleQuestionBlock]?.[b.moduleQuestionInput]?.value ?? '').trim() || null;
    const today = isoDateOf(localParts(deps.clock.now(), project.timeZone));
    const errors: Record<string, string> = {};
    if (title === '') errors[b.moduleTitleBlock] = 'Give the module a title.';
    if (link && !/^https?:\/\/\S+$/.test(link)) errors[b.moduleLinkBlock] = 'A link starts with https://';
    if (!dueOn || dueOn < today) errors[b.moduleDateBlock] = 'Pick today or a later date.';
    else if (dueOn > project.endsOn) errors[b.moduleDateBlock] = `The project ends on ${project.endsOn}; pick a date before then.`;
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    await insertModule(deps.db, { teamId, projectId: project.id, title, link, dueOn, question, createdBy: userId });
    await ack();
    await client.chat.postMessage({ channel: userId, text: projectReplies.moduleAdded(title, dueOn) }).catch(() => undefined);
  });
}
