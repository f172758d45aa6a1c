import type { Deps } from '../../../deps';
import { mentorReminderChoice } from './snooze';

/** "Skip this time": the next reminder one cadence from now, and the unanswered count starts over. */
export const mentorSkip = (deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>) => mentorReminderChoice(deps, 'skip');
