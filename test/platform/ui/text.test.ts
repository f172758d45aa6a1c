import {
  escapeMentions,
  parseChannelMention,
  parseDateRange,
  parseUserMention,
  splitCommandWords,
  suggestClosest,
  truncate,
} from '../../../src/platform/ui/text';

const Z = '\u200B';

describe('escapeMentions', () => {
  it.each<[string, string, string]>([
    ['empty', '', ''],
    ['plain text', 'What did we learn?', 'What did we learn?'],
    ['<!channel>', 'hey <!channel> look', `hey @${Z}channel look`],
    ['<!here>', '<!here>', `@${Z}here`],
    ['<!everyone>', '<!everyone>!', `@${Z}everyone!`],
    ['<!here|here>', '<!here|here> now', `@${Z}here now`],
    ['<!channel|@channel>', '<!channel|@channel>', `@${Z}channel`],
    ['subteam with label', 'ping <!subteam^S123|@team>', `ping @${Z}team`],
    ['subteam without label', '<!subteam^S123>', `@${Z}team`],
    ['date token shows its fallback', '<!date^1392734382^{date}|Feb 18, 2014>', 'Feb 18, 2014'],
    ['unknown special token is shown literally', '<!foo>', '&lt;!foo&gt;'],
    ['plain @channel', '@channel please read', `@${Z}channel please read`],
    ['plain @here and @everyone', '@here and @Everyone', `@${Z}here and @${Z}Everyone`],
    ['e-mail address is untouched', 'mail team@here.com', 'mail team@here.com'],
    ['@channels is not a broadcast', '@channels', '@channels'],
    ['user mention kept', 'thanks <@U123ABC>', 'thanks <@U123ABC>'],
    ['user mention with name kept', '<@W42|ana>', '<@W42|ana>'],
    ['channel link kept', 'see <#C123|general>', 'see <#C123|general>'],
    ['link with label kept', '<https://example.com/a?b=1|the doc>', '<https://example.com/a?b=1|the doc>'],
    ['bare link kept', '<http://example.com>', '<http://example.com>'],
    ['mailto kept', '<mailto:a@b.co|mail me>', '<mailto:a@b.co|mail me>'],
    ['broadcast inside a link label is defused', '<https://x.io|@here>', `<https://x.io|@${Z}here>`],
    ['ampersand', 'R&D', 'R&amp;D'],
    ['angle brackets', 'a < b > c', 'a &lt; b &gt; c'],
    ['html-ish tag', '<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;'],
    ['lowercase user id is not a mention', '<@u123>', '&lt;@u123&gt;'],
    ['already escaped entities are not double escaped', 'a &amp; b &lt;c&gt;', 'a &amp; b &lt;c&gt;'],
    ['other entities are escaped', '&quot; &nbsp;', '&amp;quot; &amp;nbsp;'],
    ['nested brackets', '<<!here>>', `&lt;@${Z}here&gt;`],
    ['unterminated bracket', '<!channel', `&lt;!channel`],
    ['emoji and unicode', '🎉 Grüße <!here> 日本', `🎉 Grüße @${Z}here 日本`],
  ])('%s', (_label, input, expected) => {
    expect(escapeMentions(input)).toBe(expected);
  });

  it.each(['<!channel> & <b> @here', 'R&D <@U1|x> <https://a.b|c&d>', '<<!here>>', 'plain'])(
    'is idempotent for %p',
    (input) => {
      const once = escapeMentions(input);
      expect(escapeMentions(once)).toBe(once);
    },
  );

  it('handles very long input', () => {
    const long = '<!here> '.repeat(10_000);
    const out = escapeMentions(long);
    expect(out).not.toContain('<!here>');
    expect(out.split(`@${Z}here`)).toHaveLength(10_001);
  });
});

