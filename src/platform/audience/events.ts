import type { Registrar } from '../receivers/router';
import type { Deps } from '../../deps';
import { forgetChannelMembers } from '../slack/channel-access';

/**
 * Joining or leaving a channel changes what a person may read (and where they may act through a form):
 * this process reads their private channels and the channel's members afresh next time.
 */
export function registerAudienceEvents(app: Registrar, deps: Pick<Deps, 'audiences'>): void {
  app.event('member_joined_channel', async ({ event, body, client }) => {
    deps.audiences.forget(body.team_id, event.user);
    forgetChannelMembers(client, body.team_id, event.channel);
  });
  app.event('member_left_channel', async ({ event, body, client }) => {
    deps.audiences.forget(body.team_id, event.user);
    forgetChannelMembers(client, body.team_id, event.channel);
  });
}
