import type { Deps } from '../../../deps';
import { findRetentionDays, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, upsertRetentionDays } from '../../privacy';
import { findReviewEmoji, upsertReviewEmoji } from '../../reviews';
import { findMinGroupSize, MIN_GROUP_SIZE_MAX, MIN_GROUP_SIZE_MIN, upsertMinGroupSize } from '../../digest';
import { DEFAULT_REVIEW_EMOJI, parseEmojiName } from '../../reviews';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { privacyReplies } from '../../privacy';
import { settingsMessage } from '../blocks';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import type { SubcommandContext, SubcommandHandler } from '../../../platform/slack/subcommand';
import { actorFor } from '../../../platform/slack/permissions';
import { isDirectMessage } from '../../../platform/slack/channels';
import { isOpenToMentoring, setOpenToMentoring } from '../../growth';
import { isFindable, setFindable } from '../../communities';
import { apiTokenSetting, sourceSetting } from '../../integrations';
import { aiSetting, aiSettingSummary } from '../../ai';

export const settingsReplies = {
  needsChannel: 'The review emoji belongs to a channel; run `/learnloop settings review-emoji NAME` in the channel you want to change.',
  current: (emoji: string, isDefault: boolean) =>
    `In this channel, reacting with :${emoji}: to a message starts a review${isDefault ? ' (the default)' : ''}. Change it with \`/learnloop settings review-emoji NAME\`.`,
  badEmoji: (typed: string) =>
    `\`${typed}\` is not an emoji name; use lowercase letters, digits, _, + or - (up to 64), e.g. \`/learnloop settings review-emoji tada\`.`,
  emojiSet: (emoji: string) => `Done: in this channel, reacting with :${emoji}: to a message now starts a review.`,
  unknown: (word: string) =>
    `I don't know the setting \`${word}\`; the settings are \`review-emoji\` (e.g. \`/learnloop settings review-emoji tada\`), \`retention\` (e.g. \`/learnloop settings retention 365\`), \`min-group\` (e.g. \`/learnloop settings min-group 5\`) \`mentoring\` (e.g. \`/learnloop settings mentoring open\`) \`findable\` (e.g. \`/learnloop settings findable off\`) and \`ai\` (e.g. \`/learnloop settings ai off\`). \`/learnloop settings\` shows them all.`,
  minGroupCurrent: (size: number) =>
    `Figures about fewer than ${size} people are not shown in digests, stats and the Home. An admin can change it with \`/learnloop settings min-group N\` (${MIN_GROUP_SIZE_MIN} to ${MIN_GROUP_SIZE_MAX}).`,
  minGroupAdminsOnly:
    'Only Learnloop admins (LEARNLOOP_ADMINS) and Slack workspace admins can change the minimum group size. `/learnloop settings` shows its value.',
  minGroupBad: (typed: string) =>
    `\`${typed}\` is not a group size; give a whole number from ${MIN_GROUP_SIZE_MIN} to ${MIN_GROUP_SIZE_MAX}, e.g. \`/learnloop settings min-group 5\`.`,
  mentoringOpen:
    'You are open to mentoring: someone setting a growth goal where you are Fluent or Teaching others may be pointed to you. `/learnloop settings mentoring closed` stops it.',
  mentoringClosed: 'You are not suggested as a mentor for growth goals. `/learnloop settings mentoring open` changes that.',
  mentoringBad: (typed: string) => `\`${typed}\` is neither open nor closed; e.g. \`/learnloop settings mentoring open\`.`,
  minGroupSet: (size: number) => `Done: from now on, figures about fewer than ${size} people are not shown in digests, stats and the Home.`,
} as const;

type SettingsDeps = Pick<Deps, 'db' | 'logger' | 'config' | 'users' | 'clock'>;
type Command = SubcommandContext['command'];

/**
 * `/learnloop settings`: every setting with its value and how to change it.
 * `review-emoji [NAME]`: the channel's review emoji; anyone in the channel may change it.
 * `retention [DAYS|off]` and `min-group [N]`: workspace settings, changed by admins only.
 */
export function settingsSubcommand(deps: SettingsDeps): SubcommandHandler {
  return async ({ command, args }) => {
    const setting = args[0]?.toLowerCase();
    switch (setting) {
      case undefined:
        return overview(deps, command);
      case 'retention':
        return retentionSetting(deps, command, args[1]);
      case 'min-group':
      case 'min-group-size':
      case 'minimum-group-size':
        return minGroupSetting(deps, command, args.slice(1));
      case 'review-emoji':
        return reviewEmojiSetting(deps, command, args[1]);
      case 'mentoring':
        return mentoringSetting(deps, command, args[1]);
      case 'findable':
        return findableSetting(deps, command, args[1]);
      case 'api-token':
        return apiTokenSetting(deps, command, args.slice(1));
      case 'source':
        return sourceSetting(deps, command, args.slice(1), false);
      case 'source-secret':
        return sourceSetting(deps, command, args.slice(1), true);
      case 'ai':
        return aiSetting(deps, command, args.slice(1));
      default:
        return ephemeral(settingsReplies.unknown(escapeMentions(truncate(args[0] ?? '', 40))));
    }
  };
}

async function overview(deps: SettingsDeps, command: Command): Promise<EphemeralReply> {
  const teamId = command.team_id;
  const inChannel = !isDirectMessage(command);
  const [emoji, retentionDays, minGroupSize, actor, aiPartner] = await Promise.all([
    inChannel ? findReviewEmoji(deps.db, teamId, command.channel_id) : Promise.resolve(null),
    findRetentionDays(deps.db, teamId),
    findMinGroupSize(deps.db, teamId),
    actorFor(deps, command.user_id),
    aiSettingSummary(deps, teamId, inChannel ? command.channel_id : null),
  ]);
  const message = settingsMessage({
    channelId: inChannel ? command.channel_id : null,
    reviewEmoji: inChannel ? { emoji: emoji ?? DEFAULT_REVIEW_EMOJI, isDefault: emoji === null } : null,
    retentionDays,
    minGroupSize,
    isAdmin: actor.isAdmin,
    aiPartner,
  });
  return ephemeral(message.text, message.blocks);
}

