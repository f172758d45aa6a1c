import type { Deps } from '../../../deps';
import { findPerson, upsertPersonMute } from '../../../platform/db/people';
import { rescheduleMutedDms } from '../../../platform/scheduler/scheduled-dms';
import { parseQuietCommand } from '../../../platform/scheduler/dm-budget';
import { escapeMentions } from '../../../platform/ui/text';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { DAY_MS } from '../../../platform/time/units';


/** `/learnloop quiet 3d | until 2026-12-01 | off`: pauses every scheduled Learnloop DM for the person who runs it. */
export function quietSubcommand(deps: Pick<Deps, 'db' | 'clock' | 'users' | 'logger'>): SubcommandHandler {
  return async ({ command, rest }) => {
    const teamId = command.team_id;
    const userId = command.user_id;
    const now = deps.clock.now();
    const timeZone = await deps.users.timeZoneOf(userId);

    if (rest.trim() === '') {
      const mutedUntil = (await findPerson(deps.db, teamId, userId))?.mutedUntil;
      if (mutedUntil && mutedUntil.getTime() > now.getTime()) return ephemeral(pausedLine(mutedUntil, now, timeZone));
      return ephemeral(`Learnloop reminders and nudges are on. ${usage(now, timeZone)}`);
    }

    const parsed = parseQuietCommand(rest, now, timeZone);
    // The error quotes what was typed: never let it broadcast.
    if ('error' in parsed) return ephemeral(escapeMentions(parsed.error));
    const mutedUntil = parsed.kind === 'mute' ? parsed.until : null;
    await upsertPersonMute(deps.db, teamId, userId, mutedUntil);
    // DMs held back for the previous setting are looked at again now (they are deferred anew if still muted).
    const rescheduled = await rescheduleMutedDms(deps.db, teamId, userId, now);
    deps.logger.info({ teamId, userId, muted: mutedUntil !== null, rescheduled }, 'quiet setting changed');
    return ephemeral(mutedUntil ? pausedLine(mutedUntil, now, timeZone) : 'Reminders and nudges are back on.');
  };
}

function pausedLine(until: Date, now: Date, timeZone: string): string {
  return `Learnloop reminders and nudges are paused until ${formatLocal(until, now, timeZone)} (${timeZone}). \`/learnloop quiet off\` turns them back on.`;
}

function usage(now: Date, timeZone: string): string {
  const example = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now.getTime() + 14 * DAY_MS));
  return `To pause them: \`/learnloop quiet 3d\` or \`/learnloop quiet until ${example}\`; \`/learnloop quiet off\` turns them back on.`;
}

/** "Tue 1 Dec, 00:00" in the person's zone; the year is added when it is not the current one. */
function formatLocal(instant: Date, now: Date, timeZone: string): string {
  const parts = (date: Date): Record<string, string> =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
  const p = parts(instant);
  const year = p.year === parts(now).year ? '' : ` ${p.year}`;
  // Some ICU versions render midnight as 24 despite h23.
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.weekday} ${p.day} ${p.month}${year}, ${hour}:${p.minute}`;
}
