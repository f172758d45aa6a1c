import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { loadHomeSnapshot } from '../queries';
import { countReplies } from '../../digest';
import { localToday, safeTimeZone } from '../../../platform/time/calendar';
import { DEFAULT_MIN_GROUP_SIZE } from '../../digest';
import { lastWeekRange, participation, streakWeeks } from '../rules';
import { homeView } from '../blocks';
import { listHumanMembers } from '../../../platform/slack/channel-members';
import { growthHomeBlocks } from '../../growth';
import { projectHomeBlocks } from '../../projects';
import { communityHomeBlocks } from '../../communities';
import { pulseHomeBlocks } from '../../pulse';

type HomeDeps = Pick<Deps, 'db' | 'clock' | 'users' | 'teamId' | 'botUserId' | 'audiences'>;

/**
 * Builds and publishes a person's App Home: one round of parallel queries, then one
 * conversations.members call per shown channel (at most five). Other handlers call it after a change.
 */
export async function publishHome(deps: HomeDeps, client: WebClient, userId: string, teamId = deps.teamId): Promise<void> {
  const now = deps.clock.now();
  const timeZone = safeTimeZone(await deps.users.timeZoneOf(userId));
  const snapshot = await loadHomeSnapshot(deps.db, teamId, userId, { now, timeZone, lastWeek: lastWeekRange(now, timeZone) });
  const minGroup = snapshot.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const lastWeek = lastWeekRange(now, timeZone);
  // The digest's and stats' own figures: public replies over human members, every page of them.
  const figures = await Promise.all(
    snapshot.channels.map(async (channel) => {
      const [replies, members] = await Promise.all([
        countReplies(deps.db, teamId, channel.channelId, lastWeek.from, lastWeek.to),
        humanMemberCount(deps, client, channel.channelId),
      ]);
      return participation(replies.responders, members, minGroup);
    }),
  );
  const channels = snapshot.channels.map((channel, index) => ({ channel, participation: figures[index]! }));
  const today = localToday(now, timeZone);
  // The Home is the person's own surface: their growth as they may see it.
  const growth = [...(await growthHomeBlocks(deps.db, teamId, userId, await deps.audiences.person(client, teamId, userId), now)), ...(await projectHomeBlocks(deps.db, teamId, userId)), ...(await communityHomeBlocks(deps.db, teamId, userId, now)), ...(await pulseHomeBlocks(deps.db, teamId, userId, now))];
  const view = homeView({ userId, timeZone, today, snapshot, streak: streakWeeks(snapshot.activeWeeks, today), channels, growth });
  await client.views.publish({ user_id: userId, view });
}

/** People in a channel (no bots, no deactivated accounts, not Learnloop); null when Slack will not say. */
async function humanMemberCount(deps: Pick<Deps, 'botUserId' | 'users'>, client: WebClient, channelId: string): Promise<number | null> {
  try {
    return (await listHumanMembers(deps, client, channelId)).length;
  } catch {
    // Not a member any more, or rate limited: the Home shows "—" rather than failing.
    return null;
  }
}
