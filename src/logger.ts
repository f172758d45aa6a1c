import pino, { type Logger } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

export type { Logger };

// Slack tokens and anything that looks like one are scrubbed from every line.
// Rotating tokens are xoxe.xoxb-… and their refresh tokens xoxe-….
const SECRET_PATTERN = /\b(xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)\b/g;
const SECRET_KEYS = [
  'token', 'botToken', 'appToken', 'signingSecret', 'password', 'authorization', 'databaseUrl',
  'clientSecret', 'client_secret', 'stateSecret', 'refreshToken', 'refresh_token', 'encryptionKeys', 'code', 'apiKey',
];

/** Replaces anything shaped like a Slack token with a placeholder. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (match) => `${match.slice(0, 5)}[redacted]`);
}

type Output = pino.DestinationStream & { isTTY?: boolean };

/**
 * The one logger, secrets redacted: JSON lines (for log collectors) unless the output is a terminal,
 * where a person reads them: then one short line each (see readableLine).
 */
export function createLogger(level: string, output?: Output): Logger {
  // Without an output, pino's own stdout writer (synchronous, so the last line before an exit is kept).
  const terminal = (output ?? process.stdout) as Output;
  const destination = terminal.isTTY ? { write: (line: string) => void terminal.write(readableLine(line)) } : output;
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

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 10: '2', 20: '2', 40: '33', 50: '31', 60: '1;31' };
const HIDDEN = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'err']);

/**
 * One pino JSON line as a person reads it: `10:31:02 INFO  Learnloop is running teamId=T1 port=3000`,
 * then an error's stack, indented. Written here rather than with pino-pretty: a few lines, no
 * dependency shipped in the image, no worker thread, and the input is already redacted.
 */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const stack = err?.stack ? `\n    ${err.stack.split('\n').join('\n    ')}` : err?.message ? `\n    ${err.message}` : '';
  const colour = COLOURS[level];
  return `${time} ${colour ? `\x1b[${colour}m${label}\x1b[0m` : label} ${String(entry.msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}${stack}\n`;
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
