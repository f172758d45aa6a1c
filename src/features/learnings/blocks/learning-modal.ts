import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { LearningSource, LearningVisibility } from '../../../platform/db/schema';
import { LEARNING_MAX_LENGTH, parseLearningText, parseLinkField, parseTagField } from '../rules/learning-text';
import { truncate } from '../../../platform/ui/text';
import { ids } from '../ids';
import { parseJson } from '../../../platform/slack/safe-json';
import { fieldTooLong } from '../../../platform/ui/blocks';

const b = ids.learning;
const MAX_TAGS = 10;

const option = (value: string, text: string): PlainTextOption => ({ value, text: { type: 'plain_text', text } });

/** The sources a person picks in the form; the others (prompt, message, feedback) come from where the form was opened. */
const PICKABLE_SOURCES = ['experience', 'colleague', 'review', 'reading', 'course'] as const;
const SOURCE_OPTIONS: Record<(typeof PICKABLE_SOURCES)[number], PlainTextOption> = {
  experience: option('experience', 'My own experience'),
  colleague: option('colleague', 'A colleague'),
  review: option('review', 'A review'),
  reading: option('reading', 'Something I read'),
  course: option('course', 'A course'),
};
const VISIBILITY_OPTIONS: Record<LearningVisibility, PlainTextOption> = {
  team: option('team', 'My team'),
  private: option('private', 'Only me'),
};

/** Whether the form offers this source to choose; otherwise the form keeps it fixed (through the metadata). */
export function isPickableSource(source: LearningSource): boolean {
  return (PICKABLE_SOURCES as readonly string[]).includes(source);
}

const sourceSchema = z.enum(['experience', 'colleague', 'review', 'reading', 'course', 'prompt', 'message', 'feedback']);

/** What travels through Slack with the form (private_metadata, 3,000 characters at most). */
export const learningMetadataSchema = z.object({
  mode: z.enum(['create', 'edit']),
  learningId: z.number().int().positive().optional(),
  channelId: z.string().min(1).max(40).optional(),
  creditedUserId: z.string().min(1).max(40).optional(),
  sourcePermalink: z.string().url().optional(),
  /** Set when the entry point decides the source (a prompt, a message); the form then has no source field. */
  source: sourceSchema.optional(),
  promptId: z.number().int().positive().optional(),
  /** Where the confirmation goes: the response_url of the command, button or shortcut that opened the form. */
  responseUrl: z.string().url().optional(),
  /** formSeal over `learningOrigin` (and the opener), set by the openers that fix a source, a credit or a link. */
  seal: z.string().max(100).optional(),
});
export type LearningModalMetadata = z.infer<typeof learningMetadataSchema>;

/** What an opener learned from Slack about where a new learning comes from: sealed, so an edited copy is refused. */
export function learningOrigin(metadata: LearningModalMetadata): Record<string, string | number | undefined> {
  return { channelId: metadata.channelId, source: metadata.source, sourcePermalink: metadata.sourcePermalink, creditedUserId: metadata.creditedUserId, promptId: metadata.promptId };
}

/** Why a learning form's origin was refused; none of them names anything of the channel or the message. */
export const learningOriginRefusals = {
  edited: 'This form no longer matches the message or prompt it was opened from. Copy your text, close it and open it again from there.',
  promptGone: 'That prompt is no longer in Learnloop. Copy your text, close the form and use `/learned` instead.',
} as const;

/** Whether a new learning's metadata carries an origin only an opener may set (then it must be sealed). */
export function hasFixedOrigin(metadata: LearningModalMetadata): boolean {
  return metadata.source !== undefined || metadata.sourcePermalink !== undefined || metadata.creditedUserId !== undefined || metadata.promptId !== undefined;
}

export interface LearningModalInput {
  metadata: LearningModalMetadata;
  initial?: { text?: string; tags?: readonly string[]; link?: string | null; visibility?: LearningVisibility; source?: LearningSource };
  /** A line above the form saying where the learning comes from; must already be safe mrkdwn. */
  origin?: string;
}

