/** The bot scopes Learnloop asks for at install: the same list as manifest.yml's oauth_config.scopes.bot. */
export const BOT_SCOPES = Object.freeze([
  'commands',
  'chat:write',
  'channels:history',
  'groups:history',
  'channels:read',
  'groups:read',
  'im:write',
  'im:history',
  'users:read',
  'reactions:read',
  'files:write',
]);