async function reviewEmojiSetting(deps: SettingsDeps, command: Command, typed: string | undefined): Promise<EphemeralReply> {
  if (isDirectMessage(command)) return ephemeral(settingsReplies.needsChannel);
  const teamId = command.team_id;
  const channelId = command.channel_id;
  if (typed === undefined) {
    const emoji = await findReviewEmoji(deps.db, teamId, channelId);
    return ephemeral(settingsReplies.current(emoji ?? DEFAULT_REVIEW_EMOJI, emoji === null));
  }
  const emoji = parseEmojiName(typed);
  if (!emoji) return ephemeral(settingsReplies.badEmoji(escapeMentions(truncate(typed, 70))));
  await upsertReviewEmoji(deps.db, teamId, channelId, emoji, command.user_id);
  deps.logger.info({ teamId, channelId, userId: command.user_id }, 'review emoji changed');
  return ephemeral(settingsReplies.emojiSet(emoji));
}

/** A person's own: whether `/learnloop who #tag` may list them. */
async function findableSetting(deps: SettingsDeps, command: Command, typed: string | undefined): Promise<EphemeralReply> {
  const teamId = command.team_id;
  const userId = command.user_id;
  const on = 'People can find you through `/learnloop who #tag` when you share team learnings on it. `/learnloop settings findable off` stops it.';
  const off = 'You are left out of `/learnloop who`. `/learnloop settings findable on` changes that.';
  if (typed === undefined) return ephemeral((await isFindable(deps.db, teamId, userId)) ? on : off);
  const answer = typed.toLowerCase();
  if (answer !== 'on' && answer !== 'off') return ephemeral(`\`${escapeMentions(truncate(typed, 40)).replace(/`/g, "'")}\` is neither on nor off; e.g. \`/learnloop settings findable off\`.`);
  await setFindable(deps.db, teamId, userId, answer === 'on');
  return ephemeral(answer === 'on' ? on : off);
}

/** A person's own: whether growth goals may suggest them as a mentor. */
async function mentoringSetting(deps: SettingsDeps, command: Command, typed: string | undefined): Promise<EphemeralReply> {
  const teamId = command.team_id;
  const userId = command.user_id;
  if (typed === undefined) return ephemeral((await isOpenToMentoring(deps.db, teamId, userId)) ? settingsReplies.mentoringOpen : settingsReplies.mentoringClosed);
  const answer = typed.toLowerCase();
  if (answer !== 'open' && answer !== 'closed') return ephemeral(settingsReplies.mentoringBad(escapeMentions(truncate(typed, 40)).replace(/`/g, "'")));
  await setOpenToMentoring(deps.db, teamId, userId, answer === 'open');
  deps.logger.info({ teamId, userId, openToMentoring: answer === 'open' }, 'mentoring openness changed');
  return ephemeral(answer === 'open' ? settingsReplies.mentoringOpen : settingsReplies.mentoringClosed);
}

/** Workspace-wide, so it works from any channel or DM. */
async function minGroupSetting(deps: SettingsDeps, command: Command, words: readonly string[]): Promise<EphemeralReply> {
  const teamId = command.team_id;
  if (words.length === 0) return ephemeral(settingsReplies.minGroupCurrent(await findMinGroupSize(deps.db, teamId)));
  if (!(await actorFor(deps, command.user_id)).isAdmin) return ephemeral(settingsReplies.minGroupAdminsOnly);
  const typed = words.join(' ');
  const size = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
  if (!(size >= MIN_GROUP_SIZE_MIN && size <= MIN_GROUP_SIZE_MAX)) return ephemeral(settingsReplies.minGroupBad(escapeMentions(truncate(typed, 40)).replace(/`/g, "'")));
  await upsertMinGroupSize(deps.db, teamId, size, command.user_id);
  deps.logger.info({ teamId, userId: command.user_id, minGroupSize: size }, 'minimum group size changed');
  return ephemeral(settingsReplies.minGroupSet(size));
}

/** `DAYS` (30–3650) or `off` → days or null; anything else → undefined. */
export function parseRetentionDays(typed: string): number | null | undefined {
  if (typed.toLowerCase() === 'off') return null;
  if (!/^\d{1,5}$/.test(typed)) return undefined;
  const days = Number(typed);
  return days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS ? days : undefined;
}

/** Workspace-wide, so it works from any channel or DM. */
async function retentionSetting(deps: SettingsDeps, command: Command, typed: string | undefined): Promise<EphemeralReply> {
  const teamId = command.team_id;
  if (typed === undefined) return ephemeral(privacyReplies.retentionCurrent(await findRetentionDays(deps.db, teamId)));
  if (!(await actorFor(deps, command.user_id)).isAdmin) return ephemeral(privacyReplies.retentionAdminsOnly);
  const days = parseRetentionDays(typed);
  if (days === undefined) return ephemeral(privacyReplies.retentionBad(escapeMentions(truncate(typed, 40))));
  await upsertRetentionDays(deps.db, teamId, days, command.user_id);
  deps.logger.info({ teamId, userId: command.user_id, retentionDays: days }, 'retention changed');
  return ephemeral(days === null ? privacyReplies.retentionOff : privacyReplies.retentionSet(days));
}
