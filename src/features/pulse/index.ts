import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { ids } from './ids';
import { pulseSubcommand } from './commands/pulse';
import { pulseAnswerButton } from './actions/answer-button';
import { pulseAnswerSubmitted } from './views/answer-submitted';
import { pulseQuestionsSubmitted } from './views/questions-submitted';
import { closePulses, openDuePulses, pulseDmRelevance, queuePulseReminders } from './jobs/run-pulses';
import { PULSE_INVITE, PULSE_REMINDER } from './flows/open';

/**
 * The team learning pulse: `/learnloop pulse`, its DM button and modal, the admins' statements form, and
 * the jobs that open, remind and close pulses (closing runs before the DMs of the same tick are sent).
 */
export function pulseFeature(deps: Deps): Feature {
  const p = ids.pulse;
  return {
    name: 'pulse',
    register(app: Registrar) {
      app.action(p.answerButton, pulseAnswerButton(deps));
      app.view(p.answerView, pulseAnswerSubmitted(deps));
      app.view(p.questionsView, pulseQuestionsSubmitted(deps));
    },
    subcommands: { pulse: pulseSubcommand(deps) },
    jobs: [openDuePulses(deps), closePulses(deps), queuePulseReminders(deps)],
    dmRelevance: { [PULSE_INVITE]: pulseDmRelevance(deps), [PULSE_REMINDER]: pulseDmRelevance(deps) },
  };
}

// What other features use of this one.
export { pulseReviewContext } from './flows/review-context';
export { pulseHomeBlocks } from './flows/home';
export { listPulsesAnswered, type PulseAggregate } from './queries';
export { listPulseExport } from './flows/export';
