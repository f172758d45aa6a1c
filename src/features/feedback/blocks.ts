import type { ContextBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { Feedback } from './queries';
import { localParts } from '../../platform/time/cadence';
import { FEEDBACK_DAILY_LIMIT, FEEDBACK_FIELD_MAX, FEEDBACK_TEXT_MAX, type FeedbackRefusal } from './rules';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import type { Message } from '../../platform/ui/message';
import { fieldTooLong } from '../../platform/ui/blocks';

const b = ids.feedback;
// A section holds 3,000 characters; quoting adds one per line and escaping can quadruple `<`.
const CHUNK = 1400;
const EXCERPT = 80;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const n = (value: number): string => value.toLocaleString('en-US');

export type { Message };

/** One sentence per refusal code: what happened and what to do. */
export const feedbackRefusals: Record<FeedbackRefusal, string> = {
  not_a_mention: 'Start with an @-mention of the teammate it is for (pick them from the list as you type @), e.g. `/feedback @alex Your demo made the new flow easy to follow`.',
  self: 'Feedback is for a teammate, not yourself; to keep a note about your own work, record a learning with `/learned` instead.',
  bot: 'Bots and apps cannot receive feedback; mention the person behind the work instead.',
  deactivated: 'That account is deactivated, so nobody would read your feedback; give it to someone who is still on the team.',
  outside_workspace: 'I can only deliver feedback to people in this workspace; mention a teammate from here instead.',
  daily_limit: `You have already sent ${FEEDBACK_DAILY_LIMIT} feedback messages today, which is the daily limit, so please send this one tomorrow.`,
  empty: 'Fill in at least one of Situation, Behaviour, Impact or the free text.',
  field_too_long: `Keep this under ${n(FEEDBACK_FIELD_MAX)} characters.`,
  text_too_long: `Keep the feedback under ${n(FEEDBACK_TEXT_MAX)} characters.`,
};

/** The other outcomes of the feedback command, modal and buttons. */
export const feedbackReplies = {
  /** A too-long `/feedback @x TEXT`: there is no field to put the error on. */
  commandTooLong: (length: number) =>
    `Feedback can be at most ${n(FEEDBACK_TEXT_MAX)} characters and yours has ${n(length)}; shorten it, or run \`/feedback\` with just the @-mention to use the form.`,
  fieldTooLong,
  chooseRecipient: 'Choose who the feedback is for.',
  formOutdated: 'This form is out of date; copy your text, close it and run `/feedback` again.',
  sent: (recipientId: string) =>
    `Sent your feedback to <@${recipientId}>. Only the two of you can see it, and \`/feedback list\` lets you delete it at any time.`,
  notDelivered: (recipientId: string) =>
    `I could not deliver your feedback to <@${recipientId}> because Slack would not let me message them, so they have not seen it; try again later, or delete it from \`/feedback list\`.`,
  thankedDm: (recipientId: string) => `:pray: <@${recipientId}> thanked you for your feedback. It was appreciated.`,
  savedAsLearning: (senderId: string) => `Saved as a learning only you can see, credited to <@${senderId}>.`,
  alreadySaved: 'You already saved this feedback as a learning.',
  sharedWithMentor: 'Shared with your mentor. They will see it at your next check-in.',
  alreadyShared: 'You already shared this with your mentor. They will see it at your next check-in.',
  gone: 'This feedback is no longer available: its sender withdrew it.',
  /** A card's button pressed by someone it was not given to: the feedback is there, just not theirs. */
  notYours: (action: 'thank' | 'save' | 'share') =>
    `This feedback is not yours: only the person it was given to can ${action === 'thank' ? 'thank its sender for it' : action === 'save' ? 'save it as a learning' : 'share it with their mentor'}.`,
  withdrawn: 'This feedback was withdrawn by its sender.',
  deleted: (recipientId: string, delivered: boolean) =>
    delivered ? `Deleted your feedback to <@${recipientId}>; it is gone from their DMs too.` : `Deleted your feedback to <@${recipientId}>.`,
  deleteNotFound: 'I cannot find that feedback among the ones you sent (only its sender can delete a feedback); see `/feedback list` for yours.',
  noneSent: 'You have not sent any feedback yet. Try `/feedback @teammate what they did and the difference it made`.',
} as const;

export interface FeedbackModalOptions {
  recipientId: string | null;
  /** The message it is about (from the message shortcut). */
  contextPermalink: string | null;
  /** Where to confirm to the sender once it is delivered (the command's or shortcut's response_url). */
  responseUrl: string | null;
}

/** What the modal carries to its submission. */
export interface FeedbackModalMetadata {
  contextPermalink: string | null;
  responseUrl: string | null;
}

function optionalInput(blockId: string, actionId: string, label: string, hint: string, maxLength: number, multiline = true): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: { type: 'plain_text_input', action_id: actionId, multiline, max_length: maxLength },
  };
}

