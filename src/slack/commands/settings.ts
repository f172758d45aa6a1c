import type { Deps } from '../../deps';
import { findReviewEmoji, upsertReviewEmoji } from '../../db/queries/reviews';
import { DEFAULT_REVIEW_EMOJI, parseEmojiName } from '../../domain/review';
import { escapeMentions, truncate } from '../../domain/text';
import { ephemeral } from '../replies';
import type { SubcommandHandler } from './learnloop';
import { isDirectMessage } from './prompts';

export const settingsReplies = {
  needsChannel: 'Settings belong to a channel; run `/learnloop settings` in the channel you want to change.',
  current: (emoji: string, isDefault: boolean) =>
    `In this channel, reacting with :${emoji}: to a message starts a review${isDefault ? ' (the default)' : ''}. Change it with \`/learnloop settings review-emoji NAME\`.`,
  badEmoji: (typed: string) =>
    `\`${typed}\` is not an emoji name; use lowercase letters, digits, _, + or - (up to 64), e.g. \`/learnloop settings review-emoji tada\`.`,
  emojiSet: (emoji: string) => `Done: in this channel, reacting with :${emoji}: to a message now starts a review.`,
  unknown: (word: string) => `I don't know the setting \`${word}\`; the one setting so far is \`review-emoji\`, e.g. \`/learnloop settings review-emoji tada\`.`,
} as const;

/** `/learnloop settings [review-emoji NAME]`: the channel's settings; anyone in the channel may change them. */
export function settingsSubcommand(deps: Pick<Deps, 'db' | 'logger'>): SubcommandHandler {
  return async ({ command, args }) => {
    if (isDirectMessage(command)) return ephemeral(settingsReplies.needsChannel);
    const teamId = command.team_id;
    const channelId = command.channel_id;
    const setting = args[0]?.toLowerCase();
    if (setting !== undefined && setting !== 'review-emoji') return ephemeral(settingsReplies.unknown(escapeMentions(truncate(args[0] ?? '', 40))));
    const typed = args[1];
    if (typed === undefined) {
      const emoji = await findReviewEmoji(deps.db, teamId, channelId);
      return ephemeral(settingsReplies.current(emoji ?? DEFAULT_REVIEW_EMOJI, emoji === null));
    }
    const emoji = parseEmojiName(typed);
    if (!emoji) return ephemeral(settingsReplies.badEmoji(escapeMentions(truncate(typed, 70))));
    await upsertReviewEmoji(deps.db, teamId, channelId, emoji, command.user_id);
    deps.logger.info({ teamId, channelId, userId: command.user_id }, 'review emoji changed');
    return ephemeral(settingsReplies.emojiSet(emoji));
  };
}
