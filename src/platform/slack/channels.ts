import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-error';

/** DMs and group DMs have no team to reflect with (and Slack names every 1:1 DM "directmessage"). */
export function isDirectMessage(command: Pick<SlashCommand, 'channel_id' | 'channel_name'>): boolean {
  // Group DMs arrive with channel names like mpdm-alice--bob-1.
  return command.channel_id.startsWith('D') || command.channel_name === 'directmessage' || (command.channel_name ?? '').startsWith('mpdm-');
}

/** Whether the bot can post in the channel; private channels it is not in answer channel_not_found. */
export async function botIsInChannel(client: WebClient, channelId: string): Promise<boolean> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    return info.channel?.is_member !== false;
  } catch (error) {
    if (slackErrorCode(error) === 'channel_not_found') return false;
    throw error;
  }
}