/** The feedback form: recipient, Situation / Behaviour / Impact and free text, all optional but one. */
export function feedbackModal(options: FeedbackModalOptions): ModalView {
  const metadata: FeedbackModalMetadata = { contextPermalink: options.contextPermalink, responseUrl: options.responseUrl };
  const blocks: KnownBlock[] = [];
  if (options.contextPermalink) {
    blocks.push({ type: 'context', block_id: b.contextBlock, elements: [{ type: 'mrkdwn', text: `:link: About <${options.contextPermalink}|this message>` }] });
  }
  blocks.push(
    {
      type: 'input',
      block_id: b.recipientBlock,
      label: { type: 'plain_text', text: 'Feedback for' },
      element: {
        type: 'users_select',
        action_id: b.recipientInput,
        placeholder: { type: 'plain_text', text: 'Choose a teammate' },
        ...(options.recipientId ? { initial_user: options.recipientId } : {}),
      },
    },
    optionalInput(b.situationBlock, b.situationInput, 'Situation', 'When and where was it?', FEEDBACK_FIELD_MAX, false),
    optionalInput(b.behaviourBlock, b.behaviourInput, 'Behaviour', 'What did they do or say, as you saw it?', FEEDBACK_FIELD_MAX),
    optionalInput(b.impactBlock, b.impactInput, 'Impact', 'What difference did it make, to you or the team?', FEEDBACK_FIELD_MAX),
    optionalInput(b.textBlock, b.textInput, 'Anything else', 'Fill in at least one of these four.', FEEDBACK_TEXT_MAX),
    { type: 'context', elements: [{ type: 'mrkdwn', text: ':lock: Only you and the person you choose will ever see this feedback.' }] },
  );
  return {
    type: 'modal',
    callback_id: b.view,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Give feedback' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** Escaped, quoted sections of at most ~3,000 characters each, the first one headed by `label`. */
function quotedSections(label: string | null, raw: string): SectionBlock[] {
  const escaped = escapeMentions(raw);
  const chunks: string[] = [];
  let rest = escaped;
  while (rest.length > CHUNK) {
    let cut = rest.lastIndexOf(' ', CHUNK);
    if (cut < CHUNK / 2) cut = CHUNK;
    // Never split an entity like &amp; in two.
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  chunks.push(rest);
  return chunks.map((chunk, index) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `${index === 0 && label ? `*${label}*\n` : ''}>${chunk.replace(/\n/g, '\n>')}` },
  }));
}

