import type { Deps } from '../../../deps';
import { listChannelSessions } from '../queries';
import { parseSessionCommand } from '../rules';
import { createSessionModal, sessionListMessage } from '../blocks';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { isDirectMessage } from '../../../platform/slack/channels';
import { withCompetencyPicker } from '../../growth';

/** `/learnloop session` opens the form to schedule a leader-led session; `list` shows this channel's sessions. */
export function sessionSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const parsed = parseSessionCommand(rest);
    const inDm = isDirectMessage(command);
    switch (parsed.kind) {
      case 'invalid':
        return ephemeral(parsed.error);
      case 'open-modal':
        await client.views.open({ trigger_id: command.trigger_id, view: await withCompetencyPicker(deps.db, command.team_id, createSessionModal({ channelId: inDm ? null : command.channel_id, responseUrl: command.response_url }), 'Leading it is evidence of Teaching others in this competency (optional)') });
        return;
      case 'list': {
        if (inDm) return ephemeral('Sessions belong to a channel; run `/learnloop session list` in the channel they are announced in.');
        const { upcoming, past } = await listChannelSessions(deps.db, command.team_id, command.channel_id, deps.clock.now());
        const message = sessionListMessage(command.channel_id, upcoming, past);
        return ephemeral(message.text, message.blocks);
      }
    }
  };
}
