import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { postOnce } from '../../../platform/slack/post-once';
import { claimPairingRound, findPairingRound, insertPairings, listCommunityFlow, listMembers, listRecentPairs, type Community } from '../queries';
import { NO_REPEAT_ROUNDS, pairMembers } from '../rules';
import { pairingMessage } from '../blocks';

const DAY_MS = 86_400_000;

export type PairingOutcome =
  | { kind: 'too-few' }
  | { kind: 'already-ran'; round: number }
  | { kind: 'paired'; round: number; groups: number; unpaired: number; notSent: number };

/**
 * A coffee-pairing round: members who opted in, across teams, no recent repeats; one group DM per group.
 * The round is claimed in the database first (one per community per day), so two leads pressing at once
 * run one round between them; each group's DM is posted once, even after an unclear answer from Slack.
 */
export async function runPairingRound(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'poster'>, client: WebClient, community: Community, random: () => number = Math.random): Promise<PairingOutcome> {
  const { teamId } = community;
  const members = (await listMembers(deps.db, teamId, community.id)).filter((m) => m.pairing);
  if (members.length < 2) return { kind: 'too-few' };
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  const round = await claimPairingRound(deps.db, teamId, community.id, day);
  if (round === undefined) return { kind: 'already-ran', round: (await findPairingRound(deps.db, teamId, community.id, day)) ?? 0 };
  const recent = await listRecentPairs(deps.db, teamId, community.id, round, NO_REPEAT_ROUNDS);
  const { groups, unpaired } = pairMembers(members.map((m) => ({ userId: m.userId, team: m.homeTeamChannelId })), recent, random);
  const pairings = await insertPairings(deps.db, teamId, community.id, round, groups);
  const starters = await listCommunityFlow(deps.db, community, new Date(now.getTime() - 30 * DAY_MS), pairings.length);
  let notSent = 0;
  for (const [index, pairing] of pairings.entries()) {
    try {
      const dm = await client.conversations.open({ users: pairing.userIds.join(',') });
      if (!dm.channel?.id) throw new Error('conversations.open returned no channel');
      const message = pairingMessage(community, starters[index % Math.max(1, starters.length)]?.text ?? null);
      const posted = await postOnce(deps.poster, { channel: dm.channel.id, text: message.text, blocks: message.blocks }, { eventType: 'learnloop_coffee_pairing', payload: { pairing_id: pairing.id } }, deps.logger);
      if (posted.kind !== 'posted') notSent += 1;
    } catch (error) {
      notSent += 1;
      deps.logger.warn({ err: error, teamId, communityId: community.id, pairingId: pairing.id }, 'could not send a pairing DM');
    }
  }
  deps.logger.info({ teamId, communityId: community.id, round, groups: pairings.length, unpaired: unpaired.length, notSent }, 'coffee pairing round');
  return { kind: 'paired', round, groups: pairings.length, unpaired: unpaired.length, notSent };
}