/** The recipient's DM card; shows what they already did with it and offers the rest. */
export function feedbackCard(feedback: Feedback): Message {
  const sender = `<@${feedback.senderId}>`;
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: b.cardHeaderBlock, text: { type: 'mrkdwn', text: `:speech_balloon: *${sender} sent you feedback*` } },
  ];
  if (feedback.contextPermalink) {
    blocks.push({ type: 'context', block_id: b.cardContextBlock, elements: [{ type: 'mrkdwn', text: `:link: About <${feedback.contextPermalink}|this message>` }] });
  }
  if (feedback.situation) blocks.push(...quotedSections('Situation', feedback.situation));
  if (feedback.behaviour) blocks.push(...quotedSections('Behaviour', feedback.behaviour));
  if (feedback.impact) blocks.push(...quotedSections('Impact', feedback.impact));
  if (feedback.text) blocks.push(...quotedSections(feedback.situation || feedback.behaviour || feedback.impact ? 'Also' : null, feedback.text));

  const done: string[] = [];
  if (feedback.thankedAt) done.push(`:pray: You thanked ${sender}.`);
  if (feedback.savedLearningId !== null) done.push(':bookmark: Saved as a learning only you can see.');
  if (feedback.sharedWithMentorAt) done.push(':handshake: Shared with your mentor.');
  const privacy = `:lock: Only you and ${sender} can see this.`;
  blocks.push({ type: 'context', block_id: b.cardStateBlock, elements: [{ type: 'mrkdwn', text: [...done, privacy].join('  ') }] } satisfies ContextBlock);

  const value = String(feedback.id);
  const buttons = [
    ...(feedback.thankedAt ? [] : [{ type: 'button' as const, action_id: b.thank, style: 'primary' as const, text: { type: 'plain_text' as const, text: 'Thank' }, value }]),
    ...(feedback.savedLearningId !== null ? [] : [{ type: 'button' as const, action_id: b.saveLearning, text: { type: 'plain_text' as const, text: 'Save as learning' }, value }]),
    ...(feedback.sharedWithMentorAt ? [] : [{ type: 'button' as const, action_id: b.shareWithMentor, text: { type: 'plain_text' as const, text: 'Share with my mentor' }, value }]),
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: b.cardActionsBlock, elements: buttons });
  return { text: `${sender} sent you feedback`, blocks };
}

/** What the recipient's card becomes when its sender deletes the feedback. */
export function feedbackWithdrawnCard(): Message {
  const text = feedbackReplies.withdrawn;
  return { text, blocks: [{ type: 'section', block_id: b.withdrawnBlock, text: { type: 'mrkdwn', text: `:wastebasket: _${text}_` } }] };
}

function shortDate(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

function excerpt(feedback: Feedback): string {
  const first = feedback.text ?? feedback.behaviour ?? feedback.impact ?? feedback.situation ?? '';
  return escapeMentions(truncate(first.replace(/\s+/g, ' ').trim(), EXCERPT));
}

function stateOf(feedback: Feedback): string {
  if (feedback.status === 'failed') return ':warning: not delivered';
  if (feedback.status === 'pending') return 'being delivered';
  return feedback.thankedAt ? ':pray: thanked' : 'not thanked yet';
}

/** `/feedback list`: the sender's last feedback, each with a Delete button. */
export function feedbackListMessage(feedback: readonly Feedback[], timeZone: string, notice?: string): Message {
  const intro = notice ? `${notice}\n\n` : '';
  if (feedback.length === 0) {
    const text = `${intro}${feedbackReplies.noneSent}`;
    return { text, blocks: [{ type: 'section', block_id: b.listBlock, text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: b.listBlock, text: { type: 'mrkdwn', text: `${intro}*Feedback you sent* (last ${feedback.length}). Deleting one removes it for good, from their DMs too.` } },
  ];
  for (const item of feedback) {
    blocks.push({
      type: 'section',
      block_id: `${b.itemBlockPrefix}${item.id}`,
      text: { type: 'mrkdwn', text: `*To <@${item.recipientId}>* · ${shortDate(item.createdAt, timeZone)} · ${stateOf(item)}\n“${excerpt(item)}”` },
      accessory: {
        type: 'button',
        action_id: b.delete,
        style: 'danger',
        text: { type: 'plain_text', text: 'Delete' },
        value: String(item.id),
        confirm: {
          title: { type: 'plain_text', text: 'Delete this feedback?' },
          text: { type: 'plain_text', text: 'It is removed for good, and the copy in their DMs says it was withdrawn.' },
          confirm: { type: 'plain_text', text: 'Delete' },
          deny: { type: 'plain_text', text: 'Keep it' },
        },
      },
    });
  }
  return { text: `${intro}Feedback you sent`, blocks };
}
