import { pulseRadarAltText, pulseRadarSvg } from '../../../src/features/pulse/chart-svg';

const points = (svg: string, cls: string): number => (new RegExp(`class="${cls}" points="([^"]*)"`).exec(svg)?.[1] ?? '').split(' ').filter(Boolean).length;

describe('pulseRadarSvg', () => {
  const statements = ['Safe to fail <here>', 'We ask for help', 'We reflect often', 'We try what we said', 'We speak up'];

  it('draws this pulse on every spoke and the previous pulse only where it was shown', () => {
    const svg = pulseRadarSvg(statements, [4, 3, 2, 5, 1], [3, null, 2, null, 4]);
    expect(points(svg, 'current')).toBe(5);
    expect(points(svg, 'previous')).toBe(3);
    expect(svg).toContain('Previous pulse');
    expect(svg).toContain('Safe to fail &lt;here&gt;');
    expect(svg).not.toContain('<here>');
  });

  it('has no previous shape or legend for a first pulse, and says the figures in words', () => {
    const svg = pulseRadarSvg(statements, [4, 3, 2, 5, 1], null);
    expect(svg).not.toContain('class="previous"');
    expect(svg).not.toContain('Previous pulse');
    expect(pulseRadarAltText(statements.slice(0, 2), [4, null], [3.25, 2])).toBe('Radar chart of the team learning pulse: Safe to fail <here> 4.0 (previous 3.3); We ask for help not shown (previous 2.0).');
  });
});
