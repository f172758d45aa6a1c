import { z } from 'zod';

/** Everything Learnloop reads from the environment, parsed once. */
export interface Config {
  /** Single-workspace mode's token; unset in distribution mode, where each installation has its own. */
  slackBotToken: string | undefined;
  /** Distribution mode (OAuth installs into many workspaces); unset in single-workspace mode. */
  distribution: Distribution | undefined;
  slackSigningSecret: string | undefined;
  slackAppToken: string | undefined;
  slackApiUrl: string | undefined;
  socketMode: boolean;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  admins: readonly string[];
  schedulerEnabled: boolean;
  /** How often, while requests are spooled, the database is tried again (ms). */
  spoolRetryMs: number;
  /** Days an uninstalled workspace's data is kept, in case it is installed again. */
  uninstallRetentionDays: number;
  /** The optional AI partner's endpoint; unset (the default) means nothing is ever sent to a model. */
  ai: AiEndpoint | undefined;
}

/** An OpenAI-compatible Chat Completions endpoint: a local Ollama, vLLM or llama.cpp server, or a hosted one. */
export interface AiEndpoint {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  /** How long one request may take before the flow goes on without its draft (ms). */
  timeoutMs: number;
}

/** What distribution mode needs: the app's OAuth credentials and the keys tokens are encrypted under. */
export interface Distribution {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The app's redirect URL, when it has several (Slack uses the only one otherwise). */
  redirectUri: string | undefined;
  /** 32-byte keys: the first encrypts, every one decrypts (the others are kept while `npm run rekey` runs). */
  encryptionKeys: readonly Buffer[];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Learnloop cannot start: ${problems.length === 1 ? 'one setting needs' : `${problems.length} settings need`} attention.\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet them in the environment or in a .env file (see .env.example).',
    );
    this.name = 'ConfigError';
  }
}

const BOT_TOKEN_HELP = 'find it under OAuth & Permissions → Bot User OAuth Token in your Slack app settings';
const APP_TOKEN_HELP = 'create one under Basic Information → App-Level Tokens with the connections:write scope';
const SIGNING_HELP = 'find it under Basic Information → App Credentials → Signing Secret';
const CLIENT_HELP = 'find it under Basic Information → App Credentials';
const KEY_HELP = 'generate one with `openssl rand -base64 32`';

function isKey(value: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

// The values .env.example ships with: a copied file that was never filled in.
const PLACEHOLDERS = new Set(['xoxb-your-bot-token', 'xapp-your-app-token']);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

// Messages never echo the value: a mistyped secret must not end up in a terminal log.
const schema = z
  .object({
    SLACK_BOT_TOKEN: optionalText
      .refine((v) => v === undefined || v.startsWith('xoxb-'), `SLACK_BOT_TOKEN must be a bot token starting with xoxb-: ${BOT_TOKEN_HELP}.`)
      .refine((v) => v === undefined || !PLACEHOLDERS.has(v), `SLACK_BOT_TOKEN is still the placeholder from .env.example: ${BOT_TOKEN_HELP}.`),
    SLACK_CLIENT_ID: optionalText.refine((v) => v === undefined || /^\d+\.\d+$/.test(v), `SLACK_CLIENT_ID must look like 1234567890.1234567890: ${CLIENT_HELP}.`),
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText.refine((v) => v === undefined || v.length >= 16, 'SLACK_STATE_SECRET must be at least 16 characters: any long random string, e.g. from `openssl rand -hex 32`.'),
    SLACK_REDIRECT_URI: optionalText.refine(
      (v) => v === undefined || /^https:\/\/[^\s]+\/slack\/oauth_redirect$/.test(v) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/slack\/oauth_redirect$/.test(v),
      'SLACK_REDIRECT_URI must be your https address ending in /slack/oauth_redirect, e.g. https://learnloop.example.com/slack/oauth_redirect.',
    ),
    LEARNLOOP_ENCRYPTION_KEY: optionalText.refine((v) => v === undefined || isKey(v), `LEARNLOOP_ENCRYPTION_KEY must be 32 bytes in base64: ${KEY_HELP}.`),
    LEARNLOOP_PREVIOUS_ENCRYPTION_KEYS: optionalText.refine(
      (v) => v === undefined || v.split(/[\s,]+/).filter(Boolean).every(isKey),
      `LEARNLOOP_PREVIOUS_ENCRYPTION_KEYS must be comma-separated 32-byte base64 keys (the ones tokens were encrypted under before): ${KEY_HELP}.`,
    ),
    LEARNLOOP_UNINSTALL_RETENTION_DAYS: optionalText.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 0 && Number(v) <= 3650),
      'LEARNLOOP_UNINSTALL_RETENTION_DAYS must be a number of days from 0 to 3650, e.g. 30.',
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText
      .refine((v) => v === undefined || v.startsWith('xapp-'), `SLACK_APP_TOKEN must be an app-level token starting with xapp-: ${APP_TOKEN_HELP}.`)
      .refine(
        (v) => v === undefined || !PLACEHOLDERS.has(v),
        `SLACK_APP_TOKEN is still the placeholder from .env.example: ${APP_TOKEN_HELP}, or leave it empty to use HTTP mode.`,
      ),
    SLACK_API_URL: optionalText.refine(
      (v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v),
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/.',
    ),
    PORT: optionalText.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 0 && Number(v) <= 65535),
      'PORT must be a port number from 0 to 65535, e.g. 3000.',
    ),
    DATABASE_URL: optionalText.refine(
      (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@localhost:5432/learnloop (or leave it unset to use the embedded database).',
    ),
    DATA_DIR: optionalText,
    LOG_LEVEL: optionalText.refine(
      (v) => v === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v.toLowerCase()),
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.',
    ),
    LEARNLOOP_ADMINS: optionalText.refine(
      (v) => v === undefined || v.split(/[\s,]+/).filter(Boolean).every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)),
      'LEARNLOOP_ADMINS must be a comma-separated list of Slack user ids such as U0123ABCD,U0456EFGH (profile → ⋮ → Copy member ID).',
    ),
    LEARNLOOP_SCHEDULER: optionalText.refine(
      (v) => v === undefined || ['on', 'off'].includes(v.toLowerCase()),
      'LEARNLOOP_SCHEDULER must be on or off.',
    ),
    LEARNLOOP_SPOOL_RETRY_MS: optionalText.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 10 && Number(v) <= 600_000),
      'LEARNLOOP_SPOOL_RETRY_MS must be a number of milliseconds from 10 to 600000, e.g. 5000.',
    ),
    LEARNLOOP_AI_BASE_URL: optionalText.refine(
      (v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v),
      'LEARNLOOP_AI_BASE_URL must be the http(s) address of an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for a local Ollama.',
    ),
    LEARNLOOP_AI_MODEL: optionalText,
    LEARNLOOP_AI_API_KEY: optionalText,
    LEARNLOOP_AI_TIMEOUT_MS: optionalText.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 100 && Number(v) <= 120_000),
      'LEARNLOOP_AI_TIMEOUT_MS must be a number of milliseconds from 100 to 120000, e.g. 20000.',
    ),
  });

