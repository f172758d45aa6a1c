import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { botIsInChannel } from '../../../platform/slack/channels';
import { postOnce, type PostOnceResult } from '../../../platform/slack/post-once';
import { claimQuestion, deleteQuestion, listMembers, setQuestionTs, type Community } from '../queries';
import { QUESTION_DM_MAX, questionKey, tagsIn } from '../rules';
import { communityReplies, questionMessage } from '../blocks';

export const COMMUNITY_QUESTION = 'community_question';

/**
 * Posts a question in the community's home channel (the asker named unless they chose not to be), then
 * queues one DM to each member who follows its tags (the community's, and any #tags it carries): through
 * the DM budget and quiet hours, dropped if it cannot go out the same day.
 */
export async function askCommunity(
  deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'poster'>,
  client: WebClient,
  input: { community: Community; askerId: string; anonymous: boolean; question: string; sourcePermalink: string | null },
): Promise<string> {
  const { community } = input;
  if (!(await botIsInChannel(client, community.homeChannelId))) return communityReplies.notInHome;
  // Claimed before any post: a second press (or a form sent twice) finds the claim and posts nothing.
  const question = await claimQuestion(deps.db, {
    teamId: community.teamId,
    communityId: community.id,
    askerId: input.askerId,
    anonymous: input.anonymous,
    text: input.question,
    sourcePermalink: input.sourcePermalink,
    dedupeKey: questionKey(input.question, deps.clock.now()),
  });
  if (!question) return communityReplies.askedAlready(community.name, community.homeChannelId);
  const message = questionMessage(community, input.anonymous ? null : input.askerId, input.question, input.sourcePermalink);
  let posted: PostOnceResult;
  try {
    posted = await postOnce(deps.poster, { channel: community.homeChannelId, text: message.text, blocks: message.blocks, unfurl_links: false }, { eventType: 'learnloop_community_question', payload: { question_id: question.id } }, deps.logger);
  } catch (error) {
    // A clear refusal: nothing was posted, so the question may be asked again.
    await deleteQuestion(deps.db, community.teamId, question.id);
    throw error;
  }
  if (posted.kind !== 'posted') {
    deps.logger.warn({ teamId: community.teamId, communityId: community.id, questionId: question.id, reason: posted.reason }, 'community question outcome unknown');
    return communityReplies.askUnclear(community.homeChannelId);
  }
  await setQuestionTs(deps.db, community.teamId, question.id, posted.ts);
  const now = deps.clock.now();
  const extraTags = tagsIn(input.question).filter((tag) => !community.tags.includes(tag));
  const link = ` <https://slack.com/app_redirect?channel=${community.homeChannelId}|Open the question>`;
  const members = (await listMembers(deps.db, community.teamId, community.id)).filter((m) => m.userId !== input.askerId).slice(0, QUESTION_DM_MAX);
  for (const member of members) {
    await enqueueDm(deps.db, {
      teamId: community.teamId,
      userId: member.userId,
      kind: COMMUNITY_QUESTION,
      dedupeKey: `${COMMUNITY_QUESTION}:${question.id}:${member.userId}`,
      payload: { questionId: question.id, text: `A question in “${community.name}”${extraTags.length > 0 ? ` (${extraTags.map((t) => `#${t}`).join(' ')})` : ''} could use your experience.${link}` },
      dueAt: now,
      onlyUsefulOnDay: true,
    });
  }
  deps.logger.info({ teamId: community.teamId, communityId: community.id, questionId: question.id, dms: members.length }, 'community question asked');
  return communityReplies.asked(community.name, community.homeChannelId);
}
