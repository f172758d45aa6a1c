import { CHART_FONT_FAMILY } from '../../platform/chart/chart';

const WIDTH = 600;
const HEIGHT = 240;
const PAD = { left: 40, right: 20, top: 40, bottom: 40 };
const BAR = '#5b9e6f';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "My growth"'s small chart: evidence per week over the last 12 weeks, oldest on the left. */
export function growthChartSvg(weekly: readonly number[], title = 'Your evidence per week, last 12 weeks'): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(1, ...weekly);
  const slot = plotW / Math.max(1, weekly.length);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" font-size="16" text-anchor="middle" fill="#222">${esc(title)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#444"/>`,
  ];
  weekly.forEach((count, i) => {
    const h = (count / max) * plotH;
    const x = PAD.left + slot * i + slot * 0.2;
    parts.push(`<rect class="week" x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${h.toFixed(1)}" fill="${BAR}"/>`);
    if (count > 0) parts.push(`<text x="${(x + slot * 0.3).toFixed(1)}" y="${(PAD.top + plotH - h - 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="#333">${count}</text>`);
  });
  parts.push(`<text x="${PAD.left}" y="${HEIGHT - 12}" font-size="11" fill="#444">12 weeks ago</text>`);
  parts.push(`<text x="${PAD.left + plotW}" y="${HEIGHT - 12}" font-size="11" text-anchor="end" fill="#444">this week</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The chart in words (alt text). */
export function growthChartAltText(weekly: readonly number[]): string {
  return `Evidence per week over the last ${weekly.length} weeks, oldest first: ${weekly.join(', ')}.`;
}