/** The one learning form: `/learned` alone, Edit, "Save as learning" and a prompt's "Record a learning". */
export function learningModal(input: LearningModalInput): ModalView {
  const initial = input.initial ?? {};
  const text = truncate(initial.text ?? '', LEARNING_MAX_LENGTH);
  const tags = (initial.tags ?? []).join(' ');
  const visibility = VISIBILITY_OPTIONS[initial.visibility ?? 'team'];
  const blocks: KnownBlock[] = [];
  if (input.origin) blocks.push({ type: 'context', block_id: b.originBlock, elements: [{ type: 'mrkdwn', text: truncate(input.origin, 2000) }] });
  blocks.push(
    {
      type: 'input',
      block_id: b.textBlock,
      label: { type: 'plain_text', text: 'What I learned' },
      element: {
        type: 'plain_text_input',
        action_id: b.textInput,
        multiline: true,
        max_length: LEARNING_MAX_LENGTH,
        placeholder: { type: 'plain_text', text: 'e.g. Small pull requests get reviewed the same day' },
        ...(text ? { initial_value: text } : {}),
      },
    },
    {
      type: 'input',
      block_id: b.tagsBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Tags' },
      hint: { type: 'plain_text', text: `Separated by spaces or commas, up to ${MAX_TAGS}.` },
      element: { type: 'plain_text_input', action_id: b.tagsInput, max_length: 500, placeholder: { type: 'plain_text', text: 'reviews testing' }, ...(tags ? { initial_value: tags } : {}) },
    },
    {
      type: 'input',
      block_id: b.linkBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Link' },
      element: { type: 'plain_text_input', action_id: b.linkInput, max_length: 2000, placeholder: { type: 'plain_text', text: 'https://…' }, ...(initial.link ? { initial_value: initial.link } : {}) },
    },
    {
      type: 'input',
      block_id: b.visibilityBlock,
      label: { type: 'plain_text', text: 'Who can see it' },
      element: { type: 'radio_buttons', action_id: b.visibilityInput, options: Object.values(VISIBILITY_OPTIONS), initial_option: visibility },
    },
  );
  if (!input.metadata.source) {
    const picked = initial.source && isPickableSource(initial.source) ? SOURCE_OPTIONS[initial.source as keyof typeof SOURCE_OPTIONS] : SOURCE_OPTIONS.experience;
    blocks.push({
      type: 'input',
      block_id: b.sourceBlock,
      label: { type: 'plain_text', text: 'Where did this come from?' },
      element: { type: 'static_select', action_id: b.sourceInput, options: Object.values(SOURCE_OPTIONS), initial_option: picked },
    });
  }
  return {
    type: 'modal',
    callback_id: b.view,
    private_metadata: JSON.stringify(input.metadata),
    title: { type: 'plain_text', text: input.metadata.mode === 'edit' ? 'Edit learning' : 'Record a learning' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The metadata of a submitted form, or null when it is missing or from an older version. */
export function parseLearningMetadata(text: string | undefined): LearningModalMetadata | null {
  return parseJson(learningMetadataSchema, text);
}

export interface LearningForm {
  text: string;
  tags: string[];
  link: string | null;
  visibility: LearningVisibility;
  source: LearningSource;
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>>;

/** Reads and checks a submitted form; problems come back keyed by block id, for `response_action: errors`. */
export function readLearningForm(values: StateValues, metadata: LearningModalMetadata): { form: LearningForm } | { errors: Record<string, string> } {
  const value = (block: string, action: string) => values[block]?.[action];
  const errors: Record<string, string> = {};
  const text = (value(b.textBlock, b.textInput)?.value ?? '').trim();
  const length = [...text].length;
  if (length === 0) errors[b.textBlock] = 'Write what you learned first, or press Cancel.';
  else if (length > LEARNING_MAX_LENGTH) errors[b.textBlock] = fieldTooLong(LEARNING_MAX_LENGTH, length);

  const tagField = value(b.tagsBlock, b.tagsInput)?.value ?? '';
  const typedTags = new Set(tagField.split(/[\s,]+/).map((tag) => tag.replace(/^#+/, '').toLowerCase()).filter(Boolean));
  if (typedTags.size > MAX_TAGS) errors[b.tagsBlock] = `Use at most ${MAX_TAGS} tags (this has ${typedTags.size}).`;

  const link = parseLinkField(value(b.linkBlock, b.linkInput)?.value);
  if ('error' in link) errors[b.linkBlock] = link.error;

  if (Object.keys(errors).length > 0 || 'error' in link) return { errors };
  return {
    form: {
      text,
      tags: parseTagField(tagField),
      link: link.link,
      visibility: z.enum(['team', 'private']).catch('team').parse(value(b.visibilityBlock, b.visibilityInput)?.selected_option?.value),
      source: metadata.source ?? z.enum(PICKABLE_SOURCES).catch('experience').parse(value(b.sourceBlock, b.sourceInput)?.selected_option?.value),
    },
  };
}

/** Slack sends message and command text with &, < and > as entities; forms and links need the characters. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Pre-fills the form from a message: its text, the #tags and first link it carries. */
export function initialFromMessage(text: string): NonNullable<LearningModalInput['initial']> {
  const parsed = parseLearningText(text);
  return { text: unescapeSlackText(parsed.text), tags: parsed.tags, link: parsed.link && unescapeSlackText(parsed.link) };
}
