import type { Deps } from '../../../deps';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor, canManage } from '../../../platform/slack/permissions';
import { botIsInChannel, isDirectMessage } from '../../../platform/slack/channels';
import { escapeMentions } from '../../../platform/ui/text';
import { formatInZone } from '../../prompts';
import { disableSchedule, findSchedule, findStatements, scheduleOf, upsertSchedule } from '../queries';
import { describeSchedule, nextPulseAt, parsePulseCommand } from '../rules';
import { pulseReplies, questionsModal } from '../blocks';
import { openPulse } from '../flows/open';

/** `/learnloop pulse on monthly|biweekly [first mon 10:00] [TZ] | off | now | questions`: the channel's learning pulse. */
export function pulseSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const { team_id: teamId, channel_id: channelId, user_id: userId } = command;
    const now = deps.clock.now();
    const parsed = parsePulseCommand(rest, { timeZone: await deps.users.timeZoneOf(userId), now });
    if (parsed.kind === 'invalid') return ephemeral(escapeMentions(parsed.error));
    if (parsed.kind === 'questions') {
      if (!(await actorFor(deps, userId)).isAdmin) return ephemeral(pulseReplies.adminsOnly);
      await client.views.open({ trigger_id: command.trigger_id, view: questionsModal(await findStatements(deps.db, teamId)) });
      return;
    }
    if (isDirectMessage(command)) return ephemeral(pulseReplies.needsChannel);
    switch (parsed.kind) {
      case 'status': {
        const schedule = await findSchedule(deps.db, teamId, channelId);
        const when = schedule?.enabled ? describeSchedule(scheduleOf(schedule)) : null;
        return ephemeral(pulseReplies.status(when, await findStatements(deps.db, teamId)));
      }
      case 'on': {
        if (!(await botIsInChannel(client, channelId))) return ephemeral(pulseReplies.notInChannel);
        const nextRunAt = nextPulseAt(parsed.schedule, now);
        await upsertSchedule(deps.db, { teamId, channelId, schedule: parsed.schedule, nextRunAt, createdBy: userId });
        deps.logger.info({ teamId, channelId }, 'pulse schedule set');
        return ephemeral(pulseReplies.on(describeSchedule(parsed.schedule), formatInZone(nextRunAt, parsed.schedule.timeZone)));
      }
      case 'off': {
        const schedule = await findSchedule(deps.db, teamId, channelId);
        if (!schedule?.enabled) return ephemeral(pulseReplies.wasOff);
        if (!canManage(await actorFor(deps, userId), schedule.createdBy)) return ephemeral(pulseReplies.notAllowed(schedule.createdBy));
        await disableSchedule(deps.db, teamId, channelId);
        return ephemeral(pulseReplies.off);
      }
      case 'now': {
        if (!(await botIsInChannel(client, channelId))) return ephemeral(pulseReplies.notInChannel);
        const result = await openPulse(deps, client, { teamId, channelId, scheduledFor: now, now });
        switch (result.kind) {
          case 'started':
            return ephemeral(pulseReplies.started(result.invited));
          case 'already_open':
          case 'claimed_elsewhere':
            return ephemeral(pulseReplies.alreadyOpen);
          case 'no_members':
            return ephemeral(pulseReplies.noMembers);
          case 'failed':
          case 'retry':
            return ephemeral(pulseReplies.notStarted);
        }
      }
    }
  };
}
