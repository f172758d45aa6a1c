import type { Deps } from '../../../deps';
import { buttonAction } from '../../../platform/slack/button-action';
import { claimReached } from '../flows/goals';

/** "I've reached it" in My growth: the same as `/learnloop goal reached N` (the owner is the presser, checked on claim). */
export function growthGoalReached(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'teamId'>) {
  return buttonAction(deps, 'could not claim a growth goal', async ({ action, client }, { teamId, userId, tell }) => {
    const goalId = Number(action.value);
    await tell(await claimReached(deps, client, { teamId, userId, goalId: Number.isInteger(goalId) ? goalId : -1, confirmerId: null }));
  });
}
