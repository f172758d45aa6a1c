import type { Deps } from '../../../deps';
import { actorFor } from '../../../platform/slack/permissions';
import { listPeople, type Project } from '../queries';

/** Who may steer a project (pause, resume, close, add modules): its coach, sponsor or creator, or an admin. */
export async function canSteer(deps: Pick<Deps, 'db' | 'users' | 'config'>, project: Project, userId: string): Promise<boolean> {
  if (project.createdBy === userId) return true;
  const people = await listPeople(deps.db, project.teamId, project.id);
  if (people.some((p) => p.userId === userId && (p.role === 'coach' || p.role === 'sponsor'))) return true;
  return (await actorFor(deps, userId)).isAdmin;
}

/** Who may see a project's details: its people, its creator, and admins. */
export async function canSee(deps: Pick<Deps, 'db' | 'users' | 'config'>, project: Project, userId: string): Promise<boolean> {
  if (project.createdBy === userId) return true;
  if ((await listPeople(deps.db, project.teamId, project.id)).some((p) => p.userId === userId)) return true;
  return (await actorFor(deps, userId)).isAdmin;
}
