import type { Deps } from '../../deps';
import { findRetentionDays, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, upsertRetentionDays } from '../../db/queries/personal-data';
import { findReviewEmoji, upsertReviewEmoji } from '../../db/queries/reviews';
import { DEFAULT_REVIEW_EMOJI, parseEmojiName } from '../../domain/review';
import { escapeMentions, truncate } from '../../domain/text';
import { privacyReplies } from '../blocks/privacy';
import { ephemeral, type EphemeralReply } from '../replies';
import type { SubcommandContext, SubcommandHandler } from './learnloop';
import { actorFor, isDirectMessage } from './prompts';

export const settingsReplies = {
  needsChannel: 'Settings belong to a channel; run `/learnloop settings` in the channel you want to change.',
  current: (emoji: string, isDefault: boolean) =>
    `In this channel, reacting with :${emoji}: to a message starts a review${isDefault ? ' (the default)' : ''}. Change it with \`/learnloop settings review-emoji NAME\`.`,
  badEmoji: (typed: string) =>
    `\`${typed}\` is not an emoji name; use lowercase letters, digits, _, + or - (up to 64), e.g. \`/learnloop settings review-emoji tada\`.`,
  emojiSet: (emoji: string) => `Done: in this channel, reacting with :${emoji}: to a message now starts a review.`,
  unknown: (word: string) =>
    `I don't know the setting \`${word}\`; the settings are \`review-emoji\` (e.g. \`/learnloop settings review-emoji tada\`) and \`retention\` (e.g. \`/learnloop settings retention 365\`).`,
} as const;

/**
 * `/learnloop settings [review-emoji NAME]`: the channel's settings; anyone in the channel may change them.
 * `/learnloop settings retention [DAYS|off]`: the workspace's retention period; admins only.
 */
export function settingsSubcommand(deps: Pick<Deps, 'db' | 'logger' | 'config' | 'users'>): SubcommandHandler {
  return async ({ command, args }) => {
    if (args[0]?.toLowerCase() === 'retention') return retentionSetting(deps, command, args[1]);
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

/** `DAYS` (30–3650) or `off` → days or null; anything else → undefined. */
export function parseRetentionDays(typed: string): number | null | undefined {
  if (typed.toLowerCase() === 'off') return null;
  if (!/^\d{1,5}$/.test(typed)) return undefined;
  const days = Number(typed);
  return days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS ? days : undefined;
}

/** Workspace-wide, so it works from any channel or DM. */
async function retentionSetting(deps: Pick<Deps, 'db' | 'logger' | 'config' | 'users'>, command: SubcommandContext['command'], typed: string | undefined): Promise<EphemeralReply> {
  const teamId = command.team_id;
  if (typed === undefined) return ephemeral(privacyReplies.retentionCurrent(await findRetentionDays(deps.db, teamId)));
  if (!(await actorFor(deps, command.user_id)).isAdmin) return ephemeral(privacyReplies.retentionAdminsOnly);
  const days = parseRetentionDays(typed);
  if (days === undefined) return ephemeral(privacyReplies.retentionBad(escapeMentions(truncate(typed, 40))));
  await upsertRetentionDays(deps.db, teamId, days, command.user_id);
  deps.logger.info({ teamId, userId: command.user_id, retentionDays: days }, 'retention changed');
  return ephemeral(days === null ? privacyReplies.retentionOff : privacyReplies.retentionSet(days));
}
