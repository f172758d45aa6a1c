import type { Deps } from '../../deps';

/** Who is asking, as far as permissions go. */
export interface Actor {
  userId: string;
  /** In LEARNLOOP_ADMINS, or a Slack workspace admin or owner. */
  isAdmin: boolean;
}

/** A channel's schedules, questions and skips may be changed by their creator and by admins. */
export function canManage(actor: Actor, createdBy: string): boolean {
  return actor.isAdmin || actor.userId === createdBy;
}

/** True when the user is a Learnloop admin by configuration or a Slack workspace admin/owner. */
export function isLearnloopAdmin(userId: string, configuredAdmins: readonly string[], isWorkspaceAdmin: boolean): boolean {
  return isWorkspaceAdmin || configuredAdmins.includes(userId);
}

/** The person as far as permissions go: a Learnloop admin by configuration, or a Slack workspace admin/owner. */
export async function actorFor(deps: Pick<Deps, 'config' | 'users'>, userId: string): Promise<Actor> {
  const workspaceAdmin = (await deps.users.find(userId))?.isAdmin ?? false;
  return { userId, isAdmin: isLearnloopAdmin(userId, deps.config.admins, workspaceAdmin) };
}
