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

const RENDER_TIMEOUT_MS = 20_000;

interface Pending {
  resolve(png: Buffer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

function chartWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true });
  // An idle renderer never keeps a process (or a test run) alive.
  started.unref();
  started.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.png) waiting.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
    else waiting.reject(new Error(`the chart could not be rendered: ${message.error ?? 'unknown error'}`));
  });
  const fail = (error: Error): void => {
    if (worker === started) worker = undefined;
    for (const [id, waiting] of pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      pending.delete(id);
    }
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the chart renderer stopped (exit code ${code})`)));
  worker = started;
  return started;
}

/** Renders an SVG (e.g. the digest's chart) to PNG bytes, off the main thread. */
export function renderPng(svg: string): Promise<Buffer> {
  const renderer = chartWorker();
  const id = ++nextId;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`the chart took longer than ${RENDER_TIMEOUT_MS / 1000} s to render`));
    }, RENDER_TIMEOUT_MS);
    timer.unref();
    pending.set(id, { resolve, reject, timer });
    renderer.postMessage({ id, svg, family: CHART_FONT_FAMILY });
  });
}

/** Stops the renderer (at shutdown); the next render starts a new one. */
export async function stopChartRenderer(): Promise<void> {
  const running = worker;
  worker = undefined;
  await running?.terminate();
}
