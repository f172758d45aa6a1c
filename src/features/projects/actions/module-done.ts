import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { findModule, findPerson, recordModuleDone } from '../queries';
import { projectReplies } from '../blocks';

/** "Done" on a posted module: each member once; others are told it is for the team. */
export function projectModuleDone(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return buttonAction(deps, 'could not record a module as done', async ({ action }, { teamId, userId, tell }) => {
    const module = await findModule(deps.db, teamId, Number(action.value));
    if (!module) return void (await tell(projectReplies.gone));
    if ((await findPerson(deps.db, teamId, module.projectId, userId))?.role !== 'member') return void (await tell(projectReplies.notMember));
    const first = await recordModuleDone(deps.db, teamId, module.id, userId, deps.clock.now());
    await tell(first ? `Noted: you finished “${module.title}”.` : `You marked “${module.title}” as done already.`);
  });
}
