import { z } from 'zod';

/** Everything Learnloop reads from the environment, parsed once. */
export interface Config {
  slackBotToken: string;
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

// The values .env.example ships with: a copied file that was never filled in.
const PLACEHOLDERS = new Set(['xoxb-your-bot-token', 'xapp-your-app-token']);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

// Messages never echo the value: a mistyped secret must not end up in a terminal log.
const schema = z
  .object({
    SLACK_BOT_TOKEN: z
      .string({ error: `SLACK_BOT_TOKEN is missing: ${BOT_TOKEN_HELP}.` })
      .trim()
      .min(1, `SLACK_BOT_TOKEN is missing: ${BOT_TOKEN_HELP}.`)
      .refine((v) => v.startsWith('xoxb-'), `SLACK_BOT_TOKEN must be a bot token starting with xoxb-: ${BOT_TOKEN_HELP}.`)
      .refine((v) => !PLACEHOLDERS.has(v), `SLACK_BOT_TOKEN is still the placeholder from .env.example: ${BOT_TOKEN_HELP}.`),
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
  });

const NAMES = Object.keys(schema.shape);

// Checked apart from the schema: zod skips an object's refinements once a field fails, so with no
// environment at all only SLACK_BOT_TOKEN would be named and this rule would wait for the next run.
function modeProblem(env: NodeJS.ProcessEnv): string | undefined {
  const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';
  if (!blank(env.SLACK_APP_TOKEN) || !blank(env.SLACK_SIGNING_SECRET)) return undefined;
  return `SLACK_SIGNING_SECRET is missing (needed in HTTP mode): ${SIGNING_HELP}. Or set SLACK_APP_TOKEN to use Socket Mode: ${APP_TOKEN_HELP}.`;
}

/** Parses the environment into a frozen Config, or throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  const issues = (parsed.error?.issues ?? []).map((issue) => ({ name: String(issue.path[0]), message: issue.message }));
  const mode = modeProblem(env);
  if (mode !== undefined) issues.push({ name: 'SLACK_SIGNING_SECRET', message: mode });
  if (!parsed.success || mode !== undefined) {
    // In the order of the schema (and of .env.example), whichever check found them.
    issues.sort((a, b) => NAMES.indexOf(a.name) - NAMES.indexOf(b.name));
    throw new ConfigError([...new Set(issues.map((issue) => issue.message))]);
  }
  const e = parsed.data;
  return Object.freeze({
    slackBotToken: e.SLACK_BOT_TOKEN,
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
  });
}
