import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { confirmGoal, findCompetencyById, findGoal, listMentorsOf } from '../queries';
import { daysToCompetency } from '../rules';
import { growthReplies, levelName, settledMessage } from '../blocks';

/**
 * Confirm on a goal someone says they reached: only their mentors or the person they named may, never
 * themselves (checked here, whatever the button says). The first confirmation records the date.
 */
export function growthGoalConfirm(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return buttonAction(deps, 'could not confirm a growth goal', async ({ action, client, respond }, { teamId, userId, tell }) => {
    const goal = Number.isInteger(Number(action.value)) ? await findGoal(deps.db, teamId, Number(action.value)) : undefined;
    if (!goal || goal.status !== 'claimed') return void (await tell(growthReplies.confirmGone));
    const allowed = goal.userId !== userId && (goal.confirmerId ? goal.confirmerId === userId : (await listMentorsOf(deps.db, teamId, goal.userId)).includes(userId));
    if (!allowed) return void (await tell(goal.userId === userId ? growthReplies.selfConfirm : growthReplies.notYourConfirm));
    const confirmed = await confirmGoal(deps.db, teamId, goal.id, userId, deps.clock.now());
    if (!confirmed?.confirmedAt) return void (await tell(growthReplies.confirmGone));
    const competency = await findCompetencyById(deps.db, teamId, goal.competencyId);
    const name = competency?.name ?? 'a competency';
    const level = competency ? levelName(competency, goal.targetLevel) : `level ${goal.targetLevel}`;
    deps.logger.info({ teamId, userId, goalId: goal.id }, 'growth goal confirmed');
    const settled = settledMessage(growthReplies.confirmedForConfirmer(goal.userId, name, level));
    await respond({ text: settled.text, blocks: settled.blocks, replace_original: true });
    const days = daysToCompetency(confirmed.startedAt ?? confirmed.createdAt, confirmed.confirmedAt, confirmed.timeZone);
    await client.chat
      .postMessage({ channel: goal.userId, text: growthReplies.confirmedForOwner(userId, name, level, days) })
      .catch((error) => deps.logger.warn({ err: error, teamId, goalId: goal.id }, 'could not tell a person their goal was confirmed'));
  });
}
