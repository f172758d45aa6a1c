import type { Registrar } from '../../platform/receivers/router';
import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { mentorAccept } from './actions/accept';
import { mentorDecline } from './actions/decline';
import { mentorLogCheckIn } from './actions/log-check-in';
import { mentorReflect } from './actions/reflect';
import { mentorSkip } from './actions/skip';
import { mentorSnoozeDay, mentorSnoozeWeek } from './actions/snooze';
import { mentorSubcommand } from './commands/mentor';
import { ids } from './ids';
import { MENTEE_NUDGE, MENTOR_REMINDER, menteeNudgeRelevance, mentorReminderRelevance, queueMentorReminders } from './jobs/queue-mentor-reminders';
import { mentorCheckInSubmitted } from './views/check-in-submitted';
import { mentorReflectionSubmitted } from './views/reflection-submitted';

/**
 * Mentoring: `/learnloop mentor`, the request's Accept and Decline, the reminder DM's buttons (log check-in,
 * snooze, skip), the mentee's mirror question, their forms, and the job that queues reminders.
 */
export function mentoringFeature(deps: Deps): Feature {
  return {
    name: 'mentoring',
    register(app: Registrar) {
      app.action(ids.mentor.accept, mentorAccept(deps));
      app.action(ids.mentor.decline, mentorDecline(deps));
      app.action(ids.mentor.logCheckIn, mentorLogCheckIn(deps));
      app.action(ids.mentor.snoozeDay, mentorSnoozeDay(deps));
      app.action(ids.mentor.snoozeWeek, mentorSnoozeWeek(deps));
      app.action(ids.mentor.skip, mentorSkip(deps));
      app.action(ids.mentor.reflect, mentorReflect(deps));
      app.view(ids.mentor.checkInView, mentorCheckInSubmitted(deps));
      app.view(ids.mentor.reflectionView, mentorReflectionSubmitted(deps));
    },
    subcommands: { mentor: mentorSubcommand(deps) },
    jobs: [queueMentorReminders(deps)],
    dmRelevance: { [MENTOR_REMINDER]: mentorReminderRelevance(deps), [MENTEE_NUDGE]: menteeNudgeRelevance(deps) },
  };
}

// What other features use of this one.
export { listLivePairsOf, type MentoringPair } from './queries';
export { formatWhen } from './rules';
export { requestMentor } from './commands/mentor';
