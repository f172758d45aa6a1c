import type { KnownBlock } from '@slack/types';
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from '../privacy';
import { MIN_GROUP_SIZE_MAX, MIN_GROUP_SIZE_MIN } from '../digest';
import { DEFAULT_MIN_GROUP_SIZE } from '../digest';
import { ids } from './ids';
import type { Message } from '../../platform/ui/message';
import { section } from '../../platform/ui/blocks';

const s = ids.settings;

export interface SettingsOverview {
  /** Null in a DM: the review emoji is a channel's. */
  channelId: string | null;
  reviewEmoji: { emoji: string; isDefault: boolean } | null;
  retentionDays: number | null;
  minGroupSize: number;
  isAdmin: boolean;
  /** The AI partner's state here, in one sentence (the AI feature words it). */
  aiPartner: string;
}

/** `/learnloop settings`: every setting, its value here and how to change it. */
export function settingsMessage(input: SettingsOverview): Message {
  const emoji = input.reviewEmoji;
  const reviewEmoji =
    emoji && input.channelId
      ? `*Review emoji in <#${input.channelId}>:* :${emoji.emoji}:${emoji.isDefault ? ' (the default)' : ''}\n` +
        `Reacting with it to a message starts a review. Anyone in the channel can change it, e.g. \`/learnloop settings review-emoji tada\`.`
      : '*Review emoji:* each channel has its own; run `/learnloop settings` in a channel to see and change it.';
  const retention =
    `*Retention (whole workspace):* ${input.retentionDays === null ? 'keep everything (the default)' : `delete content older than ${input.retentionDays} days, once a night`}\n` +
    `Admins change it with \`/learnloop settings retention DAYS\` (${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}) or \`/learnloop settings retention off\`.`;
  const minGroup =
    `*Minimum group size (whole workspace):* ${input.minGroupSize}${input.minGroupSize === DEFAULT_MIN_GROUP_SIZE ? ' (the default)' : ''}\n` +
    `Figures about fewer people than this are not shown in digests, stats and the Home. Admins change it with \`/learnloop settings min-group N\` (${MIN_GROUP_SIZE_MIN} to ${MIN_GROUP_SIZE_MAX}), e.g. \`/learnloop settings min-group 5\`.`;
  const who = input.isAdmin
    ? 'You are an admin, so you can change every setting.'
    : 'Retention and the minimum group size are for Learnloop admins (LEARNLOOP_ADMINS) and Slack workspace admins.';
  const retentionWords = input.retentionDays === null ? 'keep everything' : `${input.retentionDays} days`;
  return {
    text: `Learnloop settings: ${emoji && input.channelId ? `review emoji :${emoji.emoji}:, ` : ''}retention ${retentionWords}, minimum group size ${input.minGroupSize}.`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Learnloop settings' } },
      section(reviewEmoji, s.reviewEmojiBlock),
      section(retention, s.retentionBlock),
      section(minGroup, s.minGroupBlock),
      section(`*AI partner (optional):* ${input.aiPartner}`, s.aiBlock),
      { type: 'context', elements: [{ type: 'mrkdwn', text: who }] },
    ],
  };
}
