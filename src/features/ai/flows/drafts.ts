import type { WebClient } from '@slack/web-api';
import { findReview, reviewPermalink } from '../../reviews';
import { searchKnowledge } from '../../learnings';
import { channelViewer, WORKSPACE_VIEWER } from '../../../platform/audience/rules';
import type { Anonymiser } from '../../../platform/ai/anonymise';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { actorFor } from '../../../platform/slack/permissions';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { findLatestPrompt, listChannelWeekMaterial, listPromptMaterial, listReviewMaterial, type Material, type PostedDigest } from '../queries';
import { ANSWERS, aiReplies, anyWordsQuery, inertText, SYSTEM_PROMPTS, type Theme } from '../rules';
import { makeDraft, numberedItems, peopleIn, type AiDeps, type DraftOutcome } from './partner';

const WEEK_MS = 7 * 86_400_000;
const MAX_TOKENS = 700;

/** The model's themes as the reader's draft: names back, markup made inert, each source linked. */
function themesBody(heading: string, themes: readonly Theme[], items: readonly Material[], anonymiser: Anonymiser, fallbackLink: string | null): string {
  const lines = themes.map((theme) => {
    const links = [...new Set(theme.sources)]
      .filter((n) => n >= 1 && n <= items.length)
      .slice(0, 6)
      .map((n) => {
        const link = items[n - 1]!.permalink ?? fallbackLink;
        return link ? `<${link}|${n}>` : String(n);
      });
    const safe = (text: string) => inertText(anonymiser.restore(text));
    return `• *${safe(theme.title)}* — ${safe(theme.summary)}${links.length > 0 ? ` (${links.join(', ')})` : ''}`;
  });
  return [`*${heading}*`, ...lines].join('\n');
}

export type SynthesisOutcome = DraftOutcome | { kind: 'not_found' | 'not_closed' | 'not_member' | 'empty' };

/** "Draft a synthesis" on a closed review: themes and up to three candidate commitments, to the presser's DMs. */
export async function draftReviewSynthesis(deps: AiDeps, client: WebClient, input: { teamId: string; reviewId: number; userId: string }): Promise<SynthesisOutcome> {
  const review = await findReview(deps.db, input.teamId, input.reviewId);
  if (!review) return { kind: 'not_found' };
  if (review.status !== 'closed') return { kind: 'not_closed' };
  // The button is a hint: only the review's channel's people may read what the draft is made of.
  if (!(await isChannelMember(client, input.teamId, review.channelId, input.userId))) return { kind: 'not_member' };
  const material = await listReviewMaterial(deps.db, input.teamId, review);
  const items = [...material.reflections, ...material.replies];
  if (items.length === 0) return { kind: 'empty' };
  const link = reviewPermalink(deps.workspaceUrl, review);
  return makeDraft(
    deps,
    { client, teamId: input.teamId, userId: input.userId, kind: 'review_synthesis', subjectId: review.id, channelId: review.channelId, threadTs: review.threadTs ?? review.messageTs, people: peopleIn(items), replaceDiscarded: true, deliver: 'dm', canPublish: true },
    {
      question: (anonymiser) => ({ system: SYSTEM_PROMPTS.review_synthesis, data: { review: anonymiser.scrub(truncate(review.title, 200)), items: numberedItems(items, anonymiser) }, answer: ANSWERS.review_synthesis, maxTokens: MAX_TOKENS }),
      render: (answer, anonymiser) => ({
        body: themesBody(`Synthesis: ${inertText(truncate(review.title, 100))}`, answer.themes, items, anonymiser, link),
        candidates: answer.commitments.map((c) => inertText(anonymiser.restore(c))),
      }),
    },
  );
}

/** This week's themes of a posted digest, to the person who set up the digest, for its thread. */
export async function draftDigestThemes(deps: AiDeps, client: WebClient, digest: PostedDigest): Promise<DraftOutcome | { kind: 'empty' | 'not_member' }> {
  if (!(await isChannelMember(client, digest.teamId, digest.channelId, digest.posterId))) return { kind: 'not_member' };
  const items = await listChannelWeekMaterial(deps.db, digest.teamId, digest.channelId, new Date(digest.scheduledFor.getTime() - WEEK_MS), digest.scheduledFor, 60);
  if (items.length === 0) return { kind: 'empty' };
  return makeDraft(
    deps,
    { client, teamId: digest.teamId, userId: digest.posterId, kind: 'digest_themes', subjectId: digest.id, channelId: digest.channelId, threadTs: digest.messageTs, people: peopleIn(items), replaceDiscarded: false, deliver: 'queue', canPublish: true },
    {
      question: (anonymiser) => ({ system: SYSTEM_PROMPTS.digest_themes, data: { items: numberedItems(items, anonymiser) }, answer: ANSWERS.digest_themes, maxTokens: MAX_TOKENS }),
      render: (answer, anonymiser) => ({ body: themesBody("This week's themes", answer.themes, items, anonymiser, null), candidates: [] }),
    },
  );
}

