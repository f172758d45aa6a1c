import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { actorFor } from '../../../platform/slack/permissions';
import { escapeMentions } from '../../../platform/ui/text';
import { ids } from '../ids';
import { insertCompetency } from '../queries';
import { parseCompetencyCommand } from '../rules';
import { growthReplies } from '../blocks';

const b = ids.growth;

/** The competency form: admins only, checked again here (the form may have been opened before a change). */
export function growthCompetencySubmitted(deps: Pick<Deps, 'db' | 'logger' | 'config' | 'users' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not add a competency', errorBlock: b.competencyNameBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const value = (block: string, input: string): string => (view.state.values[block]?.[input]?.value ?? '').trim();
    if (!(await actorFor(deps, userId)).isAdmin) return void (await ack({ response_action: 'errors', errors: { [b.competencyNameBlock]: growthReplies.adminsOnly.slice(0, 150) } }));
    const name = value(b.competencyNameBlock, b.competencyNameInput).replace(/["“”]/g, '');
    const parsed = parseCompetencyCommand(`add "${name}" ${value(b.competencyTagsBlock, b.competencyTagsInput)}`);
    if (parsed.kind !== 'add') {
      const problem = parsed.kind === 'invalid' ? parsed.problem.split('. Try')[0] ?? parsed.problem : 'Give the competency a name.';
      const block = /tag/.test(problem) ? b.competencyTagsBlock : b.competencyNameBlock;
      return void (await ack({ response_action: 'errors', errors: { [block]: problem.slice(0, 150) } }));
    }
    const description = value(b.competencyDescriptionBlock, b.competencyDescriptionInput) || null;
    const added = await insertCompetency(deps.db, { teamId, name: parsed.name, description, tags: parsed.tags, createdBy: userId });
    if (!added) return void (await ack({ response_action: 'errors', errors: { [b.competencyNameBlock]: growthReplies.exists(parsed.name).slice(0, 150) } }));
    await ack();
    deps.logger.info({ teamId, userId, competencyId: added.id }, 'competency added');
    await client.chat.postMessage({ channel: userId, text: escapeMentions(growthReplies.added(added.name, added.tags)) }).catch(() => undefined);
  });
}
