import type { Deps } from '../../deps';
import type { Job } from '../scheduler';
import { listUnclassifiedChannels, restrictItemsToChannel } from './queries';
import { listActiveWorkspaceIds } from '../db/workspaces';

// conversations.info is Tier 3 (50+ a minute): a few channels a minute leaves room for everything else.
const CHANNELS_PER_RUN = 20;

/**
 * Items captured before Learnloop recorded where they were said (and channels it has never asked
 * about) are classified a few channels a minute: a channel that turns out private keeps its items to
 * its members from then on. Safe to run in every process: classifying twice changes nothing.
 */
export function classifyChannels(deps: Pick<Deps, 'db' | 'slack' | 'audiences' | 'logger' | 'workspaces'>): Job {
  return {
    name: 'classify-channels',
    async run() {
      const totals = { channels: 0, restricted: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'classify-channels', async () => {
          for (const channelId of await listUnclassifiedChannels(deps.db, teamId, CHANNELS_PER_RUN)) {
            totals.channels += 1;
            // Only on Slack's word: a failed look-up leaves the channel for the next run.
            if ((await deps.audiences.classify(deps.slack, teamId, channelId)) !== true) continue;
            const restricted = await restrictItemsToChannel(deps.db, teamId, channelId);
            totals.restricted += restricted;
            if (restricted > 0) deps.logger.info({ teamId, channelId, items: restricted }, 'items of a private channel kept to its members');
          }
        });
      }
      return totals;
    },
  };
}