const NAMES = Object.keys(schema.shape);

// Checked apart from the schema: zod skips an object's refinements once a field fails, so with no
// environment at all only SLACK_BOT_TOKEN would be named and this rule would wait for the next run.
const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';
const OAUTH_NAMES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Distribution mode: OAuth credentials and no bot token (both together are refused, see modeProblems). */
function isDistribution(env: NodeJS.ProcessEnv): boolean {
  return blank(env.SLACK_BOT_TOKEN) && OAUTH_NAMES.some((name) => !blank(env[name]));
}

function modeProblems(env: NodeJS.ProcessEnv): { name: string; message: string }[] {
  const oauthSet = OAUTH_NAMES.filter((name) => !blank(env[name]));
  if (!blank(env.SLACK_BOT_TOKEN) && oauthSet.length > 0) {
    return [
      {
        name: 'SLACK_BOT_TOKEN',
        message: `SLACK_BOT_TOKEN and ${oauthSet.join(', ')} are both set: remove ${oauthSet.join(', ')} to serve one workspace with the bot token, or remove SLACK_BOT_TOKEN to install Learnloop into many workspaces through OAuth.`,
      },
    ];
  }
  if (!isDistribution(env)) {
    const problems = blank(env.SLACK_BOT_TOKEN) ? [{ name: 'SLACK_BOT_TOKEN', message: `SLACK_BOT_TOKEN is missing: ${BOT_TOKEN_HELP}.` }] : [];
    if (blank(env.SLACK_APP_TOKEN) && blank(env.SLACK_SIGNING_SECRET)) {
      problems.push({
        name: 'SLACK_SIGNING_SECRET',
        message: `SLACK_SIGNING_SECRET is missing (needed in HTTP mode): ${SIGNING_HELP}. Or set SLACK_APP_TOKEN to use Socket Mode: ${APP_TOKEN_HELP}.`,
      });
    }
    return problems;
  }
  const problems: { name: string; message: string }[] = OAUTH_NAMES.filter((name) => blank(env[name])).map((name) => ({
    name,
    message: `${name} is missing (distribution mode needs ${OAUTH_NAMES.join(', ')}): ${name === 'SLACK_STATE_SECRET' ? 'any long random string, e.g. from `openssl rand -hex 32`' : CLIENT_HELP}.`,
  }));
  if (blank(env.LEARNLOOP_ENCRYPTION_KEY)) {
    problems.push({ name: 'LEARNLOOP_ENCRYPTION_KEY', message: `LEARNLOOP_ENCRYPTION_KEY is missing (distribution mode encrypts every token under it): ${KEY_HELP}.` });
  }
  if (blank(env.SLACK_SIGNING_SECRET)) {
    problems.push({ name: 'SLACK_SIGNING_SECRET', message: `SLACK_SIGNING_SECRET is missing (distribution mode answers Slack over HTTP): ${SIGNING_HELP}.` });
  }
  if (!blank(env.SLACK_APP_TOKEN)) {
    problems.push({ name: 'SLACK_APP_TOKEN', message: 'SLACK_APP_TOKEN must be removed in distribution mode: installs and requests come over HTTP (/slack/install, /slack/oauth_redirect, /slack/events).' });
  }
  return problems;
}

