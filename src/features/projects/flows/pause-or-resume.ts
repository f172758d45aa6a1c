import type { Deps } from '../../../deps';
import { nextOccurrence } from '../../../platform/time/cadence';
import { updateScheduleStatus } from '../../prompts';
import { setProjectStatus, type Project } from '../queries';
import { setCadenceOf } from '../rules';

export type SteerOutcome = { kind: 'done' } | { kind: 'not-active'; status: string };

/**
 * Pauses a running project (its learning sets stop) or resumes a paused one (the next learning set is
 * the next one due from now: sets missed while paused are not posted late). The status change is the
 * claim: a second press finds the project already changed.
 */
export async function pauseOrResumeProject(deps: Pick<Deps, 'db' | 'clock'>, project: Project, verb: 'pause' | 'resume'): Promise<SteerOutcome> {
  const now = deps.clock.now();
  if (verb === 'pause') {
    if (!(await setProjectStatus(deps.db, project.teamId, project.id, ['active'], 'paused', now))) return { kind: 'not-active', status: project.status };
    if (project.scheduleId) await updateScheduleStatus(deps.db, project.teamId, project.scheduleId, { status: 'paused', reason: 'project paused' });
    return { kind: 'done' };
  }
  if (!(await setProjectStatus(deps.db, project.teamId, project.id, ['paused'], 'active', now))) return { kind: 'not-active', status: project.status };
  if (project.scheduleId) {
    const cadence = setCadenceOf(project.setCadence, project.startsOn, await setTimeOf(deps, project));
    await updateScheduleStatus(deps.db, project.teamId, project.scheduleId, { status: 'active', nextRunAt: nextOccurrence(cadence, project.timeZone, now) });
  }
  return { kind: 'done' };
}

/** The learning-set time, as the schedule keeps it. */
async function setTimeOf(deps: Pick<Deps, 'db'>, project: Project): Promise<{ hour: number; minute: number }> {
  const schedule = project.scheduleId ? await deps.db.selectFrom('promptSchedule').select('cadence').where('teamId', '=', project.teamId).where('id', '=', project.scheduleId).executeTakeFirst() : undefined;
  const cadence = schedule?.cadence as { time?: { hour: number; minute: number } } | undefined;
  return cadence?.time ?? { hour: 16, minute: 0 };
}
