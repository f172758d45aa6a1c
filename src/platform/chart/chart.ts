import { readFileSync } from 'node:fs';

/** The one font the renderer has (DejaVu Sans ships with Learnloop): charts name it as their font-family. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

// resvg-wasm has no system fonts: text needs a font buffer, loaded once with the wasm module.
let ready: Promise<{ Resvg: ResvgClass; font: Uint8Array }> | undefined;

type ResvgClass = new (svg: string, options: Record<string, unknown>) => { render(): { asPng(): Uint8Array; free?(): void }; free?(): void };

function load(): Promise<{ Resvg: ResvgClass; font: Uint8Array }> {
  ready ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Resvg, initWasm } = require('@resvg/resvg-wasm') as { Resvg: ResvgClass; initWasm(module: Uint8Array): Promise<void> };
    await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    const font = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    return { Resvg, font };
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

/** Renders an SVG (e.g. the digest's chart) to PNG bytes, in-process. */
export async function renderPng(svg: string): Promise<Buffer> {
  const { Resvg, font } = await load();
  const resvg = new Resvg(svg, { font: { fontBuffers: [font], defaultFontFamily: CHART_FONT_FAMILY, loadSystemFonts: false }, background: '#ffffff' });
  const image = resvg.render();
  const png = Buffer.from(image.asPng());
  image.free?.();
  resvg.free?.();
  return png;
}
