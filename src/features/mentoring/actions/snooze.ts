import type { Deps } from '../../../deps';
import { findPair, updatePair } from '../queries';
import { formatWhen, nextReminderAt, reminderRefusal, snoozedUntil, type SnoozeLength } from '../rules';
import { mentorReplies, parsePairValue, settledMessage } from '../blocks';
import { buttonAction } from '../../../platform/slack/button-action';

type ReminderChoice = SnoozeLength | 'skip';

/** "Snooze 1 day / 1 week" (unanswered count kept) and "Skip this time" (next cadence, count reset). */
export function mentorReminderChoice(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>, choice: ReminderChoice) {
  return buttonAction(deps, 'could not answer a mentor reminder', async ({ action, respond }, { teamId, userId, tell }) => {
    const value = parsePairValue(action.value);
    const pair = value ? await findPair(deps.db, teamId, value.pairId) : undefined;
    const refused = reminderRefusal(pair, userId);
    if (refused || !pair) return void (await tell(mentorReplies.reminderRefusal(refused ?? 'pair_gone', pair?.mentorId ?? '')));
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
