import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { ids } from './ids';
import { askSubcommand, communitySubcommand, whoSubcommand } from './commands/community';
import { askAboutMessage, thisHelped } from './shortcuts/message-shortcuts';
import { communityAskSubmitted, communityFormSubmitted } from './views/forms-submitted';
import { postCommunityDigests } from './jobs/post-community-digests';
import { COMMUNITY_QUESTION } from './flows/ask';

export interface CommunityWiring {
  minGroupSize(teamId: string): Promise<number>;
}

/**
 * Communities of practice: `/learnloop community`, `/learnloop ask`, `/learnloop who`, the shortcuts "Ask a
 * community about this" and "This helped", and each community's weekly digest.
 */
export function communitiesFeature(deps: Deps, wiring: CommunityWiring): Feature {
  // Deps read the workspace in scope through getters: extended by prototype, never copied.
  const jobDeps = Object.assign(Object.create(deps) as Deps, { minGroupSize: wiring.minGroupSize });
  const c = ids.community;
  return {
    name: 'communities',
    register(app: Registrar) {
      app.shortcut(c.askShortcut, askAboutMessage(deps) as never);
      app.shortcut(c.helpedShortcut, thisHelped(deps) as never);
      app.view(c.formView, communityFormSubmitted(deps));
      app.view(c.askView, communityAskSubmitted(deps));
    },
    subcommands: { community: communitySubcommand(deps), ask: askSubcommand(deps), who: whoSubcommand(deps) },
    jobs: [postCommunityDigests(jobDeps)],
    // A question's DM is worth sending the same day only (it is dropped otherwise).
    dmRelevance: { [COMMUNITY_QUESTION]: async () => null },
  };
}

// What other features use of this one.
export { communityHomeBlocks } from './flows/home';
export { isFindable, setFindable } from './queries';
