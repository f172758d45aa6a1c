#!/usr/bin/env node
// The Docker build, without Docker (the CI machine has no engine): reads the Dockerfile, copies
// exactly what the build stage COPYs (minus what .dockerignore leaves out) into an empty folder, runs
// its RUN lines there, then assembles the runtime stage's files the same way and starts its CMD. A
// file the build needs but the Dockerfile forgets to copy fails here as it would in `docker build`.
//
// Run on its own: `node .ci/docker-context.js` (about a minute; npm reuses its cache).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const say = (message) => console.log(`ci/docker: ${message}`);
function fail(message) {
  console.error(`ci/docker: FAILED: ${message}`);
  process.exit(1);
}

/** The Dockerfile's instructions by stage: continuation lines joined, comments dropped. */
function readStages(text) {
  const stages = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line);
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    if (instruction.keyword === 'FROM') stages.push({ from: rest, name: /\bAS\s+(\S+)/i.exec(rest)?.[1], instructions: [] });
    else if (stages.length === 0) fail(`${keyword} before the first FROM`);
    else stages[stages.length - 1].instructions.push(instruction);
  }
  return stages;
}

/** .dockerignore as Docker reads it: the last matching pattern wins, `!` re-includes, a directory covers its contents. */
function readDockerignore() {
  const file = path.join(ROOT, '.dockerignore');
  if (!fs.existsSync(file)) return () => false;
  const rules = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = path.posix.normalize((negate ? line.slice(1) : line).replace(/^\/+/, ''));
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) => (part === '**' || part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { negate, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (relative) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(relative)) ignored = !rule.negate;
    return ignored;
  };
}

/** The source and destination words of a COPY, and its --from stage if any. */
function parseCopy(args) {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const rest = words.filter((w) => !w.startsWith('--'));
  if (rest[0]?.startsWith('[')) fail(`COPY in JSON form is not supported here: COPY ${args}`);
  if (rest.length < 2) fail(`COPY needs a source and a destination: COPY ${args}`);
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: rest.slice(0, -1), destination: rest[rest.length - 1] };
}

/** Where a COPY destination lands inside `dir`, whose root stands for the stage's WORKDIR. */
function target(dir, workdir, destination, sourceName, many) {
  const absolute = path.posix.resolve(workdir, destination);
  const inside = path.join(dir, path.posix.relative(workdir, absolute));
  if (!inside.startsWith(dir)) fail(`COPY destination ${destination} is outside the WORKDIR ${workdir}`);
  return many || destination.endsWith('/') ? path.join(inside, sourceName) : inside;
}

