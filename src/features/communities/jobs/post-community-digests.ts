import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { postOnce } from '../../../platform/slack/post-once';
import { claimDueCommunityDigests, countCommunityWeek, listCommunityFlow } from '../queries';
import { communityDigestMessage } from '../blocks';

const WEEK_MS = 7 * 86_400_000;

/** Each community's weekly digest in its home channel: claimed once across processes, posted once. */
export function postCommunityDigests(deps: Deps & { minGroupSize(teamId: string): Promise<number> }): Job {
  return {
    name: 'community-digests',
    async run(now) {
      const totals = { posted: 0, failed: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'community-digests', async () => {
          for (const community of await claimDueCommunityDigests(deps.db, teamId, now)) {
            try {
              const since = new Date(now.getTime() - WEEK_MS);
              const [week, top, minGroupSize] = await Promise.all([countCommunityWeek(deps.db, community, since), listCommunityFlow(deps.db, community, since, 3), deps.minGroupSize(teamId)]);
              const message = communityDigestMessage(community, week, top, minGroupSize);
              const posted = await postOnce(deps.poster, { channel: community.homeChannelId, text: message.text, blocks: message.blocks, unfurl_links: false }, { eventType: 'learnloop_community_digest', payload: { community_id: community.id, week: Math.floor(now.getTime() / WEEK_MS) } }, deps.logger);
              totals[posted.kind === 'posted' ? 'posted' : 'failed'] += 1;
            } catch (error) {
              totals.failed += 1;
              deps.logger.warn({ err: error, teamId, communityId: community.id }, 'community digest not posted');
            }
          }
        });
      }
      return totals;
    },
  };
}
