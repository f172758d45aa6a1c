import { ANSWERS, anyWordsQuery, inertText, parseAiSetting } from '../../../src/features/ai/rules';

describe('AI partner rules', () => {
  it('parses the settings words, with an example for anything else', () => {
    expect(parseAiSetting([])).toEqual({ kind: 'status' });
    expect(parseAiSetting(['ON'])).toEqual({ kind: 'on' });
    expect(parseAiSetting(['off'])).toEqual({ kind: 'off', everywhere: false });
    expect(parseAiSetting(['off', 'everywhere'])).toEqual({ kind: 'off', everywhere: true });
    expect(parseAiSetting(['budget', '250'])).toEqual({ kind: 'budget', requests: 250 });
    expect(parseAiSetting(['budget', '0'])).toMatchObject({ kind: 'bad', message: expect.stringContaining('ai budget 200') });
    expect(parseAiSetting(['maybe'])).toMatchObject({ kind: 'bad', message: expect.stringContaining('/learnloop settings ai on') });
  });

  it('makes model text inert: no mentions, links or markup survive', () => {
    expect(inertText('<!channel> see <@U0ADA00001> & <https://x.example|here> @here')).toBe('&lt;!channel&gt; see &lt;@U0ADA00001&gt; &amp; &lt;https://x.example|here&gt; @\u200Bhere');
  });

  it('searches any significant word of a question', () => {
    expect(anyWordsQuery('How do we roll back a failed deploy?')).toBe('roll or back or failed or deploy');
    expect(anyWordsQuery('why?')).toBe('');
  });

  it('shortens long answers and keeps at most the themes and commitments it asked for', () => {
    const theme = { title: 'T'.repeat(200), summary: 'S', sources: [1] };
    const parsed = ANSWERS.review_synthesis.parse({ themes: [theme, theme, theme, theme, theme], commitments: ['a', 'b', 'c', 'd'] });
    expect(parsed.themes).toHaveLength(4);
    expect(parsed.themes[0]!.title).toHaveLength(80);
    expect(parsed.commitments).toEqual(['a', 'b', 'c']);
    expect(ANSWERS.ask.safeParse({ known: 'yes', answer: 'x' }).success).toBe(false);
  });
});
