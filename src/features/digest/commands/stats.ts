import type { Deps } from '../../../deps';
import {
  commitmentCompletion,
  countActiveLearners,
  countCheckIns,
  countCommitments,
  countLearnings,
  countReplies,
  countReviews,
  findMinGroupSize,
  listLearningTags,
  medianDaysToCommitmentDone,
} from '../queries/stats';
import { localParts } from '../../../platform/time/cadence';
import { assembleChannelStats, assembleWorkspaceStats, parseStatsPeriod } from '../rules';
import { statsMessage } from '../blocks';
import { listHumanMembers } from '../../../platform/slack/channel-members';
import { ephemeral } from '../../../platform/slack/replies';
import type { SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';
import { DAY_MS } from '../../../platform/time/units';

/** `/learnloop stats [7d|30d|90d]`: the channel's figures; admins also see the whole workspace's. */
export function statsSubcommand(deps: Deps): SubcommandHandler {
  return async ({ command, rest, client }) => {
    const period = parseStatsPeriod(rest);
    if ('error' in period) return ephemeral(period.error);
    const { team_id: teamId, channel_id: channelId, user_id: userId } = command;
    const to = deps.clock.now();
    const from = new Date(to.getTime() - period.days * DAY_MS);
    const db = deps.db;
    const inDm = isDirectMessage(command);
    const [minGroupSize, actor, members, replies, learnings, reviews, commitments] = await Promise.all([
      findMinGroupSize(db, teamId),
      actorFor(deps, userId),
      inDm ? Promise.resolve([]) : listHumanMembers(deps, client, channelId),
      countReplies(db, teamId, channelId, from, to),
      countLearnings(db, teamId, channelId, from, to),
      countReviews(db, teamId, channelId, from, to),
      // Overdue by the viewer's calendar: due dates are local dates.
      deps.users.timeZoneOf(userId).then((timeZone) => countCommitments(db, teamId, channelId, from, to, localParts(to, timeZone).isoDate)),
    ]);
    const channel = assembleChannelStats({
      minGroupSize,
      humanMembers: members.length,
      counts: { replies: replies.replies, responders: replies.responders, learnings: learnings.learnings, learningAuthors: learnings.authors },
      reviews,
      commitments,
    });
    let workspace = null;
    if (actor.isAdmin) {
      const [activeLearners, allReplies, tags, allReviews, completion, medianDays, checkIns] = await Promise.all([
        countActiveLearners(db, teamId, null, from, to),
        countReplies(db, teamId, null, from, to),
        listLearningTags(db, teamId, null, from, to, 10),
        countReviews(db, teamId, null, from, to),
        commitmentCompletion(db, teamId, null, from, to),
        medianDaysToCommitmentDone(db, teamId, null, from, to),
        countCheckIns(db, teamId, null, from, to),
      ]);
      workspace = assembleWorkspaceStats({ minGroupSize, activeLearners, replies: allReplies, tags, reviews: allReviews, completion, medianDays, checkIns });
    }
    const message = statsMessage({ channelId, days: period.days, channel, workspace, minGroupSize });
    return ephemeral(message.text, message.blocks);
  };
}
