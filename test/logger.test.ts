import { createLogger, readableLine } from '../src/logger';

/** An output that records what the logger wrote, as a terminal (isTTY) or as a pipe or file. */
function output(isTTY: boolean): { isTTY: boolean; lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { isTTY, lines, write: (line: string) => void lines.push(line) };
}

describe('log format', () => {
  it('writes JSON lines when the output is not a terminal (log collectors, docker logs)', () => {
    const out = output(false);
    createLogger('info', out).info({ teamId: 'T0TEAM1', port: 3000 }, 'Learnloop is running');
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ level: 30, app: 'learnloop', teamId: 'T0TEAM1', port: 3000, msg: 'Learnloop is running' });
  });

  it('writes one readable line per entry when the output is a terminal', () => {
    const out = output(true);
    const logger = createLogger('info', out);
    logger.info({ teamId: 'T0TEAM1', mode: 'http', port: 3000 }, 'Learnloop is running');
    logger.debug('not at this level');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO  Learnloop is running teamId=T0TEAM1 mode=http port=3000\n$/);
  });

  it('colours warnings and errors and shows an error’s stack under its line', () => {
    const out = output(true);
    const logger = createLogger('info', out);
    logger.warn({ attempt: 2, problem: 'HTTP 500' }, 'Socket Mode connection failed; retrying');
    logger.error({ err: new Error('connection refused'), jobName: 'digest' }, 'job failed');
    expect(out.lines[0]).toContain('\x1b[33mWARN \x1b[0m Socket Mode connection failed; retrying attempt=2 problem="HTTP 500"');
    const [first, ...stack] = out.lines[1]!.trimEnd().split('\n');
    expect(first).toContain('\x1b[31mERROR\x1b[0m job failed jobName=digest');
    expect(stack[0]).toBe('    Error: connection refused');
    expect(stack.slice(1).every((line) => line.startsWith('        at ') || line.startsWith('    '))).toBe(true);
  });

  it('redacts Slack tokens in readable lines as in JSON ones', () => {
    const out = output(true);
    createLogger('info', out).warn({ token: 'xoxb-1-2-secret', teamId: 'T0TEAM1' }, 'Slack refused xapp-1-A0-2-secret');
    expect(out.lines[0]).not.toContain('secret');
    expect(out.lines[0]).toContain('Slack refused xapp-[redacted] token=[redacted] teamId=T0TEAM1');
  });

  it('redacts rotating tokens, refresh tokens and OAuth secrets', () => {
    const out = output(false);
    const logger = createLogger('info', out);
    logger.warn({ clientSecret: 'client-secret-value', refresh_token: 'xoxe-1-refresh-secret-value', code: 'oauth-code-value' }, 'refresh of xoxe.xoxb-1-rotating-secret-value with xoxe-1-another-secret-value failed');
    logger.error({ err: new Error('Slack refused xoxe-1-in-an-error-secret-value') }, 'refresh failed');
    expect(out.lines.join('')).not.toMatch(/secret-value|oauth-code-value/);
  });

  it('passes a line through unchanged when it is not JSON', () => {
    expect(readableLine('plain text\n')).toBe('plain text\n');
  });
});
