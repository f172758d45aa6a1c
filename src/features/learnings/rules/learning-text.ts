/** The most a learning may hold (characters). */
export const LEARNING_MAX_LENGTH = 3000;
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 40;

export interface ParsedLearning {
  text: string;
  tags: string[];
  link: string | null;
}

/*
 * #tag: a letter, digit or emoji first, then letters, digits, emoji, - and _ (Unicode letters allowed).
 * Emoji come either as characters (#🎉, skin tones and ZWJ sequences included) or, as Slack clients
 * usually send them, as shortcodes (#:tada:).
 */
const SHORTCODE = ":[a-z0-9_+'-]+:";
const TAG_FIRST = `(?:[\\p{L}\\p{N}\\p{Extended_Pictographic}\\p{Regional_Indicator}]|${SHORTCODE})`;
const TAG_NEXT = `(?:[\\p{L}\\p{N}_\\-\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u200d\\ufe0f\\u20e3]|${SHORTCODE})`;
/** A tag's own characters (no #), for other parsers of tags such as the search's. */
export const TAG_SOURCE = `${TAG_FIRST}${TAG_NEXT}*`;
const TAG_PATTERN = new RegExp(`(^|[\\s(])#(${TAG_FIRST}${TAG_NEXT}*)`, 'gu');
const WHOLE_TAG = new RegExp(`^${TAG_FIRST}${TAG_NEXT}*$`, 'u');
// Slack sends links as <https://x|label> or <https://x>; people also paste bare URLs.
const SLACK_LINK = /<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/;
const BARE_LINK = /\bhttps?:\/\/[^\s<>]+/;

/** Normalises tags: lower case, no leading #, deduplicated, at most 10 of at most 40 characters; emoji tags are kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of tags) {
    // Cut by code points, so an emoji is never split in half.
    const tag = Array.from(raw.trim().replace(/^#+/, '').toLowerCase()).slice(0, MAX_TAG_LENGTH).join('');
    if (tag && WHOLE_TAG.test(tag)) seen.add(tag);
    if (seen.size >= MAX_TAGS) break;
  }
  return [...seen];
}

/** Splits `/learned` text into the learning, its #tags and its first link; the text keeps both. */
export function parseLearningText(input: string): ParsedLearning {
  const text = input.trim();
  const tags = normaliseTags([...text.matchAll(TAG_PATTERN)].map((m) => m[2] ?? ''));
  // Slack escapes & as &amp; even inside links.
  const found = text.match(SLACK_LINK)?.[1] ?? text.match(BARE_LINK)?.[0]?.replace(/[.,;:!?)]+$/, '');
  const link = found === undefined ? null : found.replace(/&amp;/g, '&');
  return { text, tags, link };
}

/** Parses a comma- or space-separated tag field from a modal. */
export function parseTagField(input: string | null | undefined): string[] {
  return normaliseTags((input ?? '').split(/[\s,]+/));
}

/** A link field from a modal: http(s) only; null when empty; an error sentence when not a link. */
export function parseLinkField(input: string | null | undefined): { link: string | null } | { error: string } {
  const value = (input ?? '').trim();
  if (value === '') return { link: null };
  const unwrapped = value.match(SLACK_LINK)?.[1] ?? value;
  try {
    const url = new URL(unwrapped);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { link: url.toString() };
  } catch {
    // fall through
  }
  return { error: 'That is not a web link. Use one that starts with https://, e.g. https://example.com/retro-notes' };
}
