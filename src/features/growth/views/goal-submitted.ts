import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { escapeMentions } from '../../../platform/ui/text';
import { ids } from '../ids';
import { setGoal, todayIn } from '../flows/goals';
import { growthReplies } from '../blocks';

const b = ids.growth;

/** The goal form: checked like the command (a competency of this workspace, a level above the current one, a date ahead). */
export function growthGoalSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not set a growth goal', errorBlock: b.goalCompetencyBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const values = view.state.values;
    const competencyId = Number(values[b.goalCompetencyBlock]?.[b.goalCompetencyInput]?.selected_option?.value);
    const level = values[b.goalLevelBlock]?.[b.goalLevelInput]?.selected_option?.value ?? '';
    const dueDate = values[b.goalDueBlock]?.[b.goalDueInput]?.selected_date ?? null;
    const confirmerId = values[b.goalConfirmerBlock]?.[b.goalConfirmerInput]?.selected_user ?? null;
    if (dueDate && dueDate <= todayIn(deps.clock.now(), await deps.users.timeZoneOf(userId))) {
      return void (await ack({ response_action: 'errors', errors: { [b.goalDueBlock]: 'Pick a date after today.' } }));
    }
    const result = await setGoal(deps, { teamId, userId, competency: Number.isInteger(competencyId) ? competencyId : -1, level, dueDate, confirmerId });
    if (result.kind === 'refused') return void (await ack({ response_action: 'errors', errors: { [b.goalLevelBlock]: result.reason.slice(0, 150) } }));
    await ack();
    const text = escapeMentions(growthReplies.goalSet(result.goal, result.competency));
    await client.chat.postMessage({ channel: userId, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, ...result.suggestions] }).catch((error) =>
      deps.logger.warn({ err: error, teamId, goalId: result.goal.id }, 'could not confirm a goal by DM'),
    );
  });
}
