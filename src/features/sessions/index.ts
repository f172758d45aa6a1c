import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { sessionAnswer } from './actions/answer';
import { sessionJoin } from './actions/join';
import { sessionTeachingOpen } from './actions/teaching-open';
import { sessionSubcommand } from './commands/session';
import { ids } from './ids';
import { runSessionSteps } from './jobs/run-session-steps';
import { sessionCreateSubmitted } from './views/create-submitted';
import { sessionTeachingSubmitted } from './views/teaching-submitted';

/**
 * Leader-led sessions: `/learnloop session`, its form, "I'll join", the leader's and backup leader's
 * answers, "what did you learn by teaching", and the job that runs each session's steps.
 */
export function sessionsFeature(deps: Deps): Feature {
  return {
    name: 'sessions',
    register(app: Registrar) {
      app.action(ids.session.join, sessionJoin(deps));
      app.action(ids.session.leaderConfirm, sessionAnswer(deps, 'leader_confirm'));
      app.action(ids.session.leaderDecline, sessionAnswer(deps, 'leader_decline'));
      app.action(ids.session.backupTakeOver, sessionAnswer(deps, 'backup_take_over'));
      app.action(ids.session.backupDecline, sessionAnswer(deps, 'backup_decline'));
      app.action(ids.session.teachingOpen, sessionTeachingOpen(deps));
      app.view(ids.session.view, sessionCreateSubmitted(deps));
      app.view(ids.session.teachingView, sessionTeachingSubmitted(deps));
    },
    subcommands: { session: sessionSubcommand(deps) },
    jobs: [runSessionSteps(deps)],
  };
}

// What other features use of this one.
export { createSessionModal } from './blocks';
