import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';
import { escapeMentions, normaliseTag } from '../../../platform/ui/text';
import { findCommunityByName, findMember, joinCommunity, leaveCommunity, listCommunities, listCommunityFlow, listMembers, listPeopleOnTag, setMemberRole, setPairing, updateCommunity, type Community } from '../queries';
import { parseAsk, parseCommunityCommand } from '../rules';
import { communityListMessage, communityModal, communityReplies, communityShowMessage, whoMessage } from '../blocks';
import { askCommunity } from '../flows/ask';
import { runPairingRound } from '../flows/pair';

type CommunityDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'config' | 'poster'>;
const DAY_MS = 86_400_000;

async function lookUp(deps: CommunityDeps, teamId: string, name: string): Promise<Community | EphemeralReply> {
  const community = await findCommunityByName(deps.db, teamId, name);
  if (community) return community;
  return ephemeral(escapeMentions(communityReplies.unknown(name, (await listCommunities(deps.db, teamId)).map((c) => c.name))));
}

async function isLeadOrAdmin(deps: CommunityDeps, community: Community, userId: string): Promise<boolean> {
  return (await findMember(deps.db, community.teamId, community.id, userId))?.role === 'lead' || (await actorFor(deps, userId)).isAdmin;
}

/** `/learnloop community …`: everyone lists, shows, joins, leaves and opts into pairings; leads steer. */
export function communitySubcommand(deps: CommunityDeps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const parsed = parseCommunityCommand(rest);
    const teamId = command.team_id;
    const userId = command.user_id;
    if (parsed.kind === 'invalid') return ephemeral(escapeMentions(parsed.problem));
    if (parsed.kind === 'list') {
      const message = communityListMessage(await listCommunities(deps.db, teamId));
      return ephemeral(message.text, message.blocks);
    }
    if (parsed.kind === 'form') {
      await client.views.open({ trigger_id: command.trigger_id, view: communityModal(isDirectMessage(command) ? null : command.channel_id) });
      return;
    }
    const found = await lookUp(deps, teamId, parsed.name);
    if (!('id' in found)) return found;
    const community = found;
    switch (parsed.kind) {
      case 'show': {
        const [members, flow] = await Promise.all([listMembers(deps.db, teamId, community.id), listCommunityFlow(deps.db, community, new Date(deps.clock.now().getTime() - 30 * DAY_MS), 5)]);
        const message = communityShowMessage(community, members.length, members.filter((m) => m.role === 'lead').map((m) => m.userId), flow);
        return ephemeral(message.text, message.blocks);
      }
      case 'join': {
        const joined = await joinCommunity(deps.db, { teamId, communityId: community.id, userId, homeTeamChannelId: isDirectMessage(command) ? null : command.channel_id, now: deps.clock.now() });
        return ephemeral(escapeMentions(joined ? communityReplies.joined(community.name, community.homeChannelId) : communityReplies.alreadyMember(community.name)));
      }
      case 'leave': {
        const members = await listMembers(deps.db, teamId, community.id);
        const me = members.find((m) => m.userId === userId);
        if (!me) return ephemeral(escapeMentions(communityReplies.notMember(community.name)));
        if (me.role === 'lead' && members.filter((m) => m.role === 'lead').length === 1) return ephemeral(communityReplies.lastLead);
        await leaveCommunity(deps.db, teamId, community.id, userId);
        return ephemeral(escapeMentions(communityReplies.left(community.name)));
      }
      case 'pairing': {
        if (!(await setPairing(deps.db, teamId, community.id, userId, parsed.on))) return ephemeral(escapeMentions(communityReplies.notMember(community.name)));
        return ephemeral(escapeMentions(parsed.on ? communityReplies.pairingOn(community.name) : communityReplies.pairingOff(community.name)));
      }
      default:
        break;
    }
    if (!(await isLeadOrAdmin(deps, community, userId))) return ephemeral(communityReplies.leadsOnly);
    switch (parsed.kind) {
      case 'tags':
        await updateCommunity(deps.db, teamId, community.id, { tags: parsed.tags });
        return ephemeral(escapeMentions(communityReplies.changed(community.name)));
      case 'purpose':
        await updateCommunity(deps.db, teamId, community.id, { purpose: parsed.purpose });
        return ephemeral(escapeMentions(communityReplies.changed(community.name)));
      case 'lead':
        await setMemberRole(deps.db, teamId, community.id, parsed.userId, 'lead');
        return ephemeral(escapeMentions(communityReplies.changed(community.name)));
      case 'archive':
        await updateCommunity(deps.db, teamId, community.id, { status: 'archived' });
        return ephemeral(escapeMentions(communityReplies.archived(community.name)));
      case 'pair':
        return pair(deps, client, community);
    }
  };
}

/** `community pair NAME`: the round runs in its flow; the lead hears how it went. */
async function pair(deps: CommunityDeps, client: WebClient, community: Community): Promise<EphemeralReply> {
  const outcome = await runPairingRound(deps, client, community);
  switch (outcome.kind) {
    case 'too-few':
      return ephemeral(communityReplies.tooFewToPair);
    case 'already-ran':
      return ephemeral(escapeMentions(communityReplies.pairingAlreadyRan(community.name, outcome.round)));
    case 'paired':
      return ephemeral(communityReplies.paired(outcome.groups, outcome.unpaired, outcome.notSent));
  }
}

/** `/learnloop ask NAME [anonymously] QUESTION`. */
export function askSubcommand(deps: CommunityDeps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const parsed = parseAsk(rest);
    if ('problem' in parsed) return ephemeral(parsed.problem);
    const found = await lookUp(deps, command.team_id, parsed.name);
    if (!('id' in found)) return found;
    return ephemeral(await askCommunity(deps, client, { community: found, askerId: command.user_id, anonymous: parsed.anonymous, question: parsed.question, sourcePermalink: null }));
  };
}

/** `/learnloop who #tag`: people with team learnings on it, most recent first, never ranked by count. */
export function whoSubcommand(deps: CommunityDeps): SubcommandHandler {
  return async ({ command, args }) => {
    const tag = args.length === 1 ? normaliseTag(args[0]!) : undefined;
    if (!tag) return ephemeral(communityReplies.whoBad);
    const people = await listPeopleOnTag(deps.db, command.team_id, tag, 15);
    if (people.length === 0) return ephemeral(communityReplies.whoNone(tag));
    const message = whoMessage(tag, people);
    return ephemeral(message.text, message.blocks);
  };
}
