import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { chartRendererWorker, renderPng, stopChartRenderer } from '../../../src/platform/chart/chart';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// A chart with plenty of text and shapes, so a render takes a noticeable while.
const bigSvg = (): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">${Array.from({ length: 400 }, (_, i) => `<text x="${(i * 37) % 1500}" y="${20 + ((i * 53) % 1150)}" font-family="DejaVu Sans" font-size="14">learning ${i}</text><circle cx="${(i * 41) % 1600}" cy="${(i * 29) % 1200}" r="9" fill="#3b82f6"/>`).join('')}</svg>`;

describe('the chart renderer', () => {
  afterAll(() => stopChartRenderer());

  it('renders an SVG to a PNG', async () => {
    const png = await renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#f00"/></svg>');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR: width and height, big-endian, right after the signature and chunk header.
    expect(png.readUInt32BE(16)).toBe(40);
    expect(png.readUInt32BE(20)).toBe(20);
  });

  it('renders in a worker thread, not on the main one', async () => {
    await renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const worker = chartRendererWorker();
    expect(worker).toBeDefined();
    expect(worker!.threadId).not.toBe(threadId);
  });

  it('keeps the main thread free while it renders', async () => {
    await renderPng(bigSvg()); // warm: the wasm and the font are loaded
    let ticks = 0;
    let longestGapMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      ticks += 1;
    }, 1);
    const started = performance.now();
    await Promise.all([renderPng(bigSvg()), renderPng(bigSvg()), renderPng(bigSvg())]);
    const renderMs = performance.now() - started;
    clearInterval(ticker);
    // The timer kept firing through the renders: no single block of the loop as long as the renders took.
    expect(ticks).toBeGreaterThan(3);
    expect(longestGapMs).toBeLessThan(renderMs);
  });

  it('fails the renders in flight when the renderer stops, and starts a new one for the next', async () => {
    const inFlight = renderPng(bigSvg());
    await stopChartRenderer();
    await expect(inFlight).rejects.toThrow(/renderer stopped/);
    const png = await renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('fails the renders in flight when the renderer crashes, and a render started right away gets a new one', async () => {
    await renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const crashed = chartRendererWorker()!;
    // A message the worker cannot read throws outside its try: the unhandled rejection ends the thread
    // before it reaches the render queued behind it.
    crashed.postMessage(null);
    const inFlight = renderPng(bigSvg());
    // Started as soon as the crash is reported, before the crashed worker's late 'exit' event.
    const next = inFlight.then(
      () => undefined,
      (error: Error) => ({ error, png: renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="12" height="10"/>') }),
    );
    const after = await next;
    expect(after?.error.message).toMatch(/renderer crashed/);
    const png = await after!.png;
    expect(png.readUInt32BE(16)).toBe(12);
    expect(chartRendererWorker()).not.toBe(crashed);
  });
});

/** The built module (`npm test` builds dist first), in a process of its own. */
const DIST_CHART = resolve(__dirname, '..', '..', '..', 'dist', 'src', 'platform', 'chart', 'chart.js');

describe('the chart renderer in a process of its own', () => {
  it('delivers a render that is the only work left, then lets the process exit without being stopped', async () => {
    if (!existsSync(DIST_CHART)) throw new Error('dist/src/platform/chart/chart.js is missing: run `npm run build` (npm test does) first');
    const script = `require(${JSON.stringify(DIST_CHART)}).renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"/>').then((png) => console.log('width', png.readUInt32BE(16)));`;
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = execFile(process.execPath, ['-e', script], { timeout: 15_000 }, (_error, out) => done({ code: child.exitCode, stdout: out }));
    });
    expect(stdout.trim()).toBe('width 30');
    expect(code).toBe(0);
  });
});
