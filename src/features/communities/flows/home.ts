import type { KnownBlock } from '@slack/types';
import type { Db } from '../../../platform/db/connect';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { listCommunitiesOf, listCommunityFlow } from '../queries';
import { homeSection } from '../blocks';

/** The App Home's "My communities": each with its newest learning from across the workspace. */
export async function communityHomeBlocks(db: Db, teamId: string, userId: string, now: Date): Promise<KnownBlock[]> {
  const communities = (await listCommunitiesOf(db, teamId, userId)).slice(0, 5);
  const lines = await Promise.all(
    communities.map(async (community) => {
      const [newest] = await listCommunityFlow(db, community, new Date(now.getTime() - 30 * 86_400_000), 1);
      return `*${escapeMentions(community.name)}* · <#${community.homeChannelId}>${newest ? `\nNewest: “${escapeMentions(truncate(newest.text.replace(/\s+/g, ' '), 120))}” — <@${newest.userId}>` : ''}`;
    }),
  );
  return homeSection(lines);
}
