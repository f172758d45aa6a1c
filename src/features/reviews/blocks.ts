import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { ChannelCommitment, Reflection, Review } from './queries';
import type { SearchHit } from '../learnings';
import { messagePermalink } from '../../platform/slack/permalink';
import { isOverdue, REFLECTION_ANSWER_MAX, REVIEW_QUESTIONS, REVIEW_TITLE_MAX, type ReflectionAnswers, type ReviewSummary } from './rules';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import { unescapeSlackText } from '../learnings';
import type { Message } from '../../platform/ui/message';
import { fieldTooLong, mrkdwn, section } from '../../platform/ui/blocks';

const b = ids.review;
// A section holds 3,000 characters; leave room for escaping that grows the text.
const SECTION_MAX = 2800;
// Slack allows 50 blocks in a message.
const MAX_BLOCKS = 50;
const MAX_NEXT_ITEMS = 30;

export type { Message };

/** One sentence per outcome of the review commands, buttons and forms. */
export const reviewReplies = {
  needsChannel: 'Reviews happen with your team in a channel, not in a DM; run `/review` in the channel the review is about.',
  notInChannel: 'I am not a member of this channel, so I cannot post a review here. Invite me with `/invite @Learnloop`, then try again.',
  exists: (permalink: string | null, title: string) =>
    permalink ? `There is already a review on this message: <${permalink}|${title}>. Add your reflection there.` : `There is already a review on this message: ${title}. Add your reflection there.`,
  closed: 'This review is closed, so it takes no more reflections; its summary is in the thread.',
  alreadyClosed: 'This review is already closed; its summary is in the thread.',
  closing: 'This review is being closed right now; its summary will appear in the thread in a moment.',
  notAllowed: (closers: string[]) =>
    `Only ${closers.map((id) => `<@${id}>`).join(' or ')} (who started or facilitates this review) or a Learnloop admin can close it; ask them to press Close review.`,
  noOpenReview: 'There is no open review in this channel. Start one with `/review TITLE`.',
  gone: 'I cannot find that review any more; start a new one with `/review TITLE`.',
  reflectionSaved: (title: string) => `Thanks, your reflection on *${title}* is saved. Press Add my reflection again to change it until the review closes.`,
  reflectionUpdated: (title: string) => `Updated your reflection on *${title}*.`,
  outOfDate: 'This form is out of date; copy your text, close it and start again.',
  atLeastOne: 'Answer at least one of the four questions, or press Cancel.',
  tooLong: (length: number) => fieldTooLong(REFLECTION_ANSWER_MAX, length),
  titleRequired: 'Give the review a title, e.g. "Checkout outage on Tuesday".',
  titleTooLong: `Keep the title to ${REVIEW_TITLE_MAX} characters; put details in the thread once it starts.`,
  badLink: 'Enter a web address starting with https:// (or leave it empty).',
  closeAtPast: 'Pick a close time in the future, or leave it empty to close the review by hand.',
  facilitatorBot: 'Pick a person as facilitator, not an app.',
} as const;


