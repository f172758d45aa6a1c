import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { forgetChannelMembers } from '../channel-access';
import { appHomeOpened } from './app-home-opened';
import { appUninstalled } from './app-uninstalled';
import { memberJoinedChannel } from './member-joined-channel';
import { messageEvent } from './message';
import { reactionAdded } from './reaction-added';
import { reactionRemoved } from './reaction-removed';

export function registerEvents(app: App, deps: Deps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_uninstalled', appUninstalled(deps));
  app.event('tokens_revoked', appUninstalled(deps));
  app.event('member_joined_channel', memberJoinedChannel(deps));
  // Someone who left a private channel no longer reads its items, nor acts on them through a form.
  app.event('member_left_channel', async ({ event, body, client }) => {
    deps.audiences.forget(body.team_id, event.user);
    forgetChannelMembers(client, body.team_id, event.channel);
  });
  app.event('message', messageEvent(deps));
  app.event('reaction_added', reactionAdded(deps));
  app.event('reaction_removed', reactionRemoved(deps));
}
