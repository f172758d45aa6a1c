import type { Deps } from '../../../deps';
import { disableDigestSchedule, findDigestSchedule, insertRequestedDigest, upsertDigestSchedule, weeklyCadence } from '../queries/digests';
import { describeCadence, nextOccurrence } from '../../../platform/time/cadence';
import { parseDigestCommand } from '../rules';
import { canManage } from '../../../platform/slack/permissions';
import { formatInZone } from '../../prompts';
import { digestReplies } from '../blocks';
import { postDigest } from '../flows/post-digest';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { botIsInChannel, isDirectMessage } from '../../../platform/slack/channels';

/** `/learnloop digest on fri 16:00 [TZ] | off | now`: the channel's weekly learning digest. */
export function digestSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    if (isDirectMessage(command)) return ephemeral(digestReplies.needsChannel);
    const { team_id: teamId, channel_id: channelId, user_id: userId } = command;
    const now = deps.clock.now();
    const parsed = parseDigestCommand(rest, await deps.users.timeZoneOf(userId));
    switch (parsed.kind) {
      case 'invalid':
        return ephemeral(parsed.error);
      case 'on': {
        if (!(await botIsInChannel(client, channelId))) return ephemeral(digestReplies.notInChannel);
        const schedule = { weekday: parsed.weekday, hour: parsed.time.hour, minute: parsed.time.minute };
        const nextRunAt = nextOccurrence(weeklyCadence(schedule), parsed.timeZone, now);
        await upsertDigestSchedule(deps.db, { teamId, channelId, ...schedule, timeZone: parsed.timeZone, nextRunAt, createdBy: userId });
        deps.logger.info({ teamId, channelId }, 'digest schedule set');
        return ephemeral(digestReplies.on(`${describeCadence(weeklyCadence(schedule))} (${parsed.timeZone})`, formatInZone(nextRunAt, parsed.timeZone)));
      }
      case 'off': {
        const schedule = await findDigestSchedule(deps.db, teamId, channelId);
        if (!schedule || !schedule.enabled) return ephemeral(digestReplies.wasOff);
        if (!canManage(await actorFor(deps, userId), schedule.createdBy)) return ephemeral(digestReplies.notAllowed(schedule.createdBy));
        await disableDigestSchedule(deps.db, teamId, channelId);
        return ephemeral(digestReplies.off);
      }
      case 'now': {
        if (!(await botIsInChannel(client, channelId))) return ephemeral(digestReplies.notInChannel);
        const claimed = await insertRequestedDigest(deps.db, teamId, channelId, now, userId);
        // Read in the asker's calendar (overdue commitments are by date).
        const outcome = await postDigest(deps, { id: claimed.id, teamId, channelId, scheduledFor: now, timeZone: await deps.users.timeZoneOf(userId) });
        return ephemeral(outcome.kind === 'posted' ? digestReplies.posted : digestReplies.notPosted(outcome.reason));
      }
    }
  };
}