describe('truncate', () => {
  it.each<[string, string, number, string]>([
    ['short text unchanged', 'hello', 10, 'hello'],
    ['exact length unchanged', 'hello', 5, 'hello'],
    ['cut with ellipsis', 'hello world', 8, 'hello w…'],
    ['trailing space trimmed before ellipsis', 'hello world', 7, 'hello…'],
    ['max 1', 'hello', 1, '…'],
    ['max 0', 'hello', 0, ''],
    ['empty', '', 0, ''],
    ['surrogate pair not split', 'ab😀cd', 4, 'ab…'],
    ['surrogate pair kept when it fits', 'ab😀cd', 5, 'ab😀…'],
    ['ZWJ emoji family not split', 'x👨‍👩‍👧y', 6, 'x…'],
    ['skin-tone modifier not split from its emoji', 'ab👍🏽c', 5, 'ab…'],
    ['flag not split', '🇩🇪🇫🇷', 6, '🇩🇪…'],
    ['combining accent kept with its letter', 'cafe\u0301s', 5, 'caf…'],
    ['CJK', '日本語のテキスト', 4, '日本語…'],
  ])('%s', (_label, text, max, expected) => {
    const out = truncate(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
  });

  it('truncates very long strings quickly and within the limit', () => {
    const out = truncate('a'.repeat(1_000_000), 3000);
    expect(out).toHaveLength(3000);
    expect(out.endsWith('…')).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN])('rejects max %p', (max) => {
    expect(() => truncate('x', max)).toThrow(RangeError);
  });
});

describe('splitCommandWords', () => {
  it.each<[string, string, string[]]>([
    ['empty', '', []],
    ['only whitespace', '   \t ', []],
    ['simple words', 'question add now', ['question', 'add', 'now']],
    ['collapses whitespace', '  a   b\t\tc  ', ['a', 'b', 'c']],
    ['non-breaking space separates', 'a\u00A0b', ['a', 'b']],
    ['double quotes', 'add "What did we learn?" now', ['add', 'What did we learn?', 'now']],
    ['smart quotes', 'add “What surprised you?”', ['add', 'What surprised you?']],
    ['mixed quote styles', 'add “mixed quotes"', ['add', 'mixed quotes']],
    ['spaces inside quotes kept', '"a  b"', ['a  b']],
    ['empty quoted word', 'add ""', ['add', '']],
    ['unterminated quote runs to the end', 'add "open ended  text', ['add', 'open ended  text']],
    ['quote inside a word joins', 'say"hello world"', ['sayhello world']],
    ['apostrophes are not quotes', "don't stop", ["don't", 'stop']],
    ['emoji', '🎉 party "🎈 balloons"', ['🎉', 'party', '🎈 balloons']],
    ['mentions', 'mentor <@U1|ana> <#C2|general>', ['mentor', '<@U1|ana>', '<#C2|general>']],
  ])('%s', (_label, input, expected) => {
    expect(splitCommandWords(input)).toEqual(expected);
  });

  it('handles very long input', () => {
    expect(splitCommandWords('w '.repeat(50_000))).toHaveLength(50_000);
  });
});

describe('parseUserMention', () => {
  it.each<[string, string | null]>([
    ['<@U123ABC>', 'U123ABC'],
    ['<@U123ABC|ana>', 'U123ABC'],
    ['<@W0123|ana.b>', 'W0123'],
    [' <@U1> ', 'U1'],
    ['<@u123>', null],
    ['<@C123>', null],
    ['<#C123|general>', null],
    ['@ana', null],
    ['U123ABC', null],
    ['<@U123', null],
    ['<@U123>x', null],
    ['', null],
    ['🎉', null],
  ])('%p -> %p', (input, expected) => {
    expect(parseUserMention(input)).toBe(expected);
  });
});

describe('parseChannelMention', () => {
  it.each<[string, string | null]>([
    ['<#C123|general>', 'C123'],
    ['<#C0ABC>', 'C0ABC'],
    ['<#G123|private>', 'G123'],
    ['<#C123|>', 'C123'],
    ['<@U123>', null],
    ['#general', null],
    ['<#c123|general>', null],
    ['<#C123|general', null],
    ['', null],
  ])('%p -> %p', (input, expected) => {
    expect(parseChannelMention(input)).toBe(expected);
  });
});

describe('suggestClosest', () => {
  const commands = ['prompts', 'schedule', 'quiet', 'status', 'help', 'stats'];
  it.each<[string, readonly string[], string | null]>([
    ['promp', commands, 'prompts'],
    ['promts', commands, 'prompts'],
    ['PROMPTS', commands, 'prompts'],
    ['shedule', commands, 'schedule'],
    ['schdeule', commands, 'schedule'],
    ['quite', commands, 'quiet'],
    ['hlep', commands, 'help'],
    ['q', commands, 'quiet'],
    ['stat', commands, 'stats'],
    ['statuss', commands, 'status'],
    ['xyz', commands, null],
    ['banana', commands, null],
    ['', commands, null],
    ['help', [], null],
    ['🎉', commands, null],
    ['ab'.repeat(5_000), commands, null],
    ['grüsse', ['grusse', 'hello'], 'grusse'],
  ])('%p', (word, candidates, expected) => {
    expect(suggestClosest(word, candidates)).toBe(expected);
  });
});

describe('parseDateRange', () => {
  const tryIt = 'Try 2026-12-24..2027-01-02 or a single date like 2026-12-24.';
  it.each<[string, ReturnType<typeof parseDateRange>]>([
    ['2026-12-24..2027-01-02', { from: '2026-12-24', to: '2027-01-02' }],
    ['2026-12-24', { from: '2026-12-24', to: '2026-12-24' }],
    ['  2026-12-24 .. 2027-01-02 ', { from: '2026-12-24', to: '2027-01-02' }],
    ['2028-02-29', { from: '2028-02-29', to: '2028-02-29' }],
    ['2027-01-01..2028-01-01', { from: '2027-01-01', to: '2028-01-01' }], // 366 days inclusive
    ['2028-01-01..2028-12-31', { from: '2028-01-01', to: '2028-12-31' }], // leap year, 366 days
    ['', { error: `Give a date or a date range. ${tryIt}` }],
    ['   ', { error: `Give a date or a date range. ${tryIt}` }],
    ['tomorrow', { error: `"tomorrow" is not a date in the form YYYY-MM-DD. ${tryIt}` }],
    ['2026-12-24..', { error: `"" is not a date in the form YYYY-MM-DD. ${tryIt}` }],
    ['2026-1-5', { error: `"2026-1-5" is not a date in the form YYYY-MM-DD. ${tryIt}` }],
    ['24.12.2026', { error: `"24.12.2026" is not a date in the form YYYY-MM-DD. ${tryIt}` }],
    ['2026-12-24 - 2027-01-02', { error: `"2026-12-24 - 2027-01-02" is not a date in the form YYYY-MM-DD. ${tryIt}` }],
    ['2026-12-24..2027-01-02..2027-02-01', { error: `"2026-12-24..2027-01-02..2027-02-01" is not a date range. ${tryIt}` }],
    ['2026-02-30', { error: `2026-02-30 is not a real date. ${tryIt}` }],
    ['2027-02-29', { error: `2027-02-29 is not a real date. ${tryIt}` }],
    ['2026-13-01', { error: `2026-13-01 is not a real date. ${tryIt}` }],
    ['2026-12-24..2026-04-31', { error: `2026-04-31 is not a real date. ${tryIt}` }],
    ['2027-01-02..2026-12-24', { error: `2026-12-24 is before 2027-01-02. ${tryIt}` }],
    ['2027-01-01..2028-01-02', { error: `2027-01-01..2028-01-02 is 367 days; the limit is 366. ${tryIt}` }],
    ['🎄', { error: `"🎄" is not a date in the form YYYY-MM-DD. ${tryIt}` }],
  ])('%p', (input, expected) => {
    expect(parseDateRange(input)).toEqual(expected);
  });
});
