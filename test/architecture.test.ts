import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The rules of the house (README, Architecture): platform/ imports no feature; a feature uses another
 * only through that feature's index.ts; and no two features need each other, directly or round a loop.
 */

const SRC = join(__dirname, '..', 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string {
  const base = normalize(join(dirname(from), spec));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

const files = sourceFiles(SRC);
const imports = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => ({ from: relative(SRC, file), to: relative(SRC, resolveImport(file, m[1]!)) })));
const featureOf = (path: string): string | null => /^features\/([^/]+)\//.exec(path)?.[1] ?? null;

describe('the rules of the house', () => {
  it('finds the code it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.length).toBeGreaterThan(500);
  });

  it('platform/ imports no feature', () => {
    const upward = imports.filter((i) => i.from.startsWith('platform/') && i.to.startsWith('features/'));
    expect(upward.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('a feature uses another feature only through its index.ts', () => {
    const deep = imports.filter((i) => {
      const [from, to] = [featureOf(i.from), featureOf(i.to)];
      return from !== null && to !== null && from !== to && i.to !== `features/${to}/index.ts`;
    });
    expect(deep.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('no feature needs itself back through other features (no cycles)', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      const [from, to] = [featureOf(i.from), featureOf(i.to)];
      if (from && to && from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const walk = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else walk(next, [...path, next]);
      }
    };
    for (const start of edges.keys()) walk(start, [start]);
    expect(cycles).toEqual([]);
  });

  it('nothing below the app imports the wiring above it (app.ts, main.ts)', () => {
    const up = imports.filter((i) => (i.to === 'app.ts' || i.to === 'main.ts') && i.from !== 'main.ts');
    expect(up.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('bench/ imports nothing from test/ (the Docker image builds without test/)', () => {
    const bench = join(__dirname, '..', 'bench');
    const reaching = sourceFiles(bench).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(IMPORT)]
        .map((m) => relative(join(__dirname, '..'), resolveImport(file, m[1]!)))
        .filter((to) => to.startsWith('test/') || to.startsWith('test\\'))
        .map((to) => `${relative(bench, file)} → ${to}`),
    );
    expect(sourceFiles(bench).length).toBeGreaterThan(0);
    expect(reaching).toEqual([]);
  });
});
