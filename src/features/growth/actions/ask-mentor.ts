import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import type { WebClient } from '@slack/web-api';
import type { EphemeralReply } from '../../../platform/slack/replies';
import { findCompetencyById, findGoal } from '../queries';
import { levelName } from '../blocks';

/**
 * "Ask to mentor me" beside a suggested mentor: the existing mentor request, from the presser (never from
 * whoever the button names), with the goal as its note.
 */
export type RequestMentor = (client: WebClient, input: { teamId: string; menteeId: string; mentorId: string; note: string | null }) => Promise<EphemeralReply>;

export function growthAskMentor(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>, requestMentor: RequestMentor) {
  return buttonAction(deps, 'could not ask a suggested mentor', async ({ action, client }, { teamId, userId, tell }) => {
    const [mentorId, goalId] = String(action.value ?? '').split(':');
    if (!mentorId || !/^[UW][A-Z0-9]+$/.test(mentorId)) return void (await tell('That suggestion is no longer valid; `/learnloop mentor request @person` asks anyone directly.'));
    const goal = goalId ? await findGoal(deps.db, teamId, Number(goalId)) : undefined;
    const competency = goal && goal.userId === userId ? await findCompetencyById(deps.db, teamId, goal.competencyId) : undefined;
    const note = goal && competency ? `My growth goal: ${competency.name} → ${levelName(competency, goal.targetLevel)}${goal.dueDate ? ` by ${goal.dueDate}` : ''}` : null;
    const reply = await requestMentor(client, { teamId, menteeId: userId, mentorId, note });
    await tell(reply.text);
  });
}
