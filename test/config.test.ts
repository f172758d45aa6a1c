import { ConfigError, loadConfig } from '../src/config';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh-secret' };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads HTTP mode with defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ socketMode: false, port: 3000, dataDir: './data', databaseUrl: undefined, logLevel: 'info', schedulerEnabled: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('selects Socket Mode when SLACK_APP_TOKEN is set, without a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-2-xyz' });
    expect(config.socketMode).toBe(true);
  });

  it('normalises SLACK_API_URL and LEARNLOOP_ADMINS', () => {
    const config = loadConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9/api', LEARNLOOP_ADMINS: 'U01ABC, U02DEF' });
    expect(config.slackApiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config.admins).toEqual(['U01ABC', 'U02DEF']);
  });

  it('names every bad variable in one message and says where to get it', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', LEARNLOOP_ADMINS: 'alice' });
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'DATABASE_URL', 'LOG_LEVEL', 'LEARNLOOP_ADMINS']) {
      expect(message).toContain(name);
    }
    expect(message).toContain('OAuth & Permissions');
    expect(message).toContain('6 settings need attention');
  });

  it('never prints the value of a secret', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: 'not-a-token-SUPERSECRET', SLACK_APP_TOKEN: 'wrong-APPSECRET' });
    expect(message).not.toContain('SUPERSECRET');
    expect(message).not.toContain('APPSECRET');
    expect(message).toContain('SLACK_APP_TOKEN');
  });

  it('names the bot token and the signing secret or app token together when nothing is set', () => {
    const message = problemsOf({});
    expect(message).toContain('2 settings need attention');
    expect(message).toContain('SLACK_BOT_TOKEN is missing');
    expect(message).toContain('SLACK_SIGNING_SECRET is missing (needed in HTTP mode)');
    expect(message).toContain('Or set SLACK_APP_TOKEN to use Socket Mode');
    expect(message.indexOf('SLACK_BOT_TOKEN')).toBeLessThan(message.indexOf('SLACK_SIGNING_SECRET'));
  });

  it('names the mode rule alongside a bad port and log level, in the order of .env.example', () => {
    const message = problemsOf({ LOG_LEVEL: 'loud', PORT: 'eighty' });
    const order = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'LOG_LEVEL'].map((name) => message.indexOf(`- ${name}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(message).toContain('4 settings need attention');
  });

  it('refuses the placeholders of an .env.example copied without filling it in', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-your-bot-token', SLACK_APP_TOKEN: 'xapp-your-app-token' });
    expect(message).toContain('SLACK_BOT_TOKEN is still the placeholder from .env.example');
    expect(message).toContain('SLACK_APP_TOKEN is still the placeholder from .env.example');
  });

  it('reports a missing bot token', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toContain('SLACK_BOT_TOKEN is missing');
  });

  it('leaves the AI partner off unless an endpoint and a model are both set, with a 20 s timeout by default', () => {
    expect(loadConfig(valid).ai).toBeUndefined();
    expect(loadConfig({ ...valid, LEARNLOOP_AI_BASE_URL: 'http://localhost:11434/v1', LEARNLOOP_AI_MODEL: 'llama3.1:8b' }).ai).toEqual({
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1:8b',
      apiKey: undefined,
      timeoutMs: 20_000,
    });
    expect(problemsOf({ ...valid, LEARNLOOP_AI_BASE_URL: 'http://localhost:11434/v1' })).toContain('LEARNLOOP_AI_MODEL is missing');
    expect(problemsOf({ ...valid, LEARNLOOP_AI_MODEL: 'llama3.1:8b' })).toContain('LEARNLOOP_AI_BASE_URL is missing');
    expect(problemsOf({ ...valid, LEARNLOOP_AI_BASE_URL: 'localhost:11434', LEARNLOOP_AI_MODEL: 'm' })).toContain('http://localhost:11434/v1');
  });

  it('never prints the AI API key', () => {
    const message = problemsOf({ ...valid, LEARNLOOP_AI_BASE_URL: 'nope', LEARNLOOP_AI_MODEL: 'm', LEARNLOOP_AI_API_KEY: 'sk-very-secret-key-123' });
    expect(message).not.toContain('sk-very-secret-key-123');
  });
});
