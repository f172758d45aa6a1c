import type { Button, KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';

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
