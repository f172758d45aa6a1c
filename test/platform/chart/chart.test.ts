import { renderPng, stopChartRenderer } from '../../../src/platform/chart/chart';

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
});
