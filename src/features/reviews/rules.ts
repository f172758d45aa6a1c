import type { Actor } from '../../platform/slack/permissions';
import { escapeMentions, truncate } from '../../platform/ui/text';

/** The four after-action questions, in the order they are asked and summarised. */
export const REVIEW_QUESTIONS = [
  { key: 'expected', text: 'What did we expect to happen?' },
  { key: 'actual', text: 'What actually happened?' },
  { key: 'whyDifference', text: 'Why was there a difference?' },
  { key: 'nextTime', text: 'What will we keep doing, and what will we change next time?' },
] as const;
export type ReviewQuestionKey = (typeof REVIEW_QUESTIONS)[number]['key'];

/** Characters per reflection answer. */
export const REFLECTION_ANSWER_MAX = 2000;
/** Characters of a review title typed by a person; titles taken from a message are cut shorter. */
export const REVIEW_TITLE_MAX = 150;
export const REVIEW_TITLE_FROM_MESSAGE_MAX = 80;
export const DEFAULT_REVIEW_EMOJI = 'rewind';

export type ReflectionAnswers = Record<ReviewQuestionKey, string | null>;

export interface ReflectionInput extends ReflectionAnswers {
  userId: string;
  anonymous: boolean;
}

/** What `/review …` asks for. */
export type ReviewCommand =
  | { kind: 'open-modal' }
  | { kind: 'list' }
  | { kind: 'close' }
  | { kind: 'start'; title: string }
  | { kind: 'invalid'; error: string };

/** Parses `/review` text: nothing (the form), `list`, `close`, or a title. */
export function parseReviewCommand(text: string): ReviewCommand {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return { kind: 'open-modal' };
  const word = trimmed.toLowerCase();
  if (word === 'list') return { kind: 'list' };
  if (word === 'close') return { kind: 'close' };
  const length = [...trimmed].length;
  if (length > REVIEW_TITLE_MAX) {
    return { kind: 'invalid', error: `Keep the review title to ${REVIEW_TITLE_MAX} characters (this one has ${length}); put details in the thread once it starts.` };
  }
  return { kind: 'start', title: escapeMentions(trimmed) };
}

/** A review title from a message's text: its first 80 characters on one line, safe to post. */
export function titleFromMessage(text: string | undefined | null): string {
  const oneLine = (text ?? '').replace(/\s+/g, ' ').trim();
  if (oneLine === '') return 'Review of a message';
  return escapeMentions(truncate(oneLine, REVIEW_TITLE_FROM_MESSAGE_MAX));
}

/** A custom trigger emoji name as Slack names it (`:tada:` or `tada`), or null when it cannot be one. */
export function parseEmojiName(text: string): string | null {
  const name = text.trim().replace(/^:/, '').replace(/:$/, '').toLowerCase();
  return /^[a-z0-9_+-]{1,64}$/.test(name) ? name : null;
}

/** Slack sends `thumbsup::skin-tone-2` for a toned reaction; the trigger compares the base name. */
export function baseReactionName(reaction: string): string {
  return reaction.split('::')[0] ?? reaction;
}

/** Splits a "next time" answer into items: one per line or bullet, markers removed. */
export function splitNextTimeItems(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n|(?:^|\s)[•·]\s/)
    .map((line) => line.replace(/^\s*(?:[-*•·–]|\d+[.)])\s+/, '').trim())
    .filter((line) => line !== '');
}

/** A review saved this long ago whose message never got posted was left by a process that stopped mid-start. */
export const ABANDONED_START_MS = 2 * 60_000;

/** Whether a review row is a start nobody will finish, so a new start on the same message may replace it. */
export function isAbandonedStart(review: { messageTs: string | null; createdAt: Date }, now: Date): boolean {
  return review.messageTs === null && now.getTime() - review.createdAt.getTime() > ABANDONED_START_MS;
}

/** Everyone who may close a review: its starter, its facilitator and admins. */
export function mayCloseReview(actor: Actor, review: { startedBy: string; facilitatorId: string | null }): boolean {
  return actor.isAdmin || actor.userId === review.startedBy || (review.facilitatorId !== null && actor.userId === review.facilitatorId);
}

/** The people (besides admins) who may close a review, for the refusal. */
export function reviewClosers(review: { startedBy: string; facilitatorId: string | null }): string[] {
  return [...new Set([review.startedBy, ...(review.facilitatorId ? [review.facilitatorId] : [])])];
}

export interface SummaryAnswer {
  /** Null when the reflection was shared without a name. */
  userId: string | null;
  text: string;
}

