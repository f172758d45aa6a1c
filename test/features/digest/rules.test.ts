import { digestChartAltText, digestChartSvg, CHART_HEIGHT, CHART_WIDTH } from '../../../src/features/digest/chart-svg';
import { assembleDigest, formatFigure, formatPercent, parseDigestCommand, parseStatsPeriod, safeFigure, safeRate, weekOverWeek, WEEK_MS, type DigestInput } from '../../../src/features/digest/rules';

const END = new Date('2026-11-27T15:00:00Z');

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    channelId: 'C1',
    periodEnd: END,
    minGroupSize: 3,
    humanMembers: 10,
    thisWeek: { replies: 8, responders: 5, learnings: 4, learningAuthors: 4 },
    lastWeek: { replies: 3, responders: 2, learnings: 1, learningAuthors: 1 },
    topLearnings: [{ userId: 'U1', text: 'a', reactionCount: 4 }, { userId: 'U2', text: 'b', reactionCount: 2 }, { userId: 'U3', text: 'c', reactionCount: 0 }, { userId: 'U4', text: 'd', reactionCount: 0 }],
    reviews: { opened: 1, closed: 1 },
    commitments: { done: 1, open: 2, overdue: 1, owners: 4 },
    helpers: [{ userId: 'U1', helped: 2 }],
    weeks: Array.from({ length: 8 }, (_, i) => ({ weekStart: new Date(END.getTime() - (8 - i) * WEEK_MS), replies: i * 2, responders: i })),
    ...overrides,
  };
}

describe('the small-group safety rule', () => {
  it.each([
    [5, 5, 3, '5'],
    [3, 3, 3, '3'],
    [2, 2, 3, 'fewer than 3'],
    [1, 1, 3, 'fewer than 3'],
    [0, 0, 3, '0'],
    [9, 2, 3, 'fewer than 3'],
    [4, 4, 5, 'fewer than 5'],
  ])('value %i from %i people with min %i shows as %s', (value, people, min, shown) => {
    expect(formatFigure(safeFigure(value, people, min))).toBe(shown);
  });

  it.each([
    [5, 10, '50%'],
    [2, 10, 'fewer than 3'],
    [3, 2, 'fewer than 3'],
    [0, 10, '0%'],
    [12, 10, '100%'],
  ])('rate of %i responders among %i members shows as %s', (people, members, shown) => {
    expect(formatFigure(safeRate(people, members, 3), formatPercent)).toBe(shown);
  });
});

describe('assembling the digest', () => {
  it("divides each past week by the members a digest recorded by then, this week by today's", () => {
    const week = (n: number) => new Date(END.getTime() - n * WEEK_MS);
    const digest = assembleDigest(
      input({
        humanMembers: 10,
        lastWeek: { replies: 6, responders: 4, learnings: 0, learningAuthors: 0 },
        weeks: Array.from({ length: 8 }, (_, i) => ({ weekStart: week(8 - i), replies: 4, responders: 4 })),
        // Digests posted 3 and 1 weeks ago saw 20 and 16 members; the one 8 weeks ago is before the chart.
        memberHistory: [
          { at: week(1), humanMembers: 16 },
          { at: week(3), humanMembers: 20 },
          { at: week(9), humanMembers: 40 },
        ],
      }),
    );
    const rates = digest.weeks.map((w) => formatFigure(w.participation, formatPercent));
    // Weeks end at week(7) … week(0): weeks ending 7–4 weeks ago use the count from 9 weeks ago,
    // 3–2 weeks ago the count from 3 weeks ago, last week the one from 1 week ago, this week today's.
    expect(rates).toEqual(['10%', '10%', '10%', '10%', '20%', '20%', '25%', '40%']);
    expect(formatFigure(digest.lastWeek.participation, formatPercent)).toBe('25%');
    expect(formatFigure(digest.thisWeek.participation, formatPercent)).toBe('50%');
    // Without history every week divides by today's count, as before.
    expect(assembleDigest(input({ weeks: [{ weekStart: week(2), replies: 4, responders: 4 }] })).weeks.map((w) => formatFigure(w.participation, formatPercent))).toEqual(['40%']);
  });

  it('compares this week with last week and hides last week\'s small figures', () => {
    const digest = assembleDigest(input());
    expect(formatFigure(digest.thisWeek.replies)).toBe('8');
    expect(formatFigure(digest.thisWeek.participation, formatPercent)).toBe('50%');
    expect(formatFigure(digest.lastWeek.responders)).toBe('fewer than 3');
    expect(weekOverWeek(digest.thisWeek.replies, digest.lastWeek.replies)).toBe('last week fewer than 3');
    expect(weekOverWeek({ kind: 'value', value: 8 }, { kind: 'value', value: 5 })).toBe('up from 5');
    expect(weekOverWeek({ kind: 'value', value: 4 }, { kind: 'value', value: 5 })).toBe('down from 5');
    expect(digest.topLearnings).toHaveLength(3);
    expect(digest.helpers).toEqual(['U1']);
    expect(formatFigure(digest.commitments.overdue)).toBe('1');
  });

  it('hides commitment figures when fewer than 3 owners stand behind them, and skips thanks when nobody helped', () => {
    const digest = assembleDigest(input({ commitments: { done: 1, open: 1, overdue: 0, owners: 2 }, helpers: [] }));
    expect(formatFigure(digest.commitments.done)).toBe('fewer than 3');
    expect(digest.helpers).toEqual([]);
  });

  it('draws 8 weeks in the chart SVG, with suppressed weeks marked', () => {
    const digest = assembleDigest(input());
    expect(digest.weeks).toHaveLength(8);
    const svg = digestChartSvg(digest.weeks);
    expect(svg).toContain(`width="${CHART_WIDTH}" height="${CHART_HEIGHT}"`);
    expect(svg.match(/<g class="week"/g)).toHaveLength(8);
    // Weeks 1 and 2 have 1 and 2 responders: no number, a "<3" marker.
    expect(svg.match(/&lt;3/g)).toHaveLength(2); // week 0 has 0 responders and 0 replies: shown as 0
    expect(svg).toContain('<polyline');
  });

  it('describes every week of the chart in its alt text, saying which weeks too few people replied', () => {
    const digest = assembleDigest(input());
    const alt = digestChartAltText(digest.weeks);
    expect(alt.startsWith('Bar chart with a line: Replies and participation, last 8 weeks. week of ')).toBe(true);
    expect(alt.match(/week of /g)).toHaveLength(8);
    expect(alt.match(/fewer than 3 people replied/g)).toHaveLength(2);
    expect(alt).toContain('0 replies, 0% took part');
    expect(alt).not.toContain('NaN');
    expect(digestChartAltText([])).toBe('Chart: Replies and participation, last 8 weeks. No weeks to show yet.');
    const long = Array.from({ length: 60 }, () => digest.weeks[7]!);
    expect(digestChartAltText(long).length).toBe(1000);
  });
});

