import pino, { type Logger } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

export type { Logger };

// Slack tokens and anything that looks like one are scrubbed from every line.
const SECRET_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)\b/g;
const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', 'password', 'authorization', 'databaseUrl'];

/** Replaces anything shaped like a Slack token with a placeholder. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (match) => `${match.slice(0, 5)}[redacted]`);
}

/** The one logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'learnloop' },
      redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      serializers: { err: (err: Error) => ({ type: err.name, message: redactSecrets(err.message ?? ''), stack: redactSecrets(err.stack ?? '') }) },
    },
    destination,
  );
}

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

function joinMessage(parts: unknown[]): string {
  return redactSecrets(parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
}

/** Adapts the pino logger to the Logger interface Bolt and the Slack clients expect. */
export function slackLogger(logger: Logger): SlackLogger {
  let child = logger.child({ component: 'bolt' });
  return {
    debug: (...msg) => child.debug(joinMessage(msg)),
    info: (...msg) => child.info(joinMessage(msg)),
    warn: (...msg) => child.warn(joinMessage(msg)),
    error: (...msg) => child.error(joinMessage(msg)),
    setLevel: () => undefined, // the level is ours to set, from LOG_LEVEL
    getLevel: () => (Object.entries(toPino).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
