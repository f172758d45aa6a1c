import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { parseUserMention } from '../../../platform/ui/text';
import { renderPng } from '../../../platform/chart/chart';
import { loadPersonGrowth, loadTeamMap } from '../flows/load-growth';
import { listMentorsOf } from '../queries';
import { growthReplies, personGrowthMessage, teamMapMessage } from '../blocks';
import { growthChartAltText, growthChartSvg } from '../chart-svg';

type GrowthDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'audiences'> & { minGroupSize(teamId: string): Promise<number> };

/**
 * `/learnloop growth`: your growth (and its 12-week chart in your DM with Learnloop); `growth @person`:
 * a mentee's, for their mentors only; `growth team`: the team map, aggregates only.
 */
export function growthSubcommand(deps: GrowthDeps): SubcommandHandler {
  return async ({ command, args, client }) => {
    const word = args[0];
    if (word?.toLowerCase() === 'team') return teamMap(deps, command);
    const subjectId = word ? parseUserMention(word) : command.user_id;
    if (!subjectId) return ephemeral('Try `/learnloop growth` (yours), `/learnloop growth @person` (a mentee’s, for their mentor) or `/learnloop growth team` (the team map).');
    return personGrowth(deps, client, command, subjectId);
  };
}

async function personGrowth(deps: GrowthDeps, client: WebClient, command: SlashCommand, subjectId: string): Promise<EphemeralReply> {
  const teamId = command.team_id;
  const viewerId = command.user_id;
  const own = subjectId === viewerId;
  // Server-side: a person's growth is theirs and their mentors', whatever the command says.
  if (!own && !(await listMentorsOf(deps.db, teamId, subjectId)).includes(viewerId)) return ephemeral(growthReplies.notYourGrowth);
  const viewer = await deps.audiences.person(client, teamId, viewerId);
  const now = deps.clock.now();
  const growth = await loadPersonGrowth(deps.db, teamId, subjectId, viewer, now);
  const message = personGrowthMessage({ subjectId, own, growth });
  if (own) await sendChart(deps, client, teamId, viewerId, growth.map((g) => g.weekly));
  return ephemeral(message.text, message.blocks);
}

/** The 12-week chart, as a picture in the person's DM with Learnloop (an ephemeral answer cannot carry a file). */
async function sendChart(deps: GrowthDeps, client: WebClient, teamId: string, userId: string, weeklies: readonly number[][]): Promise<void> {
  const weekly = weeklies.reduce<number[]>((sum, counts) => sum.map((n, i) => n + (counts[i] ?? 0)), new Array(12).fill(0));
  if (weekly.every((n) => n === 0)) return;
  try {
    const dm = await client.conversations.open({ users: userId });
    const channel = dm.channel?.id;
    if (!channel) return;
    await client.files.uploadV2({ channel_id: channel, file: await renderPng(growthChartSvg(weekly)), filename: 'my-growth.png', title: 'Your evidence per week, last 12 weeks', alt_text: growthChartAltText(weekly) });
  } catch (error) {
    // A bonus: the growth answer stands without it.
    deps.logger.warn({ err: error, teamId, userId }, 'growth chart not sent');
  }
}

async function teamMap(deps: GrowthDeps, command: SlashCommand): Promise<EphemeralReply> {
  const minGroupSize = await deps.minGroupSize(command.team_id);
  const message = teamMapMessage(await loadTeamMap(deps.db, command.team_id, deps.clock.now(), minGroupSize), minGroupSize);
  return ephemeral(message.text, message.blocks);
}
