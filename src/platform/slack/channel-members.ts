import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../deps';
import { inParallel } from '../in-parallel';

// users.info is rate limited (Tier 4): a few lookups at a time.
const LOOKUP_CONCURRENCY = 8;

/** Everyone in a channel, every page of conversations.members. */
export async function listChannelMembers(client: WebClient, channelId: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

/**
 * The people among `userIds`: no bots, no deactivated or unknown users, not Learnloop itself; a few
 * users.info lookups at a time. `keepOnLookupError` decides for someone Slack would not describe
 * (true keeps them, false drops them); it may also throw to give up.
 */
export async function keepHumans(
  deps: Pick<Deps, 'users' | 'botUserId'>,
  userIds: readonly string[],
  keepOnLookupError: (userId: string, error: unknown) => boolean,
): Promise<string[]> {
  const keep = new Array<boolean>(userIds.length).fill(false);
  await inParallel(userIds, LOOKUP_CONCURRENCY, async (userId, index) => {
    if (userId === deps.botUserId) return;
    try {
      const user = await deps.users.find(userId);
      keep[index] = user !== null && !user.isBot && !user.deleted;
    } catch (error) {
      keep[index] = keepOnLookupError(userId, error);
    }
  });
  return userIds.filter((_, index) => keep[index]);
}

/** Human members of a channel (participation's denominator); a failed lookup fails the whole count. */
export async function listHumanMembers(deps: Pick<Deps, 'users' | 'botUserId'>, client: WebClient, channelId: string): Promise<string[]> {
  return keepHumans(deps, await listChannelMembers(client, channelId), (_userId, error) => {
    throw error;
  });
}
