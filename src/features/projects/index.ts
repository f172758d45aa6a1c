import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { ids } from './ids';
import { projectSubcommand } from './commands/project';
import { projectCharterSubmitted } from './views/charter-submitted';
import { projectSupervisorAnswered, projectSupervisorPicked } from './actions/supervisor';
import { projectSetButton } from './actions/learning-set';
import { projectModuleDone } from './actions/module-done';
import { projectBookSession, projectFinalReview, projectSponsorNote } from './actions/sponsor';
import { projectOwnNextSubmitted, projectRecogniseSubmitted, projectStuckSubmitted } from './views/flags-submitted';
import { projectModuleSubmitted } from './views/module-submitted';
import { projectNoteSubmitted } from './views/note-submitted';
import { postDueModules, postLearningSetButtons, queueSponsorCheckIns, runMilestones, SPONSOR_CHECK_IN, sponsorCheckInRelevance } from './jobs/run-projects';

/** What projects need from elsewhere, handed in by features/index.ts (the digest owns the minimum group size). */
export interface ProjectWiring {
  minGroupSize(teamId: string): Promise<number>;
}

/**
 * Action-learning projects: `/learnloop project`, the charter form, the supervisor's agreement, the learning
 * sets' buttons, modules, sponsor check-ins, "we're stuck", recognitions and milestones.
 */
export function projectsFeature(deps: Deps, wiring: ProjectWiring): Feature {
  // Deps read the workspace in scope through getters: extended by prototype, never copied (a copy would read them now).
  const jobDeps = Object.assign(Object.create(deps) as Deps, { minGroupSize: wiring.minGroupSize });
  const p = ids.project;
  return {
    name: 'projects',
    register(app: Registrar) {
      app.view(p.charterView, projectCharterSubmitted(deps));
      app.action(p.supervisorPick, projectSupervisorPicked(deps) as never);
      app.action(p.supervisorAgree, projectSupervisorAnswered(deps, 'agreed'));
      app.action(p.supervisorTalk, projectSupervisorAnswered(deps, 'talk'));
      app.action(p.stuck, projectSetButton(deps, 'stuck'));
      app.action(p.recognise, projectSetButton(deps, 'recognise'));
      app.action(p.ownNext, projectSetButton(deps, 'own'));
      app.view(p.ownView, projectOwnNextSubmitted(deps));
      app.view(p.stuckView, projectStuckSubmitted(deps));
      app.view(p.recogniseView, projectRecogniseSubmitted(deps));
      app.action(p.moduleDone, projectModuleDone(deps));
      app.view(p.moduleView, projectModuleSubmitted(deps));
      app.action(p.sponsorNote, projectSponsorNote(deps));
      app.action(p.sponsorBook, projectBookSession(deps));
      app.action(p.showcase, projectBookSession(deps));
      app.action(p.finalReview, projectFinalReview(deps));
      app.view(p.noteView, projectNoteSubmitted(deps));
    },
    subcommands: { project: projectSubcommand(jobDeps) },
    jobs: [postLearningSetButtons(jobDeps), postDueModules(jobDeps), queueSponsorCheckIns(jobDeps), runMilestones(jobDeps)],
    dmRelevance: { [SPONSOR_CHECK_IN]: sponsorCheckInRelevance(deps) },
  };
}

// What other features use of this one.
export { projectHomeBlocks } from './flows/home';