/** Slack shows the time in each reader's own time zone. */
const slackTime = (date: Date) => `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} at {time}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

/** The review message's link, if it was posted. */
export function reviewPermalink(workspaceUrl: string, review: Pick<Review, 'channelId' | 'messageTs' | 'threadTs'>): string | null {
  return review.messageTs ? messagePermalink(workspaceUrl, review.channelId, review.messageTs, review.threadTs ?? undefined) : null;
}

/** The review message in the channel: title, who started it, the questions and (while open) the buttons. */
export function reviewMessage(review: Pick<Review, 'id' | 'title' | 'link' | 'startedBy' | 'facilitatorId' | 'closeAt' | 'status' | 'closedBy' | 'closedAt'>): Message {
  const details = [`Started by <@${review.startedBy}>`];
  if (review.facilitatorId) details.push(`facilitated by <@${review.facilitatorId}>`);
  const closed = review.status === 'closed';
  if (!closed && review.closeAt) details.push(`closes ${slackTime(review.closeAt)}`);
  const link = review.link ? `\n<${review.link}|Link>` : '';
  const blocks: KnownBlock[] = [
    section(`:rewind: *After-action review: ${review.title}*${closed ? ' (closed)' : ''}\n${details.join(' · ')}${link}`, b.headerBlock),
    section(REVIEW_QUESTIONS.map((q, i) => `${i + 1}. ${q.text}`).join('\n'), b.questionsBlock),
  ];
  if (closed) {
    const by = review.closedBy ? ` by <@${review.closedBy}>` : ' automatically';
    blocks.push({ type: 'context', elements: [mrkdwn(`Closed${by}${review.closedAt ? ` ${slackTime(review.closedAt)}` : ''}. The summary is in the thread.`)] });
  } else {
    blocks.push(
      { type: 'context', elements: [mrkdwn('Add your reflection (you can share it without your name), or talk it through in the thread: both go into the summary when the review closes.')] },
      {
        type: 'actions',
        block_id: b.actionsBlock,
        elements: [
          { type: 'button', action_id: b.addReflection, style: 'primary', text: { type: 'plain_text', text: 'Add my reflection' }, value: String(review.id) },
          { type: 'button', action_id: b.close, text: { type: 'plain_text', text: 'Close review' }, value: String(review.id) },
        ],
      },
    );
  }
  return { text: `After-action review: ${review.title}${closed ? ' (closed)' : ''}`, blocks };
}

/** What travels with the start form. */
export const startMetadataSchema = z.object({
  channelId: z.string().min(1).max(40),
  trigger: z.enum(['modal', 'shortcut']),
  sourceTs: z.string().max(40).optional(),
  threadTs: z.string().max(40).optional(),
  responseUrl: z.string().url().optional(),
});
export type StartMetadata = z.infer<typeof startMetadataSchema>;

/** The start form: `/review` alone, and "Start a review on this" (pre-filled title). */
export function startReviewModal(metadata: StartMetadata, initialTitle?: string): ModalView {
  const title = initialTitle ? truncate(unescapeSlackText(initialTitle), REVIEW_TITLE_MAX) : '';
  return {
    type: 'modal',
    callback_id: b.startView,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Start a review' },
    submit: { type: 'plain_text', text: 'Start' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: b.titleBlock,
        label: { type: 'plain_text', text: 'What are we reviewing?' },
        element: { type: 'plain_text_input', action_id: b.titleInput, max_length: REVIEW_TITLE_MAX, placeholder: { type: 'plain_text', text: 'e.g. Checkout outage on Tuesday' }, ...(title ? { initial_value: title } : {}) },
      },
      {
        type: 'input',
        block_id: b.linkBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Link' },
        hint: { type: 'plain_text', text: 'An incident report, ticket or document.' },
        element: { type: 'plain_text_input', action_id: b.linkInput, max_length: 2000, placeholder: { type: 'plain_text', text: 'https://…' } },
      },
      {
        type: 'input',
        block_id: b.closeAtBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Close automatically at' },
        hint: { type: 'plain_text', text: 'Leave empty to close it with the Close review button.' },
        element: { type: 'datetimepicker', action_id: b.closeAtInput },
      },
      {
        type: 'input',
        block_id: b.facilitatorBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Facilitator' },
        hint: { type: 'plain_text', text: 'They may close the review too.' },
        element: { type: 'users_select', action_id: b.facilitatorInput },
      },
    ],
  };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_date_time?: number | null; selected_user?: string | null; selected_options?: { value?: string }[] | null }>>;

export interface StartForm {
  title: string;
  link: string | null;
  closeAt: Date | null;
  facilitatorId: string | null;
}

const linkSchema = z.string().url().refine((url) => /^https?:\/\//i.test(url));

/** Reads and checks the start form; problems come back keyed by block id. */
export function readStartForm(values: StateValues, now: Date): { form: StartForm } | { errors: Record<string, string> } {
  const field = (block: string, action: string) => values[block]?.[action];
  const errors: Record<string, string> = {};
  const rawTitle = (field(b.titleBlock, b.titleInput)?.value ?? '').replace(/\s+/g, ' ').trim();
  if (rawTitle === '') errors[b.titleBlock] = reviewReplies.titleRequired;
  else if ([...rawTitle].length > REVIEW_TITLE_MAX) errors[b.titleBlock] = reviewReplies.titleTooLong;
  const rawLink = (field(b.linkBlock, b.linkInput)?.value ?? '').trim();
  const link = rawLink === '' ? null : linkSchema.safeParse(rawLink).success ? rawLink : undefined;
  if (link === undefined) errors[b.linkBlock] = reviewReplies.badLink;
  const seconds = field(b.closeAtBlock, b.closeAtInput)?.selected_date_time;
  const closeAt = typeof seconds === 'number' ? new Date(seconds * 1000) : null;
  if (closeAt && closeAt.getTime() <= now.getTime()) errors[b.closeAtBlock] = reviewReplies.closeAtPast;
  const facilitatorId = z.string().regex(/^[UW][A-Z0-9]+$/).nullable().catch(null).parse(field(b.facilitatorBlock, b.facilitatorInput)?.selected_user ?? null);
  if (Object.keys(errors).length > 0 || link === undefined) return { errors };
  return { form: { title: escapeMentions(rawTitle), link, closeAt, facilitatorId } };
}

export const reflectionMetadataSchema = z.object({ reviewId: z.number().int().positive(), channelId: z.string().min(1).max(40) });
export type ReflectionMetadata = z.infer<typeof reflectionMetadataSchema>;

const ANSWER_BLOCKS: Record<keyof ReflectionAnswers, { block: string; input: string }> = {
  expected: { block: b.expectedBlock, input: b.expectedInput },
  actual: { block: b.actualBlock, input: b.actualInput },
  whyDifference: { block: b.whyBlock, input: b.whyInput },
  nextTime: { block: b.nextTimeBlock, input: b.nextTimeInput },
};
const ANONYMOUS = 'anonymous';

/** The reflection form, pre-filled with the person's earlier answers. */
export function reflectionModal(metadata: ReflectionMetadata, review: Pick<Review, 'title'>, previous?: Pick<Reflection, keyof ReflectionAnswers | 'anonymous'>): ModalView {
  const anonymousOption = { value: ANONYMOUS, text: { type: 'plain_text' as const, text: 'Share without my name' }, description: { type: 'plain_text' as const, text: 'Shown without your name; kept to you alone if too few take part.' } };
  return {
    type: 'modal',
    callback_id: b.reflectionView,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: previous ? 'Edit my reflection' : 'My reflection' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [mrkdwn(`*${truncate(review.title, 200)}* · answer any of the questions; one is enough.`)] },
      ...REVIEW_QUESTIONS.map((q): KnownBlock => {
        const initial = previous?.[q.key] ? unescapeSlackText(previous[q.key] ?? '') : '';
        return {
          type: 'input',
          block_id: ANSWER_BLOCKS[q.key].block,
          optional: true,
          label: { type: 'plain_text', text: q.text },
          ...(q.key === 'nextTime' ? { hint: { type: 'plain_text' as const, text: 'One item per line; each can be owned as a commitment after the review.' } } : {}),
          element: { type: 'plain_text_input', action_id: ANSWER_BLOCKS[q.key].input, multiline: true, max_length: REFLECTION_ANSWER_MAX, ...(initial ? { initial_value: initial } : {}) },
        };
      }),
      {
        type: 'input',
        block_id: b.anonymousBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Name' },
        element: { type: 'checkboxes', action_id: b.anonymousInput, options: [anonymousOption], ...(previous?.anonymous ? { initial_options: [anonymousOption] } : {}) },
      },
    ],
  };
}

/** Reads and checks the reflection form: any answer may be empty, but not all; each at most 2,000 characters. */
export function readReflectionForm(values: StateValues): { answers: ReflectionAnswers; anonymous: boolean } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const answers = {} as ReflectionAnswers;
  for (const q of REVIEW_QUESTIONS) {
    const { block, input } = ANSWER_BLOCKS[q.key];
    const text = (values[block]?.[input]?.value ?? '').trim();
    const length = [...text].length;
    if (length > REFLECTION_ANSWER_MAX) errors[block] = reviewReplies.tooLong(length);
    answers[q.key] = text === '' ? null : escapeMentions(text);
  }
  if (Object.values(answers).every((a) => a === null)) errors[b.expectedBlock] = reviewReplies.atLeastOne;
  if (Object.keys(errors).length > 0) return { errors };
  const anonymous = (values[b.anonymousBlock]?.[b.anonymousInput]?.selected_options ?? []).some((o) => o.value === ANONYMOUS);
  return { answers, anonymous };
}

/** Packs lines into sections of at most SECTION_MAX characters. */
function sections(lines: string[], firstBlockId?: string, blockIdPrefix?: string): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = '';
  const flush = () => {
    if (current === '') return;
    const id = out.length === 0 && firstBlockId ? firstBlockId : blockIdPrefix ? `${blockIdPrefix}${out.length}` : undefined;
    out.push(section(current, id));
    current = '';
  };
  for (const line of lines) {
    const piece = truncate(line, SECTION_MAX);
    if (current !== '' && current.length + 1 + piece.length > SECTION_MAX) flush();
    current = current === '' ? piece : `${current}\n${piece}`;
  }
  flush();
  return out;
}

const excerpt = (text: string, max: number) => escapeMentions(truncate(text.replace(/\s+/g, ' ').trim(), max));

/** The first thread message: the channel's still-open commitments and related learnings; null when there is nothing. */
export function reviewContextMessage(input: { commitments: ChannelCommitment[]; learnings: SearchHit[]; today: string; workspaceUrl: string; channelId: string; /** The pulse feature's line, already safe to post. */ pulse?: string | null }): Message | null {
  if (input.commitments.length === 0 && input.learnings.length === 0 && !input.pulse) return null;
  const lines: string[] = [];
  if (input.pulse) lines.push(input.pulse);
  if (input.commitments.length > 0) {
    lines.push('*Still open from earlier reviews*');
    for (const c of input.commitments) {
      const link = reviewPermalink(input.workspaceUrl, { channelId: input.channelId, messageTs: c.reviewMessageTs, threadTs: c.reviewThreadTs });
      const from = link ? ` (from <${link}|${truncate(c.reviewTitle, 60)}>)` : '';
      const overdue = isOverdue(c, input.today) ? ' :warning: overdue' : '';
      lines.push(`• ${excerpt(c.text, 200)} · <@${c.ownerId}>, due ${c.dueDate}${overdue}${from}`);
    }
  }
  if (input.learnings.length > 0) {
    lines.push('*Related learnings*');
    for (const hit of input.learnings) {
      const link = hit.sourcePermalink ?? (hit.sharedChannelId && hit.sharedTs ? messagePermalink(input.workspaceUrl, hit.sharedChannelId, hit.sharedTs) : hit.permalink ?? hit.link);
      const who = hit.userId ? ` · <@${hit.userId}>` : '';
      lines.push(`• ${excerpt(hit.text, 200)}${who}${link ? ` · <${link}|source>` : ''}`);
    }
  }
  return { text: 'Before you start: open commitments and related learnings', blocks: [...sections(lines, b.contextBlock, `${b.contextBlock}_`)] };
}

const who = (userId: string | null) => (userId ? `<@${userId}>` : '_someone, without their name_');

/** The closing summary posted in the review's thread. */
export function reviewSummaryMessage(input: { review: Pick<Review, 'id' | 'title'>; summary: ReviewSummary; closedBy: string | null }): Message {
  const { review, summary } = input;
  const by = input.closedBy ? `Closed by <@${input.closedBy}>` : 'Closed automatically';
  const people =
    summary.participants === null ? `fewer than ${summary.minGroupSize} participants` : `${summary.participants} ${summary.participants === 1 ? 'participant' : 'participants'}`;
  const blocks: KnownBlock[] = [section(`:checkered_flag: *Review summary: ${review.title}*\n${by} · ${people}`, b.summaryBlock)];
  const body: KnownBlock[] = [];
  for (const group of summary.answers) {
    if (group.answers.length === 0) continue;
    body.push(...sections([`*${group.question}*`, ...group.answers.map((a) => `• ${who(a.userId)}: ${excerpt(a.text, 600)}`)], undefined, `${b.summaryBlock}_${group.key}_`));
  }
  if (summary.contributions.length > 0) {
    const shown = summary.contributions.slice(0, 10);
    const more = summary.contributions.length - shown.length;
    const lines = ['*From the thread*', ...shown.map((c) => `• <@${c.userId}>: ${excerpt(c.text, 200)}${c.permalink ? ` <${c.permalink}|view>` : ''}`)];
    if (more > 0) lines.push(`_and ${more} more in the thread_`);
    body.push(...sections(lines, undefined, `${b.summaryBlock}_thread_`));
  }
  if (summary.answers.every((g) => g.answers.length === 0) && summary.contributions.length === 0) body.push(section('Nobody added a reflection or a reply before the review closed.'));
  const items = ownableItemBlocks(review.id, summary.nextItems.slice(0, MAX_NEXT_ITEMS).map((item) => item.text));
  const itemsHeader: KnownBlock[] = items.length > 0 ? [section('*Next time* · press Own this to turn an item into a commitment with a due date')] : [];
  // The items carry the buttons, so they get room first; answers are cut short if the message would be too long.
  const room = MAX_BLOCKS - blocks.length - itemsHeader.length - items.length - 1;
  if (body.length > room) {
    blocks.push(...body.slice(0, Math.max(0, room)), { type: 'context', elements: [mrkdwn('Some answers did not fit in this summary.')] });
  } else blocks.push(...body);
  blocks.push(...itemsHeader, ...items.slice(0, MAX_BLOCKS - blocks.length - itemsHeader.length));
  return { text: `Review summary: ${review.title} (${people})`, blocks };
}

/** `/review list`: open reviews with their open commitments, recently closed ones, and overdue commitments. */
export function reviewListMessage(input: { channelId: string; open: Review[]; closed: Review[]; openCommitments: Map<number, number>; overdue: ChannelCommitment[]; workspaceUrl: string }): Message {
  const title = (r: Review) => {
    const link = reviewPermalink(input.workspaceUrl, r);
    return link ? `<${link}|${r.title}>` : r.title;
  };
  const lines: string[] = [`*Reviews in <#${input.channelId}>*`];
  if (input.open.length === 0 && input.closed.length === 0) lines.push('No reviews here yet. Start one with `/review TITLE`.');
  if (input.open.length > 0) {
    lines.push('*Open*');
    for (const r of input.open) {
      const n = input.openCommitments.get(r.id) ?? 0;
      lines.push(`• ${title(r)} · started by <@${r.startedBy}>${r.closeAt ? ` · closes ${slackTime(r.closeAt)}` : ''} · ${n} open ${n === 1 ? 'commitment' : 'commitments'}`);
    }
  }
  if (input.closed.length > 0) {
    lines.push('*Recently closed*');
    for (const r of input.closed) lines.push(`• ${title(r)}${r.closedAt ? ` · closed ${slackTime(r.closedAt)}` : ''}`);
  }
  if (input.overdue.length > 0) {
    lines.push('*Overdue commitments*');
    for (const c of input.overdue) lines.push(`• ${excerpt(c.text, 200)} · <@${c.ownerId}>, was due ${c.dueDate} · from ${truncate(c.reviewTitle, 60)}`);
  }
  return { text: `Reviews in this channel`, blocks: sections(lines, b.listBlock, `${b.listBlock}_`) };
}

/** One section per "next time" item, each with Own this (any message of the review's thread may carry them). */
export function ownableItemBlocks(reviewId: number, texts: readonly string[]): KnownBlock[] {
  return texts.map((text, index) => ({
    type: 'section',
    block_id: `${b.nextItemBlockPrefix}${index}`,
    // Only the item: the "Own this" handler takes the commitment text from this section.
    text: mrkdwn(`• ${excerpt(text, 500)}`),
    accessory: { type: 'button', action_id: b.ownItem, text: { type: 'plain_text', text: 'Own this' }, value: JSON.stringify({ reviewId, index }) },
  }));
}
