import type { Deps } from '../../deps';
import { findPair, updatePair, type MentoringPair } from '../../db/queries/mentoring';
import { formatWhen, nextReminderAt, snoozedUntil, type SnoozeLength } from '../../domain/mentoring';
import { mentorReplies, parsePairValue, settledMessage } from '../blocks/mentoring';
import { buttonAction } from './button-action';

/** Why this person may not use a reminder's buttons, or null: only the mentor of an active pair may. */
export function mentorReminderRefusal(pair: MentoringPair | undefined, userId: string): string | null {
  if (!pair || pair.status !== 'active') return mentorReplies.pairGone;
  if (pair.mentorId !== userId) return mentorReplies.onlyMentor(pair.mentorId);
  return null;
}

type ReminderChoice = SnoozeLength | 'skip';

/** "Snooze 1 day / 1 week" (unanswered count kept) and "Skip this time" (next cadence, count reset). */
export function mentorReminderChoice(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>, choice: ReminderChoice) {
  return buttonAction(deps, 'could not answer a mentor reminder', async ({ action, respond }, { teamId, userId, tell }) => {
    const value = parsePairValue(action.value);
    const pair = value ? await findPair(deps.db, teamId, value.pairId) : undefined;
    const refused = mentorReminderRefusal(pair, userId);
    if (refused || !pair) return void (await tell(refused ?? mentorReplies.pairGone));
    const now = deps.clock.now();
    const timeZone = await deps.users.timeZoneOf(userId);
    const change =
      choice === 'skip'
        ? { nextReminderAt: nextReminderAt(pair.cadence, now, timeZone), unansweredReminders: 0 }
        : { nextReminderAt: snoozedUntil(now, choice) };
    const updated = await updatePair(deps.db, teamId, pair.id, ['active'], change, { mentorId: userId });
    if (!updated?.nextReminderAt) return void (await tell(mentorReplies.pairGone));
    deps.logger.info({ teamId, userId, pairId: pair.id, choice }, 'mentor reminder answered');
    const when = formatWhen(updated.nextReminderAt, timeZone);
    const settled = settledMessage(choice === 'skip' ? mentorReplies.skipped(when) : mentorReplies.snoozed(when));
    await respond({ text: settled.text, blocks: settled.blocks, replace_original: true });
  });
}

export const mentorSnoozeDay = (deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>) => mentorReminderChoice(deps, 'day');
export const mentorSnoozeWeek = (deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>) => mentorReminderChoice(deps, 'week');
