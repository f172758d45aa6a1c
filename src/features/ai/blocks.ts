import type { KnownBlock, ModalView } from '@slack/types';
import type { AiDraftKind } from '../../platform/db/schema';
import { button, context, input, modal, section, textInput } from '../../platform/ui/blocks';
import type { Message } from '../../platform/ui/message';
import { truncate } from '../../platform/ui/text';
import { ids } from './ids';
import { DRAFT_LABEL } from './rules';

const a = ids.ai;
export const MAX_BODY_CHARS = 2900;
export const MAX_CANDIDATE_CHARS = 300;

const KIND_NAMES: Record<AiDraftKind, string> = {
  review_synthesis: 'a review synthesis',
  digest_themes: "this week's themes",
  next_question: 'a follow-up question',
  ask: 'an answer',
};

export const draftName = (kind: AiDraftKind): string => KIND_NAMES[kind];

/** Where Publish puts a draft, in words. */
export function publishPlace(kind: AiDraftKind, channelId: string): string {
  switch (kind) {
    case 'review_synthesis':
      return `in the review's thread in <#${channelId}>`;
    case 'digest_themes':
      return `in the digest's thread in <#${channelId}>`;
    case 'next_question':
      return `in the prompt's thread in <#${channelId}>`;
    case 'ask':
      return `in <#${channelId}>`;
  }
}

/** A draft as its one reader sees it: labelled, with Publish, Edit and Discard (no Publish where there is nowhere to post). */
export function draftMessage(draft: { id: number; kind: AiDraftKind; channelId: string; body: string; candidates: readonly string[]; canPublish: boolean }): Message {
  const value = String(draft.id);
  const blocks: KnownBlock[] = [
    context(`:sparkles: *${DRAFT_LABEL}.* Only you can see this ${draft.canPublish ? `until you publish it ${publishPlace(draft.kind, draft.channelId)}` : 'draft'}.`, a.labelBlock),
    section(truncate(draft.body, MAX_BODY_CHARS)),
  ];
  if (draft.candidates.length > 0) {
    blocks.push(section(`*Candidate commitments* (each becomes one only when a person presses Own this after publishing)\n${draft.candidates.map((c) => `• ${c}`).join('\n')}`));
  }
  blocks.push({
    type: 'actions',
    elements: [
      ...(draft.canPublish ? [button(a.publish, 'Publish', value, 'primary'), button(a.edit, 'Edit', value)] : []),
      button(a.discard, 'Discard', value, 'danger'),
    ],
  });
  return { text: `${DRAFT_LABEL}: ${draftName(draft.kind)}`, blocks };
}

/** What the draft's message becomes once decided. */
export function decidedMessage(text: string): Message {
  return { text, blocks: [context(text)] };
}

/** The published post: the reader's (possibly edited) draft, said to be drafted with AI and shared by them. */
export function publishedBlocks(draft: { body: string; model: string; userId: string }): { text: string; blocks: KnownBlock[] } {
  return {
    text: truncate(draft.body, 300),
    blocks: [section(truncate(draft.body, MAX_BODY_CHARS)), context(`:sparkles: Drafted with AI (${truncate(draft.model, 60)}) and shared by <@${draft.userId}> after review.`)],
  };
}

/** The offer a review's closer sees: an ephemeral line with one button. */
export function synthesisOffer(reviewId: number): { text: string; blocks: KnownBlock[] } {
  const text = 'Want a first draft of the synthesis? The AI partner drafts themes and candidate commitments for you alone to edit, publish or discard.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text }, accessory: button(a.draftSynthesis, 'Draft a synthesis', String(reviewId)) }] };
}

/** Edit: the draft's text (and candidate commitments, one per line); submitting publishes it. */
export function editDraftModal(draft: { id: number; body: string; candidates: readonly string[]; kind: AiDraftKind }): ModalView {
  const blocks: KnownBlock[] = [
    context(`:sparkles: ${DRAFT_LABEL}. Submitting publishes your version.`),
    input(a.bodyBlock, 'Draft', textInput(a.bodyInput, { multiline: true, initialValue: truncate(draft.body, MAX_BODY_CHARS), maxLength: MAX_BODY_CHARS })),
  ];
  if (draft.kind === 'review_synthesis') {
    blocks.push(
      input(
        a.candidatesBlock,
        'Candidate commitments (one per line)',
        textInput(a.candidatesInput, { multiline: true, ...(draft.candidates.length > 0 ? { initialValue: draft.candidates.join('\n') } : {}), maxLength: 3 * MAX_CANDIDATE_CHARS + 2 }),
        { optional: true, hint: 'Each gets an Own this button in the thread; nobody owns one until they press it.' },
      ),
    );
  }
  return modal({ callbackId: a.editView, privateMetadata: draft.id, title: 'Edit the draft', submit: 'Publish', blocks });
}
