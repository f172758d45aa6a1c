import type { Deps } from '../../../deps';
import { listRecordedMemberCounts } from '../queries/digests';
import { countCommitments, countLearnings, countReplies, countReviews, findMinGroupSize, listHelpfulFeedbackGivers, listTopLearnings, listWeeklyReplies } from '../queries/stats';
import { localParts } from '../../../platform/time/cadence';
import { assembleDigest, WEEK_MS, type Digest, type PeriodCounts } from '../rules';

async function periodCounts(deps: Pick<Deps, 'db'>, teamId: string, channelId: string, from: Date, to: Date): Promise<PeriodCounts> {
  const [replies, learnings] = await Promise.all([countReplies(deps.db, teamId, channelId, from, to), countLearnings(deps.db, teamId, channelId, from, to)]);
  return { replies: replies.replies, responders: replies.responders, learnings: learnings.learnings, learningAuthors: learnings.authors };
}

/** Every figure of the channel's digest for the week ending at `periodEnd`. */
export async function computeDigest(
  deps: Pick<Deps, 'db'>,
  input: { teamId: string; channelId: string; periodEnd: Date; members: readonly string[]; /** The digest's zone: overdue is by its calendar. */ timeZone?: string },
): Promise<Digest> {
  const { teamId, channelId, periodEnd: to } = input;
  const from = new Date(to.getTime() - WEEK_MS);
  const before = new Date(to.getTime() - 2 * WEEK_MS);
  const members = new Set(input.members);
  const [minGroupSize, thisWeek, lastWeek, topLearnings, reviews, commitments, helpers, weeks, memberHistory] = await Promise.all([
    findMinGroupSize(deps.db, teamId),
    periodCounts(deps, teamId, channelId, from, to),
    periodCounts(deps, teamId, channelId, before, from),
    listTopLearnings(deps.db, teamId, channelId, from, to, 3),
    countReviews(deps.db, teamId, channelId, from, to),
    countCommitments(deps.db, teamId, channelId, from, to, localParts(to, input.timeZone ?? 'UTC').isoDate),
    listHelpfulFeedbackGivers(deps.db, teamId, channelId, from, to),
    listWeeklyReplies(deps.db, teamId, channelId, new Date(to.getTime() - 8 * WEEK_MS), to),
    // Before `to`: this digest's own row (claimed, not yet posted) is not history.
    listRecordedMemberCounts(deps.db, teamId, channelId, new Date(to.getTime() - 1)),
  ]);
  return assembleDigest({
    channelId,
    periodEnd: to,
    minGroupSize,
    humanMembers: members.size,
    thisWeek,
    lastWeek,
    topLearnings,
    reviews,
    commitments,
    // Thanked in the channel's digest: the channel's own members.
    helpers: helpers.filter((h) => members.has(h.userId)),
    weeks,
    memberHistory,
  });
}
