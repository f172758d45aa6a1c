import { Worker } from 'node:worker_threads';

/** The one font the renderer has (DejaVu Sans ships with Learnloop): charts name it as their font-family. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

// Rendering a PNG with resvg-wasm takes 17–90 ms (about 200 ms the first time, loading the wasm and the
// font): on the main thread that would hold up every Slack answer waiting behind it. It runs in one
// worker thread per process instead. The worker's code is plain JavaScript given as a string, so it runs
// the same under ts-jest and from dist/.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { Resvg, initWasm } = require(${JSON.stringify(require.resolve('@resvg/resvg-wasm'))});
const ready = (async () => {
  await initWasm(readFileSync(${JSON.stringify(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))}));
  return readFileSync(${JSON.stringify(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))});
})();
parentPort.on('message', async ({ id, svg, family }) => {
  try {
    const font = await ready;
    const resvg = new Resvg(svg, { font: { fontBuffers: [font], defaultFontFamily: family, loadSystemFonts: false }, background: '#ffffff' });
    const image = resvg.render();
    const png = image.asPng();
    image.free && image.free();
    resvg.free && resvg.free();
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

// A render takes well under a second; one still running after this is stuck, and its worker is replaced.
const RENDER_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(png: Buffer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** A worker and the renders it owes: a late 'exit' of a replaced worker fails only its own renders. */
interface Renderer {
  worker: Worker;
  pending: Map<number, Pending>;
}

let current: Renderer | undefined;
let nextId = 0;

function retire(renderer: Renderer, error: Error): void {
  if (current === renderer) current = undefined;
  for (const [id, waiting] of renderer.pending) {
    clearTimeout(waiting.timer);
    renderer.pending.delete(id);
    waiting.reject(error);
  }
  // Idle now: it must not hold the process open while it exits.
  renderer.worker.unref();
}

function settle(renderer: Renderer, id: number): Pending | undefined {
  const waiting = renderer.pending.get(id);
  if (!waiting) return undefined;
  renderer.pending.delete(id);
  clearTimeout(waiting.timer);
  if (renderer.pending.size === 0) renderer.worker.unref();
  return waiting;
}

function chartRenderer(): Renderer {
  if (current) return current;
  const renderer: Renderer = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map() };
  renderer.worker.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
    const waiting = settle(renderer, message.id);
    if (!waiting) return;
    if (message.png) waiting.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
    else waiting.reject(new Error(`the chart could not be rendered: ${message.error ?? 'unknown error'}`));
  });
  renderer.worker.on('error', (error) => retire(renderer, new Error(`the chart renderer crashed: ${error.message}`)));
  renderer.worker.on('exit', (code) => retire(renderer, new Error(`the chart renderer stopped (exit code ${code})`)));
  // Referenced only while a render is in flight (see renderPng): an idle renderer never keeps a process or
  // a test run alive, and a busy one is not cut off when it is the only work left. unref() must come after
  // the 'message' listener, which refs the worker's port again.
  renderer.worker.unref();
  current = renderer;
  return renderer;
}

/** Renders an SVG (e.g. the digest's chart) to PNG bytes, off the main thread. */
export function renderPng(svg: string): Promise<Buffer> {
  const renderer = chartRenderer();
  const id = ++nextId;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A stuck render would hold up every render queued behind it: the worker goes, the next render starts a new one.
      const waiting = settle(renderer, id);
      retire(renderer, new Error('the chart renderer was restarted after a render timed out'));
      void renderer.worker.terminate();
      waiting?.reject(new Error(`the chart took longer than ${RENDER_TIMEOUT_MS / 1000} s to render`));
    }, RENDER_TIMEOUT_MS);
    timer.unref();
    renderer.pending.set(id, { resolve, reject, timer });
    renderer.worker.ref();
    renderer.worker.postMessage({ id, svg, family: CHART_FONT_FAMILY });
  });
}

/** Stops the renderer (at shutdown); the next render starts a new one. */
export async function stopChartRenderer(): Promise<void> {
  const running = current;
  current = undefined;
  await running?.worker.terminate();
}

/** The renderer's worker, if one is running: for tests (its threadId, a crash). */
export function chartRendererWorker(): Worker | undefined {
  return current?.worker;
}