/** The AI partner needs its endpoint and its model together; a key or a timeout alone is a mistake. */
function aiProblems(env: NodeJS.ProcessEnv): { name: string; message: string }[] {
  if (blank(env.LEARNLOOP_AI_BASE_URL) && !blank(env.LEARNLOOP_AI_MODEL)) {
    return [{ name: 'LEARNLOOP_AI_BASE_URL', message: 'LEARNLOOP_AI_BASE_URL is missing (LEARNLOOP_AI_MODEL is set): the address of an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1, or remove LEARNLOOP_AI_MODEL to leave the AI partner off.' }];
  }
  if (!blank(env.LEARNLOOP_AI_BASE_URL) && blank(env.LEARNLOOP_AI_MODEL)) {
    return [{ name: 'LEARNLOOP_AI_MODEL', message: 'LEARNLOOP_AI_MODEL is missing (LEARNLOOP_AI_BASE_URL is set): the model to ask, e.g. llama3.1:8b.' }];
  }
  return [];
}

/** Parses the environment into a frozen Config, or throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  const issues = (parsed.error?.issues ?? []).map((issue) => ({ name: String(issue.path[0]), message: issue.message }));
  const mode = [...modeProblems(env), ...aiProblems(env)];
  issues.push(...mode);
  if (!parsed.success || mode.length > 0) {
    // In the order of the schema (and of .env.example), whichever check found them.
    issues.sort((a, b) => NAMES.indexOf(a.name) - NAMES.indexOf(b.name));
    throw new ConfigError([...new Set(issues.map((issue) => issue.message))]);
  }
  const e = parsed.data;
  return Object.freeze({
    slackBotToken: e.SLACK_BOT_TOKEN,
    distribution: isDistribution(env) ? distributionOf(e) : undefined,
    slackSigningSecret: e.SLACK_SIGNING_SECRET,
    slackAppToken: e.SLACK_APP_TOKEN,
    slackApiUrl: e.SLACK_API_URL === undefined ? undefined : e.SLACK_API_URL.replace(/\/?$/, '/'),
    socketMode: e.SLACK_APP_TOKEN !== undefined,
    port: e.PORT === undefined ? 3000 : Number(e.PORT),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR ?? './data',
    logLevel: (e.LOG_LEVEL?.toLowerCase() ?? 'info') as Config['logLevel'],
    admins: Object.freeze((e.LEARNLOOP_ADMINS ?? '').split(/[\s,]+/).filter(Boolean)),
    schedulerEnabled: (e.LEARNLOOP_SCHEDULER ?? 'on').toLowerCase() === 'on',
    spoolRetryMs: e.LEARNLOOP_SPOOL_RETRY_MS === undefined ? 5_000 : Number(e.LEARNLOOP_SPOOL_RETRY_MS),
    uninstallRetentionDays: e.LEARNLOOP_UNINSTALL_RETENTION_DAYS === undefined ? 30 : Number(e.LEARNLOOP_UNINSTALL_RETENTION_DAYS),
    ai:
      e.LEARNLOOP_AI_BASE_URL === undefined || e.LEARNLOOP_AI_MODEL === undefined
        ? undefined
        : Object.freeze({
            baseUrl: e.LEARNLOOP_AI_BASE_URL,
            model: e.LEARNLOOP_AI_MODEL,
            apiKey: e.LEARNLOOP_AI_API_KEY,
            timeoutMs: e.LEARNLOOP_AI_TIMEOUT_MS === undefined ? 20_000 : Number(e.LEARNLOOP_AI_TIMEOUT_MS),
          }),
  });
}

function distributionOf(e: z.infer<typeof schema>): Distribution {
  const keys = [e.LEARNLOOP_ENCRYPTION_KEY ?? '', ...(e.LEARNLOOP_PREVIOUS_ENCRYPTION_KEYS ?? '').split(/[\s,]+/).filter(Boolean)];
  return Object.freeze({
    clientId: e.SLACK_CLIENT_ID ?? '',
    clientSecret: e.SLACK_CLIENT_SECRET ?? '',
    stateSecret: e.SLACK_STATE_SECRET ?? '',
    redirectUri: e.SLACK_REDIRECT_URI,
    encryptionKeys: Object.freeze(keys.map((key) => Buffer.from(key, 'base64'))),
  });
}
