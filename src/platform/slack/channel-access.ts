import type { WebClient } from '@slack/web-api';
import { listChannelMembers } from './channel-members';
import { slackErrorCode } from './slack-error';

// A form is usually submitted within a minute or two of opening, and a submission asks about the same
// channel as the one before it: a minute of memory saves the paginated call without trusting it long.
const MEMBERS_TTL_MS = 60_000;
const MAX_CHANNELS = 5_000;

interface CachedMembers {
  members: ReadonlySet<string>;
  expires: number;
}

// One cache per Web API client (Bolt keeps one per token), keyed team+channel: two apps in one process never share answers.
const caches = new WeakMap<WebClient, Map<string, CachedMembers>>();

function cacheOf(client: WebClient): Map<string, CachedMembers> {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map()));
  return cache;
}

/**
 * Whether `userId` is in the channel, as Slack says now: the check behind every form and button that
 * names a channel (form metadata and button values are hints, never proof). A channel Learnloop cannot
 * see (channel_not_found) answers no. A "yes" is remembered for a minute; a "no" is always asked again,
 * since the person may just have joined. Other Slack failures throw (the handler says something went wrong).
 */
export async function isChannelMember(client: WebClient, teamId: string, channelId: string, userId: string): Promise<boolean> {
  if (!channelId || !userId) return false;
  const cache = cacheOf(client);
  const key = `${teamId}:${channelId}`;
  const cached = cache.get(key);
  if (cached && cached.expires > Date.now() && cached.members.has(userId)) return true;
  try {
    return (await askAndRemember(client, teamId, channelId)).includes(userId);
  } catch (error) {
    if (slackErrorCode(error) === 'channel_not_found') {
      cache.delete(key);
      return false;
    }
    throw error;
  }
}

async function askAndRemember(client: WebClient, teamId: string, channelId: string): Promise<string[]> {
  const cache = cacheOf(client);
  const key = `${teamId}:${channelId}`;
  const members = await listChannelMembers(client, channelId);
  cache.delete(key);
  cache.set(key, { members: new Set(members), expires: Date.now() + MEMBERS_TTL_MS });
  if (cache.size > MAX_CHANNELS) cache.delete(cache.keys().next().value as string);
  return members;
}

/**
 * The channel's members, from the minute-long memory `isChannelMember` keeps (so a flow that has just checked
 * a person does not ask Slack again), else from Slack; failures throw.
 */
export async function channelMembersOf(client: WebClient, teamId: string, channelId: string): Promise<readonly string[]> {
  const cached = cacheOf(client).get(`${teamId}:${channelId}`);
  if (cached && cached.expires > Date.now()) return [...cached.members];
  return askAndRemember(client, teamId, channelId);
}

/** Someone left the channel: its members are asked of Slack again next time. */
export function forgetChannelMembers(client: WebClient, teamId: string, channelId: string): void {
  caches.get(client)?.delete(`${teamId}:${channelId}`);
}

/**
 * Whether `channelId` is the person's own DM with Learnloop (conversations.open gives its id): the only
 * place a form may ask the bot to rewrite a message it named in its metadata.
 */
export async function isOwnBotDm(client: WebClient, channelId: string | null | undefined, userId: string): Promise<boolean> {
  if (!channelId || !channelId.startsWith('D')) return false;
  const opened = await client.conversations.open({ users: userId });
  return opened.channel?.id === channelId;
}
