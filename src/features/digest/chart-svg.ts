import { CHART_FONT_FAMILY } from '../../platform/chart/chart';
import type { WeekPoint } from './rules';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

const PAD = { left: 60, right: 60, top: 50, bottom: 60 };
const BAR = '#7aa6d8';
const LINE = '#d9622b';
const MUTED = '#b8b8b8';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "Nov 20" from a UTC instant (chart labels only). */
function shortDate(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

/**
 * The digest chart: replies per week as bars (left axis) and participation rate as a line (right
 * axis, 0–100 %). Suppressed weeks (too few people) get a grey "<N" marker instead of a value.
 */
export function digestChartSvg(weeks: readonly WeekPoint[], title = 'Replies and participation, last 8 weeks'): string {
  const plotW = CHART_WIDTH - PAD.left - PAD.right;
  const plotH = CHART_HEIGHT - PAD.top - PAD.bottom;
  const maxReplies = Math.max(1, ...weeks.map((w) => (w.replies.kind === 'value' ? w.replies.value : 0)));
  const slot = plotW / Math.max(1, weeks.length);
  const barW = slot * 0.6;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    `<text x="${CHART_WIDTH / 2}" y="28" font-size="18" text-anchor="middle" fill="#222">${esc(title)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#444"/>`,
    `<text x="${PAD.left - 8}" y="${PAD.top + 4}" font-size="12" text-anchor="end" fill="${BAR}">${maxReplies}</text>`,
    `<text x="${PAD.left - 8}" y="${PAD.top + plotH}" font-size="12" text-anchor="end" fill="${BAR}">0</text>`,
    `<text x="${PAD.left + plotW + 8}" y="${PAD.top + 4}" font-size="12" fill="${LINE}">100%</text>`,
    `<text x="${PAD.left + plotW + 8}" y="${PAD.top + plotH}" font-size="12" fill="${LINE}">0%</text>`,
  ];
  const points: string[] = [];
  weeks.forEach((week, i) => {
    const cx = PAD.left + slot * i + slot / 2;
    parts.push(`<g class="week" data-week="${i}">`);
    if (week.replies.kind === 'value') {
      const h = (week.replies.value / maxReplies) * plotH;
      parts.push(`<rect x="${(cx - barW / 2).toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${BAR}"/>`);
      parts.push(`<text x="${cx.toFixed(1)}" y="${(PAD.top + plotH - h - 6).toFixed(1)}" font-size="12" text-anchor="middle" fill="#333">${week.replies.value}</text>`);
    } else {
      parts.push(`<rect x="${(cx - barW / 2).toFixed(1)}" y="${PAD.top + plotH - 4}" width="${barW.toFixed(1)}" height="4" fill="${MUTED}"/>`);
      parts.push(`<text x="${cx.toFixed(1)}" y="${PAD.top + plotH - 10}" font-size="12" text-anchor="middle" fill="#888">&lt;${week.replies.minGroupSize}</text>`);
    }
    parts.push(`<text x="${cx.toFixed(1)}" y="${PAD.top + plotH + 20}" font-size="12" text-anchor="middle" fill="#444">${shortDate(week.weekStart)}</text>`);
    parts.push('</g>');
    if (week.participation.kind === 'value') points.push(`${cx.toFixed(1)},${(PAD.top + plotH - week.participation.value * plotH).toFixed(1)}`);
  });
  if (points.length > 1) parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${LINE}" stroke-width="3"/>`);
  for (const point of points) {
    const [x, y] = point.split(',');
    parts.push(`<circle cx="${x}" cy="${y}" r="4" fill="${LINE}"/>`);
  }
  parts.push(`<rect x="${PAD.left}" y="${CHART_HEIGHT - 24}" width="12" height="12" fill="${BAR}"/>`);
  parts.push(`<text x="${PAD.left + 18}" y="${CHART_HEIGHT - 14}" font-size="12" fill="#333">Replies</text>`);
  parts.push(`<rect x="${PAD.left + 100}" y="${CHART_HEIGHT - 20}" width="12" height="4" fill="${LINE}"/>`);
  parts.push(`<text x="${PAD.left + 118}" y="${CHART_HEIGHT - 14}" font-size="12" fill="#333">Participation rate</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** Slack's limit for a file's alt text, in characters. */
const ALT_TEXT_MAX = 1000;

/**
 * The chart in words, for screen readers (files.uploadV2 `alt_text`): each week's replies and
 * participation, or that too few people replied to show them.
 */
export function digestChartAltText(weeks: readonly WeekPoint[], title = 'Replies and participation, last 8 weeks'): string {
  const week = (w: WeekPoint): string => {
    if (w.replies.kind === 'suppressed') return `week of ${shortDate(w.weekStart)}: fewer than ${w.replies.minGroupSize} people replied`;
    const replies = `${w.replies.value} ${w.replies.value === 1 ? 'reply' : 'replies'}`;
    const participation = w.participation.kind === 'value' ? `${Math.round(w.participation.value * 100)}% took part` : 'participation not shown';
    return `week of ${shortDate(w.weekStart)}: ${replies}, ${participation}`;
  };
  const text = weeks.length === 0 ? `Chart: ${title}. No weeks to show yet.` : `Bar chart with a line: ${title}. ${weeks.map(week).join('; ')}.`;
  return text.length <= ALT_TEXT_MAX ? text : `${text.slice(0, ALT_TEXT_MAX - 1)}…`;
}