/** Copies from the build context as Docker would: what .dockerignore leaves out is not there. */
function copyFromContext(ignored, source, destination) {
  const relative = path.posix.normalize(source.replace(/^\.\//, ''));
  const absolute = path.join(ROOT, relative);
  if (!fs.existsSync(absolute) || ignored(relative)) fail(`COPY ${source}: not in the build context${fs.existsSync(absolute) ? ' (.dockerignore leaves it out)' : ''}`);
  fs.cpSync(absolute, destination, {
    recursive: true,
    filter: (file) => !ignored(path.relative(ROOT, file).split(path.sep).join('/')) || file === absolute,
  });
}

function run(command, cwd, env, timeoutMs) {
  say(`RUN ${command}`);
  const result = spawnSync('sh', ['-c', command], { cwd, env, stdio: 'inherit', timeout: timeoutMs });
  if (result.status !== 0) fail(`RUN ${command} exited with ${result.status ?? result.signal}`);
}

function main() {
  const started = Date.now();
  const stages = readStages(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  if (stages.length !== 2) fail(`expected a build stage and a runtime stage, found ${stages.length} FROM lines`);
  const [build, runtime] = stages;
  const ignored = readDockerignore();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'learnloop-docker-'));
  const buildDir = path.join(work, 'build');
  const runtimeDir = path.join(work, 'runtime');
  fs.mkdirSync(buildDir);
  fs.mkdirSync(runtimeDir);
  // The machine's npm cache, as a Docker layer cache would spare the download; never the repository's node_modules.
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? os.homedir(), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
  try {
    say(`build stage (${build.from}) in a folder with only what it COPYs`);
    let workdir = '/';
    let env = { ...baseEnv };
    for (const { keyword, args } of build.instructions) {
      if (keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, args);
      else if (keyword === 'ENV') env = { ...env, ...parseEnv(args) };
      else if (keyword === 'COPY') {
        const copy = parseCopy(args);
        if (copy.from) fail(`the build stage copies from ${copy.from}; this check knows only the context`);
        for (const source of copy.sources) {
          say(`COPY ${source}`);
          copyFromContext(ignored, source, target(buildDir, workdir, copy.destination, path.basename(source), copy.sources.length > 1));
        }
      } else if (keyword === 'RUN') run(args, buildDir, env, 10 * 60_000);
      else say(`(${keyword} has no effect on the files)`);
    }

    say(`runtime stage (${runtime.from})`);
    let cmd;
    workdir = '/';
    env = { ...baseEnv };
    for (const { keyword, args } of runtime.instructions) {
      if (keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, args);
      else if (keyword === 'ENV') env = { ...env, ...parseEnv(args) };
      else if (keyword === 'CMD') cmd = JSON.parse(args);
      else if (keyword === 'COPY') {
        const copy = parseCopy(args);
        for (const source of copy.sources) {
          const destination = target(runtimeDir, workdir, copy.destination, path.basename(source), copy.sources.length > 1);
          if (copy.from === undefined) copyFromContext(ignored, source, destination);
          else {
            if (copy.from !== build.name) fail(`COPY --from=${copy.from}: no stage of that name`);
            const built = path.join(buildDir, path.posix.relative('/app', source));
            if (!fs.existsSync(built)) fail(`COPY --from=${copy.from} ${source}: the build stage did not make it`);
            fs.renameSync(built, destination);
          }
        }
      }
    }
    if (!Array.isArray(cmd)) fail('the runtime stage has no CMD in JSON form');

    // What ships: the app, its migrations and production dependencies; no benchmarks, tests or compilers.
    for (const absent of ['dist/bench', 'dist/test', 'src', 'bench', 'test', 'node_modules/typescript', 'node_modules/jest']) {
      if (fs.existsSync(path.join(runtimeDir, absent))) fail(`the runtime image would ship ${absent}`);
    }
    const entry = cmd.find((word) => word.endsWith('.js'));
    if (!entry || !fs.existsSync(path.join(runtimeDir, entry))) fail(`CMD ${JSON.stringify(cmd)}: ${entry ?? 'no script'} is not in the image`);

    // Start the CMD with no Slack settings: it loads every module (so a dependency pruned by mistake
    // fails here) and stops at the configuration check with its one message.
    const dataDir = path.join(work, 'data');
    say(`CMD ${cmd.join(' ')} with no Slack settings`);
    const smoke = spawnSync(cmd[0], cmd.slice(1), { cwd: runtimeDir, env: { ...env, PATH: process.env.PATH, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    const output = `${smoke.stdout ?? ''}${smoke.stderr ?? ''}`;
    if (smoke.status !== 1 || !output.includes('SLACK_BOT_TOKEN')) fail(`expected the configuration message naming SLACK_BOT_TOKEN and exit 1; got ${smoke.status ?? smoke.signal}:\n${output}`);
    say(`ok in ${Math.round((Date.now() - started) / 1000)} s: the image's build context builds and its CMD starts`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `ENV A=1 B=2` (the only form used here). */
function parseEnv(args) {
  const env = {};
  for (const pair of args.split(/\s+/)) {
    const at = pair.indexOf('=');
    if (at < 1) fail(`ENV ${args}: use the KEY=value form`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

main();
