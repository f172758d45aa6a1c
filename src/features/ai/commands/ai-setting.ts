import type { Deps } from '../../../deps';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandContext } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';
import { countAiRequests, findAiSetting, isChannelOptedOut, setChannelOptOut, upsertAiSetting } from '../queries';
import { aiReplies, budgetDay, parseAiSetting } from '../rules';

/** The AI partner's state for `/learnloop settings`: one sentence with how to change it. */
export async function aiSettingSummary(deps: Pick<Deps, 'db' | 'config'>, teamId: string, channelId: string | null): Promise<string> {
  if (!deps.config.ai) return 'not set up on this Learnloop (the operator sets LEARNLOOP_AI_BASE_URL and LEARNLOOP_AI_MODEL); nothing is sent anywhere.';
  const [setting, optedOut] = await Promise.all([findAiSetting(deps.db, teamId), channelId ? isChannelOptedOut(deps.db, teamId, channelId) : Promise.resolve(false)]);
  if (!setting.enabled) return 'off for this workspace; admins turn it on with `/learnloop settings ai on`.';
  return `on for this workspace, up to ${setting.dailyBudget} requests a day${optedOut ? '; this channel is left out' : ''}. \`/learnloop settings ai\` tells more; \`/learnloop settings ai off\` in a channel leaves it out.`;
}

/**
 * `/learnloop settings ai …`: admins turn the partner on or off for the workspace and set its daily budget;
 * anyone in a channel may leave that channel out (or let it back in), since leaving out only ever sends less.
 */
export async function aiSetting(deps: Pick<Deps, 'db' | 'logger' | 'config' | 'users' | 'clock'>, command: SubcommandContext['command'], words: readonly string[]): Promise<EphemeralReply> {
  const teamId = command.team_id;
  const userId = command.user_id;
  const inChannel = !isDirectMessage(command);
  const parsed = parseAiSetting(words);
  const configured = deps.config.ai !== undefined;
  switch (parsed.kind) {
    case 'bad':
      return ephemeral(parsed.message);
    case 'status': {
      const [setting, used, optedOut] = await Promise.all([
        findAiSetting(deps.db, teamId),
        countAiRequests(deps.db, teamId, budgetDay(deps.clock.now())),
        inChannel ? isChannelOptedOut(deps.db, teamId, command.channel_id) : Promise.resolve(null),
      ]);
      return ephemeral(aiReplies.status({ configured, enabled: setting.enabled, channelOptedOut: optedOut, budget: setting.dailyBudget, usedToday: used }));
    }
    case 'on': {
      if (inChannel && (await isChannelOptedOut(deps.db, teamId, command.channel_id))) {
        await setChannelOptOut(deps.db, teamId, command.channel_id, false, userId);
        deps.logger.info({ teamId, channelId: command.channel_id, userId }, 'AI partner: channel back in');
        return ephemeral(aiReplies.channelBackIn);
      }
      if (!configured) return ephemeral(aiReplies.notConfigured);
      if (!(await actorFor(deps, userId)).isAdmin) return ephemeral(aiReplies.adminsOnly);
      await upsertAiSetting(deps.db, teamId, { enabled: true }, userId, deps.clock.now());
      deps.logger.info({ teamId, userId }, 'AI partner turned on');
      return ephemeral(aiReplies.turnedOn((await findAiSetting(deps.db, teamId)).dailyBudget));
    }
    case 'off': {
      if (!parsed.everywhere && inChannel) {
        await setChannelOptOut(deps.db, teamId, command.channel_id, true, userId);
        deps.logger.info({ teamId, channelId: command.channel_id, userId }, 'AI partner: channel left out');
        return ephemeral(aiReplies.channelOut);
      }
      if (!(await actorFor(deps, userId)).isAdmin) return ephemeral(parsed.everywhere ? aiReplies.adminsOnly : aiReplies.offNeedsChannel);
      await upsertAiSetting(deps.db, teamId, { enabled: false }, userId, deps.clock.now());
      deps.logger.info({ teamId, userId }, 'AI partner turned off');
      return ephemeral(aiReplies.offEverywhere);
    }
    case 'budget': {
      if (!(await actorFor(deps, userId)).isAdmin) return ephemeral(aiReplies.adminsOnly);
      await upsertAiSetting(deps.db, teamId, { dailyBudget: parsed.requests }, userId, deps.clock.now());
      return ephemeral(aiReplies.budgetSet(parsed.requests));
    }
  }
}
