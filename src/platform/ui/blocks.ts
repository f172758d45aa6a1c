import type { Button, InputBlock, KnownBlock, ModalView, MrkdwnElement, PlainTextElement, PlainTextInput, SectionBlock } from '@slack/types';

/** Learnloop's Block Kit kit: the few block shapes every feature builds its messages and modals from. */

/** Formatted text (Slack's mrkdwn). */
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

/** A section of mrkdwn text; the block id lets tests and handlers find it. */
export const section = (text: string, blockId?: string): SectionBlock => ({ type: 'section', ...(blockId ? { block_id: blockId } : {}), text: mrkdwn(text) });

/** A line of small grey text. */
export const context = (text: string, blockId?: string): KnownBlock => ({ type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: [mrkdwn(text)] });

/** A button; `value` carries what its handler needs (a hint, checked again on the server). */
export const button = (actionId: string, text: string, value?: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text },
  ...(value !== undefined ? { value } : {}),
  ...(style ? { style } : {}),
});

/** The one wording for a form field over its limit (shown on the field; nothing typed is lost). */
export const fieldTooLong = (max: number, length: number): string => `Keep it to ${max.toLocaleString('en-US')} characters (this one has ${length.toLocaleString('en-US')}).`;

/** Plain text (labels, titles, placeholders). */
export const plainText = (text: string): PlainTextElement => ({ type: 'plain_text', text });

/** A form field: a label over one element, optional and with a hint when asked; field errors go back by its block id. */
export const input = (blockId: string, label: string, element: InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): InputBlock => ({
  type: 'input',
  block_id: blockId,
  ...(options.optional ? { optional: true } : {}),
  label: plainText(label),
  ...(options.hint ? { hint: plainText(options.hint) } : {}),
  element,
});

/** A text box for `input`. */
export const textInput = (actionId: string, options: { multiline?: boolean; maxLength?: number; placeholder?: string; initialValue?: string } = {}): PlainTextInput => ({
  type: 'plain_text_input',
  action_id: actionId,
  ...(options.multiline ? { multiline: true } : {}),
  ...(options.maxLength !== undefined ? { max_length: options.maxLength } : {}),
  ...(options.placeholder ? { placeholder: plainText(options.placeholder) } : {}),
  ...(options.initialValue !== undefined ? { initial_value: options.initialValue } : {}),
});

/** A modal with a submit button and Cancel; `privateMetadata` is a hint its handler checks again. */
export const modal = (view: { callbackId: string; title: string; submit: string; close?: string; blocks: KnownBlock[]; privateMetadata?: unknown }): ModalView => ({
  type: 'modal',
  callback_id: view.callbackId,
  ...(view.privateMetadata !== undefined ? { private_metadata: JSON.stringify(view.privateMetadata) } : {}),
  title: plainText(view.title),
  submit: plainText(view.submit),
  close: plainText(view.close ?? 'Cancel'),
  blocks: view.blocks,
});
