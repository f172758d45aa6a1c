import type { Deps } from '../../deps';

/** The parts of an interaction payload that say which workspace it comes from. */
interface FromWorkspace {
  team?: { id?: string } | null;
  user?: { team_id?: string } | null;
}

/**
 * The workspace a button press or form submission comes from: the payload's team, else the person's
 * (Enterprise Grid sends some payloads without a team), else the workspace of Learnloop's own token.
 * One place, so every handler reads it the same way (and a future multi-workspace install changes it once).
 */
export function workspaceOf(body: FromWorkspace, deps: Pick<Deps, 'teamId'>): string {
  return body.team?.id || body.user?.team_id || deps.teamId;
}
