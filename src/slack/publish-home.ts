import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps';
import { loadHomeSnapshot } from '../db/queries/home';
import { localToday, safeTimeZone } from '../domain/commitment';
import { DEFAULT_MIN_GROUP_SIZE } from '../domain/digest';
import { lastWeekRange, participation, streakWeeks } from '../domain/home';
import { homeView } from './blocks/home';

type HomeDeps = Pick<Deps, 'db' | 'clock' | 'users' | 'teamId' | 'botUserId'>;

/**
 * Builds and publishes a person's App Home: one round of parallel queries, then one
 * conversations.members call per shown channel (at most five). Other handlers call it after a change.
 */
export async function publishHome(deps: HomeDeps, client: WebClient, userId: string, teamId = deps.teamId): Promise<void> {
  const now = deps.clock.now();
  const timeZone = safeTimeZone(await deps.users.timeZoneOf(userId));
  const snapshot = await loadHomeSnapshot(deps.db, teamId, userId, { now, timeZone, lastWeek: lastWeekRange(now, timeZone) });
  const minGroup = snapshot.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const members = await Promise.all(snapshot.channels.map((channel) => memberCount(deps, client, channel.channelId)));
  const channels = snapshot.channels.map((channel, index) => ({ channel, participation: participation(channel.responders, members[index] ?? null, minGroup) }));
  const today = localToday(now, timeZone);
  const view = homeView({ userId, timeZone, today, snapshot, streak: streakWeeks(snapshot.activeWeeks, today), channels });
  await client.views.publish({ user_id: userId, view });
}

/** People in a channel (first page of up to 1,000, without Learnloop itself); null when Slack will not say. */
async function memberCount(deps: Pick<Deps, 'botUserId'>, client: WebClient, channelId: string): Promise<number | null> {
  try {
    const result = await client.conversations.members({ channel: channelId, limit: 1000 });
    return (result.members ?? []).filter((id) => id !== deps.botUserId).length;
  } catch {
    // Not a member any more, or rate limited: the Home shows "—" rather than failing.
    return null;
  }
}