export type NextQuestionOutcome = DraftOutcome | { kind: 'no_prompt' | 'no_replies' } | { kind: 'not_facilitator'; who: string };

/** One follow-up question for the channel's latest prompt, asked for by its facilitator (or an admin). */
export async function draftNextQuestion(deps: AiDeps, input: { teamId: string; channelId: string; userId: string }): Promise<NextQuestionOutcome> {
  const prompt = await findLatestPrompt(deps.db, input.teamId, input.channelId, new Date(deps.clock.now().getTime() - 2 * WEEK_MS));
  if (!prompt) return { kind: 'no_prompt' };
  const facilitators = [prompt.scheduleCreatedBy, prompt.requestedBy].filter((id): id is string => id !== null);
  if (!facilitators.includes(input.userId) && !(await actorFor(deps, input.userId)).isAdmin) {
    return { kind: 'not_facilitator', who: facilitators.length > 0 ? facilitators.map((id) => `<@${id}>`).join(' or ') : 'the person who set up the prompt' };
  }
  const replies = await listPromptMaterial(deps.db, input.teamId, prompt, 60);
  if (replies.length === 0) return { kind: 'no_replies' };
  return makeDraft(
    deps,
    { teamId: input.teamId, userId: input.userId, kind: 'next_question', subjectId: prompt.id, channelId: prompt.channelId, threadTs: prompt.messageTs, people: peopleIn(replies), replaceDiscarded: true, deliver: 'dm', canPublish: true },
    {
      question: (anonymiser) => ({
        system: SYSTEM_PROMPTS.next_question,
        data: { question: anonymiser.scrub(truncate(prompt.questionText ?? 'What are we learning this week?', 300)), replies: numberedItems(replies, anonymiser) },
        answer: ANSWERS.next_question,
        maxTokens: 200,
      }),
      render: (answer, anonymiser) => ({ body: `:thought_balloon: ${inertText(anonymiser.restore(answer.question))}`, candidates: [] }),
    },
  );
}

export type AskOutcome = DraftOutcome | { kind: 'dont_know'; search: string };

/**
 * `/learnloop ask-ai`: full-text search first, over the team learnings that everyone where the answer may be
 * published may read (never a private or anonymous one), then the model, citing what it used.
 */
export async function askKnowledgeBase(deps: AiDeps, input: { teamId: string; channelId: string; userId: string; question: string }): Promise<AskOutcome> {
  const inDm = input.channelId.startsWith('D');
  const search = anyWordsQuery(input.question);
  const readers = inDm ? WORKSPACE_VIEWER : channelViewer(input.channelId, true);
  const hits = search === '' ? [] : await searchKnowledge(deps.db, input.teamId, readers, { words: search, tags: [], limit: 12, offset: 0 });
  // The readers above are never one person, so no private learning is among the hits; a null author is an anonymous one.
  const learnings = hits.filter((hit) => hit.kind === 'learning' && hit.userId !== null).slice(0, 8);
  if (learnings.length === 0) return { kind: 'dont_know', search: search.split(' or ').slice(0, 3).join(' ') };
  const items: Material[] = learnings.map((hit) => ({ authorId: hit.userId!, text: hit.text, permalink: hit.sourcePermalink }));
  const question = escapeMentions(truncate(input.question, 300));
  const outcome = await makeDraft(
    deps,
    { teamId: input.teamId, userId: input.userId, kind: 'ask', subjectId: null, channelId: input.channelId, threadTs: null, people: peopleIn(items), replaceDiscarded: false, deliver: 'caller', canPublish: !inDm },
    {
      question: (anonymiser) => ({ system: SYSTEM_PROMPTS.ask, data: { question: anonymiser.scrub(truncate(input.question, 300)), learnings: numberedItems(items, anonymiser) }, answer: ANSWERS.ask, maxTokens: 400 }),
      render: (answer, anonymiser) => {
        if (!answer.known) return { body: `*Q:* ${question}\n${aiReplies.dontKnow(search.split(' or ').slice(0, 3).join(' '))}`, candidates: [] };
        const cited = [...new Set(answer.sources)].filter((n) => n >= 1 && n <= learnings.length);
        const citations = cited.map((n) => {
          const hit = learnings[n - 1]!;
          const excerpt = inertText(anonymiser.restore(anonymiser.scrub(truncate(hit.text, 90))));
          return `${n}. ${hit.sourcePermalink ? `<${hit.sourcePermalink}|${excerpt}>` : excerpt} (${hit.createdAt.toISOString().slice(0, 10)})`;
        });
        return { body: [`*Q:* ${question}`, inertText(anonymiser.restore(answer.answer)), ...(citations.length > 0 ? ['*From these learnings*', ...citations] : [])].join('\n'), candidates: [] };
      },
    },
  );
  return outcome;
}
