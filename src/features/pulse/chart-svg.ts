import { CHART_FONT_FAMILY } from '../../platform/chart/chart';

const WIDTH = 760;
const HEIGHT = 540;
const CENTRE = { x: WIDTH / 2, y: HEIGHT / 2 + 4 };
const RADIUS = 160;
const LABEL_LINE = 24;
const LABEL_LINES = 3;
const CURRENT = '#5b9e6f';
const PREVIOUS = '#9a9a9a';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A statement as up to three short lines, so labels on the left and right stay inside the picture. */
function labelLines(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > LABEL_LINE) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= LABEL_LINES) return lines;
  const kept = lines.slice(0, LABEL_LINES);
  kept[LABEL_LINES - 1] = `${kept[LABEL_LINES - 1]!.slice(0, LABEL_LINE - 1).trimEnd()}…`;
  return kept;
}

/** The point of a 1–5 score on spoke `index` of `count` (1 at the centre, 5 on the rim). */
function point(index: number, count: number, value: number): { x: number; y: number } {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = (RADIUS * (value - 1)) / 4;
  return { x: CENTRE.x + r * Math.cos(angle), y: CENTRE.y + r * Math.sin(angle) };
}

function polygon(values: readonly (number | null)[], colour: string, dashed: boolean, cls: string): string {
  // A statement not shown (too few answered, or not asked then) is left out of the shape, not put at 1.
  const points = values
    .map((value, index) => (value === null ? null : point(index, values.length, value)))
    .filter((p): p is { x: number; y: number } => p !== null)
    .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  return `<polygon class="${cls}" points="${points}" fill="${colour}" fill-opacity="${dashed ? 0.08 : 0.25}" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`;
}

/**
 * The pulse's radar: one spoke per statement, this pulse's averages against the previous pulse's (where
 * it asked the same statement). Only averages shown elsewhere in the post reach it (null otherwise).
 */
export function pulseRadarSvg(statements: readonly string[], current: readonly (number | null)[], previous: readonly (number | null)[] | null): string {
  const count = statements.length;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="26" font-size="16" text-anchor="middle" fill="#222">Team learning pulse (1–5)</text>`,
  ];
  for (const level of [2, 3, 4, 5]) {
    const ring = statements.map((_, index) => point(index, count, level)).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    parts.push(`<polygon points="${ring}" fill="none" stroke="#dddddd"/>`);
  }
  statements.forEach((statement, index) => {
    const rim = point(index, count, 5);
    const label = point(index, count, 5.5);
    const anchor = Math.abs(label.x - CENTRE.x) < 8 ? 'middle' : label.x > CENTRE.x ? 'start' : 'end';
    const lines = labelLines(statement);
    // Above the top spoke the lines grow upwards, below the bottom one downwards, beside it around it.
    const firstY = label.y < CENTRE.y - RADIUS / 2 ? label.y - (lines.length - 1) * 13 : label.y > CENTRE.y + RADIUS / 2 ? label.y + 10 : label.y - ((lines.length - 1) * 13) / 2 + 4;
    parts.push(`<line x1="${CENTRE.x}" y1="${CENTRE.y}" x2="${rim.x.toFixed(1)}" y2="${rim.y.toFixed(1)}" stroke="#cccccc"/>`);
    parts.push(`<text x="${label.x.toFixed(1)}" y="${firstY.toFixed(1)}" font-size="12" text-anchor="${anchor}" fill="#333">${lines.map((line, i) => `<tspan x="${label.x.toFixed(1)}" dy="${i === 0 ? 0 : 13}">${esc(line)}</tspan>`).join('')}</text>`);
  });
  if (previous) parts.push(polygon(previous, PREVIOUS, true, 'previous'));
  parts.push(polygon(current, CURRENT, false, 'current'));
  parts.push(`<rect x="20" y="${HEIGHT - 30}" width="14" height="14" fill="${CURRENT}"/><text x="40" y="${HEIGHT - 18}" font-size="12" fill="#333">This pulse</text>`);
  if (previous) parts.push(`<rect x="140" y="${HEIGHT - 30}" width="14" height="14" fill="${PREVIOUS}"/><text x="160" y="${HEIGHT - 18}" font-size="12" fill="#333">Previous pulse</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The chart in words (files.uploadV2 `alt_text`). */
export function pulseRadarAltText(statements: readonly string[], current: readonly (number | null)[], previous: readonly (number | null)[] | null): string {
  const figure = (value: number | null | undefined) => (value === null || value === undefined ? 'not shown' : value.toFixed(1));
  return `Radar chart of the team learning pulse: ${statements.map((s, i) => `${s} ${figure(current[i])}${previous ? ` (previous ${figure(previous[i])})` : ''}`).join('; ')}.`;
}
