import type { Deps } from '../../../deps';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { escapeMentions } from '../../../platform/ui/text';
import { listCompetencies, listOpenGoals, withdrawGoal } from '../queries';
import { parseGoalCommand } from '../rules';
import { goalListMessage, goalModal, growthReplies } from '../blocks';
import { claimReached, setGoal, todayIn } from '../flows/goals';

/** `/learnloop goal add "Name" to LEVEL [by YYYY-MM-DD] | list | reached N [@person] | withdraw N`; `goal add` alone opens the form. */
export function goalSubcommand(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'users'>): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const teamId = command.team_id;
    const userId = command.user_id;
    const timeZone = await deps.users.timeZoneOf(userId);
    const parsed = parseGoalCommand(rest, todayIn(deps.clock.now(), timeZone));
    switch (parsed.kind) {
      case 'invalid':
        return ephemeral(escapeMentions(parsed.problem));
      case 'list': {
        const competencies = new Map((await listCompetencies(deps.db, teamId)).map((c) => [c.id, c]));
        const message = goalListMessage(await listOpenGoals(deps.db, teamId, userId), competencies);
        return ephemeral(message.text, message.blocks);
      }
      case 'form': {
        const competencies = await listCompetencies(deps.db, teamId);
        if (competencies.length === 0) return ephemeral(growthReplies.unknownCompetency('', []).replace('There is no competency called “”.', '').trim());
        await client.views.open({ trigger_id: command.trigger_id, view: goalModal(competencies) });
        return;
      }
      case 'add': {
        const result = await setGoal(deps, { teamId, userId, competency: parsed.competency, level: parsed.level, dueDate: parsed.dueDate, confirmerId: null });
        if (result.kind === 'refused') return ephemeral(escapeMentions(result.reason));
        const text = escapeMentions(growthReplies.goalSet(result.goal, result.competency));
        return ephemeral(text, [{ type: 'section', text: { type: 'mrkdwn', text } }, ...result.suggestions]);
      }
      case 'reached':
        return ephemeral(await claimReached(deps, client, { teamId, userId, goalId: parsed.goalId, confirmerId: parsed.confirmerId }));
      case 'withdraw':
        return ephemeral((await withdrawGoal(deps.db, teamId, parsed.goalId, userId)) ? growthReplies.goalWithdrawn(parsed.goalId) : growthReplies.goalGone);
    }
  };
}