export interface SummaryContribution {
  userId: string;
  text: string;
  permalink: string | null;
}

export interface ReviewSummary {
  /** People who took part; null when fewer than the minimum group size did (shown as "fewer than N"). */
  participants: number | null;
  minGroupSize: number;
  /**
   * Reflections shared without a name that the summary leaves out: with fewer than the minimum group
   * taking part, who wrote them could be worked out by elimination. Their learnings stay their author's.
   */
  withheldAnonymous: number;
  answers: { key: ReviewQuestionKey; question: string; answers: SummaryAnswer[] }[];
  contributions: SummaryContribution[];
  /** In reflection order (oldest first), then line order; the index is the "Own this" button's. */
  nextItems: SummaryAnswer[];
}

/**
 * Assembles a closing summary: answers grouped by question (anonymous ones without a name), the thread's
 * public contributions, and each "next time" line as an item. Participants are reflection authors and
 * thread repliers, counted once each.
 *
 * Nobody may work out who wrote an anonymous reflection: named answers come first and anonymous ones
 * after them (in no order that follows who sent what when); the participant count is exact only from
 * `minGroupSize` people on; below that, anonymous reflections are left out (see `withheldAnonymous`).
 */
export function assembleReviewSummary(
  allReflections: readonly ReflectionInput[],
  replies: readonly { userId: string; text: string; permalink: string | null }[],
  minGroupSize = 3,
): ReviewSummary {
  const participants = new Set([...allReflections.map((r) => r.userId), ...replies.map((r) => r.userId)]);
  const enough = participants.size >= minGroupSize;
  const named = allReflections.filter((r) => !r.anonymous);
  const anonymous = enough ? [...allReflections.filter((r) => r.anonymous)].sort(byWords) : [];
  const reflections = [...named, ...anonymous];
  const author = (r: ReflectionInput) => (r.anonymous ? null : r.userId);
  const answers = REVIEW_QUESTIONS.map((q) => ({
    key: q.key,
    question: q.text,
    answers: reflections.flatMap((r) => {
      const text = r[q.key]?.trim();
      return text ? [{ userId: author(r), text }] : [];
    }),
  }));
  const nextItems = reflections.flatMap((r) => splitNextTimeItems(r.nextTime).map((text) => ({ userId: author(r), text })));
  const contributions = replies.filter((r) => r.text.trim() !== '').map((r) => ({ userId: r.userId, text: r.text, permalink: r.permalink }));
  return {
    participants: enough ? participants.size : null,
    minGroupSize,
    withheldAnonymous: allReflections.length - reflections.length,
    answers,
    contributions,
    nextItems,
  };
}

/** An order of anonymous reflections that says nothing of who sent them or when: by their words. */
function byWords(a: ReflectionInput, b: ReflectionInput): number {
  const words = (r: ReflectionInput) => [r.expected, r.actual, r.whyDifference, r.nextTime].map((t) => t ?? '').join('\u0001');
  return words(a) < words(b) ? -1 : words(a) > words(b) ? 1 : 0;
}

/** Whether a reflection's answers stay with its author: anonymous in a review too few took part in. */
export function isWithheld(reflection: Pick<ReflectionInput, 'anonymous'>, summary: Pick<ReviewSummary, 'participants'>): boolean {
  return reflection.anonymous && summary.participants === null;
}

/** The texts of a reflection that become learnings: why there was a difference, and each "next time" item. */
export function learningsFromReflection(reflection: Pick<ReflectionInput, 'whyDifference' | 'nextTime'>): string[] {
  const why = reflection.whyDifference?.trim();
  return [...(why ? [why] : []), ...splitNextTimeItems(reflection.nextTime)];
}

const STOP_WORDS = new Set([
  'the', 'and', 'for', 'with', 'was', 'were', 'are', 'our', 'from', 'that', 'this', 'what', 'why', 'how', 'when', 'who',
  'did', 'not', 'but', 'has', 'had', 'have', 'its', 'into', 'onto', 'about', 'after', 'review', 'on',
]);

/** Search words for related learnings: the title's distinctive words, OR-joined (websearch syntax). */
export function relatedSearchWords(title: string): string {
  const words = title
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:amp|lt|gt);/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
  return [...new Set(words)].slice(0, 8).join(' OR ');
}

/** An open commitment whose due date (ISO local date) is before today. */
export function isOverdue(commitment: { status: string; dueDate: string }, today: string): boolean {
  return commitment.status === 'open' && commitment.dueDate < today;
}