describe('parsing', () => {
  it('parses /learnloop digest', () => {
    expect(parseDigestCommand('on fri 16:00', 'Europe/Berlin')).toEqual({ kind: 'on', weekday: 5, time: { hour: 16, minute: 0 }, timeZone: 'Europe/Berlin' });
    expect(parseDigestCommand('on monday 9am America/New_York', 'UTC')).toEqual({ kind: 'on', weekday: 1, time: { hour: 9, minute: 0 }, timeZone: 'America/New_York' });
    expect(parseDigestCommand('off', 'UTC')).toEqual({ kind: 'off' });
    expect(parseDigestCommand('now', 'UTC')).toEqual({ kind: 'now' });
    expect(parseDigestCommand('on fri 16:00 Mars/Base', 'UTC').kind).toBe('invalid');
    expect(parseDigestCommand('on someday 16:00', 'UTC').kind).toBe('invalid');
    expect(parseDigestCommand('', 'UTC').kind).toBe('invalid');
  });

  it.each<[string, object]>([
    ['on friday 4pm', { kind: 'on', weekday: 5, time: { hour: 16, minute: 0 }, timeZone: 'UTC' }],
    ['on Friday at 4 pm', { kind: 'on', weekday: 5, time: { hour: 16, minute: 0 }, timeZone: 'UTC' }],
    ['on 9:30am mon Europe/Berlin', { kind: 'on', weekday: 1, time: { hour: 9, minute: 30 }, timeZone: 'Europe/Berlin' }],
    ['on fri 16:00 Europe/Berlin', { kind: 'on', weekday: 5, time: { hour: 16, minute: 0 }, timeZone: 'Europe/Berlin' }],
    ['on friday', { kind: 'invalid', error: 'Say what time on Friday the digest should come, e.g. `/learnloop digest on friday 16:00` or `/learnloop digest on friday 4pm`.' }],
    ['on', { kind: 'invalid', error: 'Say which day and time the digest should come, e.g. `/learnloop digest on fri 16:00`.' }],
    ['on 4pm', { kind: 'invalid', error: 'Say which day the digest should come, e.g. `/learnloop digest on fri 4pm`.' }],
    ['on fri 25:00', { kind: 'invalid', error: '"25:00" is not a time of day. Use a time like 15:00 or 3pm. E.g. `/learnloop digest on fri 4pm`.' }],
    ['on fri 4', { kind: 'invalid', error: '"4" could be morning or afternoon: write 4am, 4pm or 04:00. E.g. `/learnloop digest on fri 4pm`.' }],
    ['on fri 4pm Europe/Berlin please', { kind: 'invalid', error: 'Too many words: "please" after the time zone. E.g. `/learnloop digest on fri 4pm Europe/Berlin`.' }],
  ])('parses `digest %s` (times like 3pm, names the missing part)', (text, expected) => {
    expect(parseDigestCommand(text, 'UTC')).toEqual(expected);
  });

  it('parses the stats period, 30d by default', () => {
    expect(parseStatsPeriod('')).toEqual({ days: 30, label: '30d' });
    expect(parseStatsPeriod('7d')).toEqual({ days: 7, label: '7d' });
    expect(parseStatsPeriod('90d')).toEqual({ days: 90, label: '90d' });
    expect(parseStatsPeriod('12d')).toHaveProperty('error');
  });
});
