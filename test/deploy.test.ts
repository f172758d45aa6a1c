import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { loadConfig } from '../src/config';

/**
 * The deployment files as Docker would read them (there is no Docker engine here): the mode compose
 * runs in, and the health checks of the image and of compose, run as the commands they are.
 * .ci/docker-context.js checks that the image builds.
 */
const ROOT = join(__dirname, '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

/** The lines of one service in docker-compose.yml, with the service's indentation removed. */
function service(name: string): string[] {
  const lines = compose.split('\n');
  const start = lines.findIndex((line) => line === `  ${name}:`);
  if (start < 0) throw new Error(`docker-compose.yml has no service ${name}`);
  const end = lines.findIndex((line, i) => i > start && /^ {0,2}\S/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.replace(/^ {4}/, ''));
}

/** A `key:` map of the service (one level, scalar values, comments skipped). */
function serviceMap(name: string, key: string): Record<string, string> {
  const lines = service(name);
  const start = lines.indexOf(`${key}:`);
  const map: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!/^ {2}\S/.test(line)) break;
    const match = /^ {2}([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (match) map[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  return start < 0 ? {} : map;
}

/** Runs `node -e script` as a health check would, with this environment only; resolves to the exit code. */
function runCheck(script: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 10_000 });
    child.on('exit', (code) => resolve(code));
  });
}

const imageCheck = (): string => {
  const line = dockerfile.replace(/\\\n\s*/g, '').split('\n').find((l) => l.startsWith('HEALTHCHECK'));
  const script = /node -e "(.*)"$/.exec(line ?? '')?.[1];
  if (!script) throw new Error('the Dockerfile has no HEALTHCHECK running node -e');
  return script;
};

const composeCheck = (): string => {
  const test = service('learnloop').find((line) => line.trim().startsWith('test:'));
  const words = JSON.parse(test?.trim().slice('test:'.length) ?? '[]') as string[];
  expect(words.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
  return words[3]!;
};

describe('deployment', () => {
  let server: Server;
  let port: number;
  let healthy = true;

  beforeAll(async () => {
    server = createServer((req, res) => res.writeHead(req.url === '/healthz' && healthy ? 200 : 503).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs compose in HTTP mode even when .env carries an app token, as .env.example does', () => {
    // .env as a person fills it in from .env.example: the bot token and signing secret set, the app token left.
    const dotEnv = { ...parse(readFileSync(join(ROOT, '.env.example'))), SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'from-your-app-settings', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-abc' };
    const env = { ...dotEnv, ...serviceMap('learnloop', 'environment') };
    expect(env.SLACK_APP_TOKEN).toBe('');
    const config = loadConfig(env);
    expect(config.socketMode).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toMatch(/^postgres:\/\/.*@postgres:5432\//);
  });

  it('restarts both compose services unless they were stopped', () => {
    expect(service('learnloop')).toContain('restart: unless-stopped');
    expect(service('postgres')).toContain('restart: unless-stopped');
  });

  it("compose's health check passes while /healthz answers 200 and fails when it does not", async () => {
    const script = composeCheck().replace('127.0.0.1:3000', `127.0.0.1:${port}`);
    expect(script).not.toBe(composeCheck());
    healthy = true;
    expect(await runCheck(script, {})).toBe(0);
    healthy = false;
    expect(await runCheck(script, {})).toBe(1);
    healthy = true;
  });

  it("the image's health check asks /healthz in HTTP mode and only needs the process in Socket Mode", async () => {
    healthy = true;
    expect(await runCheck(imageCheck(), { PORT: String(port) })).toBe(0);
    healthy = false;
    expect(await runCheck(imageCheck(), { PORT: String(port) })).toBe(1);
    expect(await runCheck(imageCheck(), { PORT: String(port), SLACK_APP_TOKEN: 'xapp-1-A0APP-1-test' })).toBe(0);
    healthy = true;
  });

  it('builds the image on the current Node LTS while package.json still accepts Node 20', () => {
    const froms = dockerfile.split('\n').filter((line) => line.startsWith('FROM '));
    expect(froms.length).toBe(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:24-/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20');
  });

  it('keeps secrets, local data and build output out of the Docker build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', 'data', '.env', 'dist', '.git']) expect(ignored).toContain(entry);
  });
});
