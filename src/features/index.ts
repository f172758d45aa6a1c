import type { Deps } from '../deps';
import type { Feature } from '../platform/feature';
import { commitmentsFeature } from './commitments';
import { digestFeature, findMinGroupSize } from './digest';
import { feedbackFeature } from './feedback';
import { growthFeature } from './growth';
import { projectsFeature } from './projects';
import { communitiesFeature } from './communities';
import { pulseFeature } from './pulse';
import { integrationsFeature } from './integrations';
import { aiFeature } from './ai';
import { helpFeature } from './help';
import { homeFeature } from './home';
import { learningsFeature } from './learnings';
import { mentoringFeature, requestMentor } from './mentoring';
import { privacyFeature } from './privacy';
import { promptsFeature } from './prompts';
import { reviewsFeature } from './reviews';
import { sessionsFeature } from './sessions';
import { settingsFeature } from './settings';
import { threadsFeature } from './threads';

/**
 * Every feature of Learnloop, in the order their jobs run each minute (prompts are posted before their
 * nudges are queued, reviews close before the digest counts them). `/learnloop` (the help feature) gets
 * every other feature's subcommands.
 */
export function allFeatures(deps: Deps): Feature[] {
  const ai = aiFeature(deps);
  const features = [
    threadsFeature(deps),
    promptsFeature(deps),
    reviewsFeature(deps, { afterPersonCloses: ai.offerSynthesis }),
    digestFeature(deps),
    commitmentsFeature(deps),
    mentoringFeature(deps),
    sessionsFeature(deps),
    learningsFeature(deps),
    feedbackFeature(deps),
    growthFeature(deps, { minGroupSize: (teamId) => findMinGroupSize(deps.db, teamId), requestMentor: (client, input) => requestMentor(deps, client, input) }),
    projectsFeature(deps, { minGroupSize: (teamId) => findMinGroupSize(deps.db, teamId) }),
    communitiesFeature(deps, { minGroupSize: (teamId) => findMinGroupSize(deps.db, teamId) }),
    pulseFeature(deps),
    integrationsFeature(deps),
    ai,
    homeFeature(deps),
    privacyFeature(deps),
    settingsFeature(deps),
  ];
  const subcommands = Object.assign({}, ...features.map((feature) => feature.subcommands ?? {}));
  return [...features, helpFeature(deps, subcommands)];
}
