import { LEARNING_MAX_LENGTH, normaliseTags, parseLearningText, parseLinkField, parseTagField } from '../../../src/features/learnings/rules/learning-text';

const LINK_ERROR = 'That is not a web link. Use one that starts with https://, e.g. https://example.com/retro-notes';

describe('parseLearningText', () => {
  it.each([
    ['plain text has no tags and no link', 'Small PRs get reviewed faster', [], null],
    ['tags are lower-cased and deduplicated, in order', 'Ship small #Reviews #reviews #REVIEWS #testing', ['reviews', 'testing'], null],
    ['unicode tags keep their letters', 'Notes #Überblick #日本語 #café', ['überblick', '日本語', 'café'], null],
    ['trailing punctuation is not part of a tag', 'we did it #tag, again #two! and #three.', ['tag', 'two', 'three'], null],
    ['a tag in parentheses counts', 'pairing (#pairing) helps', ['pairing'], null],
    ['a # alone is no tag', 'number # one', [], null],
    ['C# is a word, not a tag', 'I like C# a lot', [], null],
    ['a # inside a word or a URL fragment is no tag', 'foo#bar https://example.com/page#section', [], 'https://example.com/page#section'],
    ['a tag must start with a letter or digit', '#1 #a-b #_x #-y', ['1', 'a-b'], null],
    ['at most 10 tags are kept', Array.from({ length: 12 }, (_, i) => `#t${i}`).join(' '), ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'], null],
    ['a long tag is cut to 40 characters', `x #${'a'.repeat(50)}`, ['a'.repeat(40)], null],
    ['a Slack link keeps its URL, not its label', 'read <https://example.com/a?b=1|the retro notes> today', [], 'https://example.com/a?b=1'],
    ['a Slack link without label', 'see <https://example.com/a_(b)>', [], 'https://example.com/a_(b)'],
    ['the first link wins, Slack-formatted before bare', '<https://a.example> and https://b.example', [], 'https://a.example'],
    ['a bare link loses its trailing punctuation', 'see https://example.com/path). end', [], 'https://example.com/path'],
    ['a bare link before a comma', 'bare https://example.com/x, and more', [], 'https://example.com/x'],
    ['mailto is not a link', 'mail <mailto:a@b.example|a@b.example>', [], null],
    ['an emoji tag is kept', 'We shipped it #🎉', ['🎉'], null],
    ['emoji with skin tones, ZWJ sequences and flags stay whole', 'thanks #👍🏽 #🧑‍💻 #🇩🇪 #1️⃣', ['👍🏽', '🧑‍💻', '🇩🇪', '1️⃣'], null],
    ['letters and emoji mix in one tag', 'done #release🚀 #🔥hot', ['release🚀', '🔥hot'], null],
    ['an emoji shortcode as Slack sends it is a tag', 'We shipped it #:tada: #:+1::skin-tone-2: #win:trophy:', [':tada:', ':+1::skin-tone-2:', 'win:trophy:'], null],
    ['a colon after a tag is punctuation', 'learned #reviews: keep them small', ['reviews'], null],
    ['tags and link together', 'Feature flags let us release safely #release https://example.com/flags', ['release'], 'https://example.com/flags'],
  ])('%s', (_name, input, tags, link) => {
    const parsed = parseLearningText(input);
    expect(parsed.tags).toEqual(tags);
    expect(parsed.link).toBe(link);
    // The text keeps its tags and link as typed.
    expect(parsed.text).toBe(input.trim());
  });

  it('trims the text', () => {
    expect(parseLearningText('  spaced out  \n').text).toBe('spaced out');
  });

  it('caps a learning at 3,000 characters', () => {
    expect(LEARNING_MAX_LENGTH).toBe(3000);
  });
});

describe('parseTagField', () => {
  it.each([
    ['', []],
    [null, []],
    ['reviews testing', ['reviews', 'testing']],
    ['#Reviews, testing  reviews,,', ['reviews', 'testing']],
    ['café, Überblick', ['café', 'überblick']],
    ['C# # -x ok', ['ok']],
    ['🎉, :tada: party', ['🎉', ':tada:', 'party']],
    [Array.from({ length: 12 }, (_, i) => `t${i}`).join(','), ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']],
  ])('%p → %p', (input, tags) => {
    expect(parseTagField(input)).toEqual(tags);
  });

  it('cuts a long emoji tag between emoji, never inside one', () => {
    expect(normaliseTags(['🎉'.repeat(45)])).toEqual(['🎉'.repeat(40)]);
  });

  it('normalises tags given as a list the same way', () => {
    expect(normaliseTags(['##A', ' b ', 'a', ''])).toEqual(['a', 'b']);
  });
});

describe('parseLinkField', () => {
  it.each([
    ['', { link: null }],
    ['   ', { link: null }],
    [undefined, { link: null }],
    ['https://example.com/retro', { link: 'https://example.com/retro' }],
    ['http://localhost:3000/a', { link: 'http://localhost:3000/a' }],
    ['<https://example.com|the notes>', { link: 'https://example.com/' }],
    ['https://example.com/x y', { link: 'https://example.com/x%20y' }],
    ['example.com', { error: LINK_ERROR }],
    ['ftp://example.com', { error: LINK_ERROR }],
    ['javascript:alert(1)', { error: LINK_ERROR }],
    ['https://', { error: LINK_ERROR }],
  ])('%p → %p', (input, expected) => {
    expect(parseLinkField(input)).toEqual(expected);
  });
});

describe('links Slack escaped', () => {
  it('turns &amp; back into & inside a link', () => {
    expect(parseLearningText('Read <https://example.com/a?x=1&amp;y=2|the notes>').link).toBe('https://example.com/a?x=1&y=2');
  });
});
