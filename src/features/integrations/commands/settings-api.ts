import type { SlashCommand } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { ephemeral, type EphemeralReply } from '../../../platform/slack/replies';
import { actorFor } from '../../../platform/slack/permissions';
import { escapeMentions, parseChannelMention, truncate } from '../../../platform/ui/text';
import { insertToken, listSources, listTokens, revokeToken, setSourceSecret, upsertSource } from '../queries';
import { newApiToken } from '../rules';

type SettingsDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'users' | 'config'>;
const ADMINS_ONLY = 'Only Learnloop admins (LEARNLOOP_ADMINS) and Slack workspace admins manage API tokens and event sources.';

/** `/learnloop settings api-token new NAME | list | revoke NAME` (admins). A new token is shown once, here. */
export async function apiTokenSetting(deps: SettingsDeps, command: SlashCommand, words: readonly string[]): Promise<EphemeralReply> {
  if (!(await actorFor(deps, command.user_id)).isAdmin) return ephemeral(ADMINS_ONLY);
  const verb = words[0]?.toLowerCase() ?? 'list';
  const name = words.slice(1).join(' ').trim();
  const teamId = command.team_id;
  if (verb === 'list') {
    const tokens = await listTokens(deps.db, teamId);
    if (tokens.length === 0) return ephemeral('No API tokens yet. `/learnloop settings api-token new NAME` makes one.');
    return ephemeral(`API tokens: ${tokens.map((t) => `*${escapeMentions(t.name)}* (made by <@${t.createdBy}> ${t.createdAt.toISOString().slice(0, 10)}${t.lastUsedAt ? `, last used ${t.lastUsedAt.toISOString().slice(0, 10)}` : ', never used'})`).join(' · ')}`);
  }
  if (!/^[\w .-]{1,40}$/.test(name)) return ephemeral('Give the token a name of up to 40 letters, digits, spaces, dots or dashes, e.g. `/learnloop settings api-token new pagerduty-bridge`.');
  if (verb === 'new') {
    const plain = newApiToken(teamId);
    const token = await insertToken(deps.db, { teamId, name, plain, createdBy: command.user_id });
    if (!token) return ephemeral(`A token called “${escapeMentions(name)}” exists already; revoke it first or pick another name.`);
    deps.logger.info({ teamId, userId: command.user_id, tokenId: token.id }, 'API token made');
    return ephemeral(`Your API token “${escapeMentions(name)}” — copy it now, it is not shown again:\n\`${plain}\`\nUse it as \`Authorization: Bearer …\`; reviews it starts are started in your name.`);
  }
  if (verb === 'revoke') {
    const revoked = await revokeToken(deps.db, teamId, name, deps.clock.now());
    return ephemeral(revoked ? `Revoked “${escapeMentions(name)}”: requests with it are refused from now on.` : `No live token is called “${escapeMentions(truncate(name, 40))}”.`);
  }
  return ephemeral('Try `/learnloop settings api-token new NAME`, `api-token list` or `api-token revoke NAME`.');
}

/**
 * `/learnloop settings source pagerduty SERVICE #channel | github OWNER/REPO #channel | list`, and
 * `/learnloop settings source-secret pagerduty|github SECRET` (admins; the secret is never shown again).
 */
export async function sourceSetting(deps: SettingsDeps, command: SlashCommand, words: readonly string[], secret: boolean): Promise<EphemeralReply> {
  if (!(await actorFor(deps, command.user_id)).isAdmin) return ephemeral(ADMINS_ONLY);
  const teamId = command.team_id;
  const source = words[0]?.toLowerCase();
  if (!secret && (source === undefined || source === 'list')) {
    const sources = await listSources(deps.db, teamId);
    return ephemeral(sources.length === 0 ? 'No event sources are mapped yet.' : `Event sources: ${sources.map((s) => `${s.source} ${escapeMentions(s.key)} → <#${s.channelId}>`).join(' · ')}`);
  }
  if (source !== 'pagerduty' && source !== 'github') return ephemeral('Say `pagerduty` or `github`, e.g. `/learnloop settings source pagerduty PABC123 #incidents`.');
  if (secret) {
    const value = words[1] ?? '';
    if (value.length < 16) return ephemeral('Give the secret the source signs its webhooks with (16 characters or more).');
    await setSourceSecret(deps.db, teamId, source, value, command.user_id);
    return ephemeral(`Saved the ${source} signing secret. Webhook URL: \`/api/v1/sources/${source}/${teamId}\` on your Learnloop server.`);
  }
  const key = source === 'github' ? (words[1] ?? '').toLowerCase() : words[1] ?? '';
  const channelId = words[2] ? parseChannelMention(words[2]) : null;
  const keyOk = source === 'github' ? /^[\w.-]+\/[\w.-]+$/.test(key) : /^[A-Z0-9]{3,20}$/i.test(key);
  if (!keyOk || !channelId) {
    return ephemeral(source === 'github' ? 'Try `/learnloop settings source github OWNER/REPO #channel`.' : 'Try `/learnloop settings source pagerduty SERVICE_ID #channel` (the id in the service’s URL, e.g. PABC123).');
  }
  await upsertSource(deps.db, { teamId, source, key, channelId, createdBy: command.user_id });
  return ephemeral(`Done: ${source === 'github' ? 'failed deploys and published releases of' : 'resolved incidents of'} ${escapeMentions(key)} start a review in <#${channelId}>.`);
}
