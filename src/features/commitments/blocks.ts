import type { ActionsBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import {
  agoWording,
  COMMITMENT_TEXT_MAX,
  DROP_REASON_MAX,
  formatDueDate,
  type CommitmentActionRefusal,
  type CommitmentFieldError,
  type FollowUpNumber,
  type OwnerRefusal,
} from './rules';
import { LEARNING_MAX_LENGTH } from '../learnings';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { z } from 'zod';
import { ids } from './ids';
import type { Message } from '../../platform/ui/message';
import { parseJson } from '../../platform/slack/safe-json';
import { context, fieldTooLong, section } from '../../platform/ui/blocks';

const b = ids.commitment;
const SECTION_MAX = 2900;
const n = (value: number): string => value.toLocaleString('en-US');

export type { Message };

/** A review as commitment messages name it: its title, linked to its message when there is one. */
export interface ReviewLabel {
  title: string;
  permalink: string | null;
}

/** What the follow-up buttons carry: the commitment, and the due date the follow-up was about. */
export interface FollowUpButtonValue {
  commitmentId: number;
  dueDate: string;
}

const buttonValue = z.object({ commitmentId: z.number().int().positive(), dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** The value of a follow-up button, or null when it is not one. */
export function parseFollowUpButtonValue(value: string | undefined): FollowUpButtonValue | null {
  return parseJson(buttonValue, value);
}

/** One sentence per expected outcome of owning and following up on a commitment. */
export const commitmentReplies = {
  reviewGone: 'That review is no longer in Learnloop, so there is nothing to own.',
  chooseOwner: 'Choose who owns this.',
  ownerRefusals: {
    unknown: 'I cannot find that person in Slack; choose someone else.',
    bot: 'Bots and apps cannot own a commitment; choose the person who will do it.',
    deactivated: 'That account is deactivated; choose someone who is still on the team.',
    outside_workspace: 'Choose someone in this workspace; I can only follow up with people here.',
  } satisfies Record<OwnerRefusal, string>,
  formOutdated: 'This form is out of date; copy your text, close it and press the button again.',
  ownerNotInChannel: 'That person is not in this private channel, so they cannot own an item from its review; choose someone in the channel.',
  saved: (ownerId: string, clickerId: string, text: string, dueDate: string): string =>
    ownerId === clickerId
      ? `Saved: you committed to “${quoteInline(text)}”, due ${formatDueDate(dueDate)}. I will check in with you at 09:00 that day.`
      : `Saved: <@${ownerId}> owns “${quoteInline(text)}”, due ${formatDueDate(dueDate)}. I let them know and will check in with them at 09:00 that day.`,
  ownerNotice: (clickerId: string, review: ReviewLabel | null, text: string, dueDate: string): string =>
    `:handshake: <@${clickerId}> made you the owner of a commitment${review ? ` from ${reviewLink(review)}` : ''}: “${quoteInline(text)}”, due ${formatDueDate(dueDate)}. I will check in with you at 09:00 that day.`,
  notOwner: (ownerId: string) => `Only <@${ownerId}>, who owns this commitment, can update it.`,
  gone: 'That commitment no longer exists.',
  alreadyDone: 'This commitment is already done; nothing more to do.',
  alreadyDropped: 'This commitment was already dropped; nothing more to do.',
  alreadyExtended: (dueDate: string) => `This commitment is already due on ${formatDueDate(dueDate)}; I will check in with you then.`,
  moreTime: (dueDate: string) => `:hourglass_flowing_sand: More time it is: I will check in again on ${formatDueDate(dueDate)} at 09:00.`,
  done: (postedInThread: boolean) =>
    postedInThread
      ? ':white_check_mark: Done. Your learning is saved and posted in the review thread.'
      : ':white_check_mark: Done. Your learning is saved (I could not post it in the review thread).',
  dropped: ':wastebasket: Dropped. Thanks for closing the loop.',
  refusal: (code: CommitmentActionRefusal, ownerId: string): string =>
    code === 'gone'
      ? commitmentReplies.gone
      : code === 'not_owner'
        ? commitmentReplies.notOwner(ownerId)
        : code === 'already_done'
          ? commitmentReplies.alreadyDone
          : commitmentReplies.alreadyDropped,
  learningEmpty: 'Write what you learned, or press Cancel.',
  tooLong: fieldTooLong,
} as const;

/** The sentence for a field problem of the "Own this" form. */
export function commitmentFieldError(error: CommitmentFieldError, textLength: number): string {
  if (error.field === 'text') return error.code === 'empty' ? 'Write what will be done differently next time.' : commitmentReplies.tooLong(COMMITMENT_TEXT_MAX, textLength);
  switch (error.code) {
    case 'missing':
      return 'Choose a due date.';
    case 'invalid':
      return 'Choose a date from the calendar.';
    case 'past':
      return 'That date is in the past; choose today or a later date.';
    case 'too_far':
      return 'Choose a date within a year.';
  }
}

/** User text on one line inside “quotes”: cut, then made safe. */
function quoteInline(text: string, max = 300): string {
  return escapeMentions(truncate(text.replace(/\s+/g, ' ').trim(), max));
}

/** User text as a mrkdwn block quote. */
function quoteBlock(text: string, max: number): string {
  const safe = escapeMentions(truncate(text.trim(), max)).replace(/\n/g, '\n>');
  return `>${truncate(safe, SECTION_MAX - 300)}`;
}

/** The review's title, linked to its message when there is one. */
export function reviewLink(review: ReviewLabel): string {
  const title = escapeMentions(truncate(review.title.replace(/\s+/g, ' ').trim(), 150)).replace(/\|/g, '¦');
  return review.permalink ? `<${review.permalink}|${title}>` : `*${title}*`;
}


/** The "Own this" form: what, who (default the clicker) and by when (default two weeks). */
export function ownCommitmentModal(input: { reviewId: number; text: string; ownerId: string; dueDate: string; review: ReviewLabel }): ModalView {
  return {
    type: 'modal',
    callback_id: b.view,
    private_metadata: JSON.stringify({ reviewId: input.reviewId }),
    title: { type: 'plain_text', text: 'Own this' },
    submit: { type: 'plain_text', text: 'Commit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      context(`From the review ${reviewLink(input.review)}`),
      {
        type: 'input',
        block_id: b.textBlock,
        label: { type: 'plain_text', text: 'What will be done' },
        element: {
          type: 'plain_text_input',
          action_id: b.textInput,
          multiline: true,
          max_length: COMMITMENT_TEXT_MAX,
          ...(input.text ? { initial_value: truncate(input.text, COMMITMENT_TEXT_MAX) } : {}),
        },
      },
      {
        type: 'input',
        block_id: b.ownerBlock,
        label: { type: 'plain_text', text: 'Owner' },
        element: { type: 'users_select', action_id: b.ownerInput, initial_user: input.ownerId, placeholder: { type: 'plain_text', text: 'Choose a teammate' } },
      },
      {
        type: 'input',
        block_id: b.dueBlock,
        label: { type: 'plain_text', text: 'Due' },
        hint: { type: 'plain_text', text: 'Learnloop asks the owner how it went at 09:00 their time that day.' },
        element: { type: 'datepicker', action_id: b.dueInput, initial_date: input.dueDate },
      },
    ],
  };
}

/** The follow-up DM (n = 1) or its reminder (n = 2), with Done / Need more time / Dropped. */
export function followUpMessage(input: {
  commitment: { id: number; text: string; dueDate: string; createdAt: Date };
  review: ReviewLabel | null;
  now: Date;
  timeZone: string;
  n: FollowUpNumber;
}): Message {
  const ago = agoWording(input.commitment.createdAt, input.now, input.timeZone);
  const opening = input.n === 2 ? `Reminder: ${ago.charAt(0).toLowerCase()}${ago.slice(1)}` : ago;
  const where = input.review ? ` in ${reviewLink(input.review)}` : '';
  const text = `${opening}${where} you committed to “${quoteInline(input.commitment.text, COMMITMENT_TEXT_MAX)}”. Did you try it?`;
  const value = JSON.stringify({ commitmentId: input.commitment.id, dueDate: input.commitment.dueDate } satisfies FollowUpButtonValue);
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: b.followUpActionsBlock,
    elements: [
      { type: 'button', action_id: b.done, style: 'primary', text: { type: 'plain_text', text: 'Done — what did we learn?' }, value },
      { type: 'button', action_id: b.moreTime, text: { type: 'plain_text', text: 'Need more time' }, value },
      { type: 'button', action_id: b.drop, text: { type: 'plain_text', text: 'Dropped' }, value },
    ],
  };
  return { text, blocks: [section(`:seedling: ${text}`, b.followUpBlock), actions] };
}

/** What a follow-up DM becomes once answered: its question without buttons, and what happened. */
export function settledFollowUp(question: string | null, state: string): Message {
  const blocks: KnownBlock[] = [];
  if (question) blocks.push(section(question, b.followUpBlock));
  blocks.push(context(state));
  return { text: state, blocks };
}

/** The line a follow-up DM keeps once it was answered from a form. */
export function committedLine(text: string): string {
  return `:seedling: You committed to “${quoteInline(text, COMMITMENT_TEXT_MAX)}”.`;
}

/** "Done — what did we learn?": the answer becomes a learning and is posted in the review thread. */
export function doneModal(commitment: { id: number; text: string }, metadata: Record<string, unknown>): ModalView {
  return {
    type: 'modal',
    callback_id: b.doneView,
    private_metadata: JSON.stringify({ ...metadata, commitmentId: commitment.id }),
    title: { type: 'plain_text', text: 'What did we learn?' },
    submit: { type: 'plain_text', text: 'Save and share' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`You committed to:\n${quoteBlock(commitment.text, COMMITMENT_TEXT_MAX)}`, 'commitment_done_context'),
      {
        type: 'input',
        block_id: b.doneBlock,
        label: { type: 'plain_text', text: 'What did you learn?' },
        element: { type: 'plain_text_input', action_id: b.doneInput, multiline: true, max_length: LEARNING_MAX_LENGTH },
      },
      context(':speech_balloon: Saved as a learning and posted in the review thread under your name.'),
    ],
  };
}

/** "Dropped": an optional reason, then the commitment is closed. */
export function dropModal(commitment: { id: number; text: string }, metadata: Record<string, unknown>): ModalView {
  return {
    type: 'modal',
    callback_id: b.dropView,
    private_metadata: JSON.stringify({ ...metadata, commitmentId: commitment.id }),
    title: { type: 'plain_text', text: 'Drop commitment' },
    submit: { type: 'plain_text', text: 'Drop it' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`You committed to:\n${quoteBlock(commitment.text, COMMITMENT_TEXT_MAX)}`, 'commitment_drop_context'),
      {
        type: 'input',
        block_id: b.dropBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Why not? (optional)' },
        element: { type: 'plain_text_input', action_id: b.dropInput, multiline: true, max_length: DROP_REASON_MAX },
      },
    ],
  };
}

/** The learning as posted in the review thread, attributed to the owner. */
export function commitmentLearningPost(ownerId: string, commitmentText: string, learning: string): Message {
  const text = `:bulb: <@${ownerId}> followed up on “${quoteInline(commitmentText, 200)}” and learned:`;
  return {
    text: `<@${ownerId}> followed up on a commitment: ${escapeMentions(truncate(learning, 200))}`,
    blocks: [section(`${text}\n${quoteBlock(learning, LEARNING_MAX_LENGTH)}`, 'commitment_learning')],
  };
}
