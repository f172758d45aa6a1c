import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { ids } from './ids';
import { competenciesSubcommand } from './commands/competencies';
import { goalSubcommand } from './commands/goal';
import { growthSubcommand } from './commands/growth';
import { growthGoalReached } from './actions/goal-reached';
import { growthGoalConfirm } from './actions/confirm';
import { growthAskMentor, type RequestMentor } from './actions/ask-mentor';
import { growthGoalSubmitted } from './views/goal-submitted';
import { growthCompetencySubmitted } from './views/competency-submitted';

/**
 * What growth needs from elsewhere, handed in by features/index.ts: the digest owns the minimum group
 * size, mentoring the mentor request (mentoring itself reads growth goals, so growth cannot import it).
 */
export interface GrowthWiring {
  minGroupSize(teamId: string): Promise<number>;
  requestMentor: RequestMentor;
}

/**
 * Growth: the competency map (`/learnloop competencies`), growth goals (`/learnloop goal`) with their
 * confirmation, My growth and the team map (`/learnloop growth [team|@mentee]`), and suggested mentors.
 */
export function growthFeature(deps: Deps, wiring: GrowthWiring): Feature {
  return {
    name: 'growth',
    register(app: Registrar) {
      app.action(ids.growth.goalReached, growthGoalReached(deps));
      app.action(ids.growth.confirm, growthGoalConfirm(deps));
      app.action(ids.growth.askMentor, growthAskMentor(deps, wiring.requestMentor));
      app.view(ids.growth.goalView, growthGoalSubmitted(deps));
      app.view(ids.growth.competencyView, growthCompetencySubmitted(deps));
    },
    subcommands: {
      competencies: competenciesSubcommand(deps),
      goal: goalSubcommand(deps),
      growth: growthSubcommand({ ...pick(deps), minGroupSize: wiring.minGroupSize }),
    },
  };
}

function pick(deps: Deps): Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'audiences'> {
  return { db: deps.db, logger: deps.logger, clock: deps.clock, users: deps.users, audiences: deps.audiences };
}

// What other features use of this one.
export { competencyPickerBlock } from './blocks';
export { listCompetencies, recordPick, listOpenGoals, setOpenToMentoring, isOpenToMentoring } from './queries';
export { growthHomeBlocks, growthDigestLine, pickedCompetencyOf, recordPickedCompetency, withCompetencyPicker, goalLinesFor } from './flows/shared';
export { ids as growthIds } from './ids';
