import { isoDayNumber } from '../time/calendar';
/** Text helpers for Slack messages and slash-command input. */

const ZWSP = '\u200B';
const BROADCASTS = new Set(['channel', 'here', 'everyone']);

/**
 * Makes user text safe to post as Slack mrkdwn: broadcasts never notify and stray markup is shown literally.
 *
 * - `<!channel>`, `<!here>`, `<!everyone>` (with or without `|label`) become `@\u200Bchannel` etc.,
 *   and `<!subteam^S123|@team>` becomes `@\u200Bteam`; a zero-width space after `@` keeps the text
 *   readable but stops Slack from treating it as a mention. Plain `@channel`/`@here`/`@everyone`
 *   get the same treatment. `<!date^…|fallback>` becomes its fallback text.
 * - `&`, `<`, `>` are escaped to `&amp;`, `&lt;`, `&gt;` (Slack's mrkdwn escaping), except inside the
 *   safe tokens kept intact: user mentions `<@U123>`/`<@U123|name>`, channel links `<#C123|name>`
 *   and links `<https://…|label>`, `<http://…>`, `<mailto:…>`.
 * - Existing `&amp;`, `&lt;`, `&gt;` entities are left alone, so text already encoded by Slack (message
 *   events, slash commands) is not double-escaped and the function is idempotent.
 */
export function escapeMentions(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/<([^<>]*)>/g)) {
    const index = match.index ?? 0;
    out += escapePlain(text.slice(last, index)) + escapeToken(match[1] ?? '');
    last = index + match[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function escapeToken(inner: string): string {
  if (/^@[UW][A-Z0-9]+(?:\|[^|]*)?$/.test(inner) || /^#[CG][A-Z0-9]+(?:\|[^|]*)?$/.test(inner)) {
    return `<${escapeAmpersands(inner)}>`;
  }
  const link = /^((?:https?:\/\/|mailto:)[^|\s]+)(?:\|(.*))?$/.exec(inner);
  if (link) {
    const label = link[2];
    // Only the label is user-visible text; the URL itself must stay byte-for-byte.
    return label === undefined ? `<${link[1]}>` : `<${link[1]}|${defuseBroadcasts(escapeAmpersands(label))}>`;
  }
  const special = /^!([a-z]+)(\^[^|]*)?(?:\|(.*))?$/i.exec(inner);
  if (special) {
    const name = (special[1] ?? '').toLowerCase();
    const label = special[3];
    if (BROADCASTS.has(name)) return `@${ZWSP}${name}`;
    if (name === 'subteam') {
      const team = label ? label.replace(/^@/, '') : 'team';
      return `@${ZWSP}${escapeAmpersands(team)}`;
    }
    if (name === 'date' && label !== undefined) return escapePlain(label);
  }
  return `&lt;${escapePlain(inner)}&gt;`;
}

function escapePlain(text: string): string {
  return defuseBroadcasts(escapeAmpersands(text).replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

function escapeAmpersands(text: string): string {
  return text.replace(/&(?!(?:amp|lt|gt);)/g, '&amp;');
}

function defuseBroadcasts(text: string): string {
  // The lookbehind leaves e-mail addresses like team@here.com untouched.
  return text.replace(/(?<![\w.])@(channel|here|everyone)\b/gi, `@${ZWSP}$1`);
}

const ELLIPSIS = '…';
let graphemes: Intl.Segmenter | undefined;

/** Cuts `text` to at most `max` UTF-16 code units, ending in `…` when cut; never splits a surrogate pair or emoji sequence. */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`max must be a non-negative integer, got ${max}`);
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  const room = max - ELLIPSIS.length;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let end = 0;
  // Segmenting the whole text is slow for huge inputs; boundary rules need only a little lookahead.
  for (const { index, segment } of graphemes.segment(text.slice(0, room + 32))) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

const QUOTES = new Set(['"', '“', '”', '„']);

/** Splits slash-command text on whitespace, keeping "double" or “smart” quoted strings as one word without the quotes. */
export function splitCommandWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false; // distinguishes an empty quoted word ("") from no word
  let quoted = false;
  for (const char of text) {
    if (QUOTES.has(char)) {
      // Slack clients often auto-correct quotes, so any double quote closes any other.
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  // An unterminated quote runs to the end of the text.
  if (inWord) words.push(word);
  return words;
}

/** `<@U123ABC>` or `<@U123ABC|name>` → `U123ABC` (also `W…` enterprise ids); anything else → null. */
export function parseUserMention(word: string): string | null {
  return /^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$/.exec(word.trim())?.[1] ?? null;
}

/** `<#C123|name>` or `<#C123>` → `C123` (also legacy `G…` ids); anything else → null. */
export function parseChannelMention(word: string): string | null {
  return /^<#([CG][A-Z0-9]+)(?:\|[^<>]*)?>$/.exec(word.trim())?.[1] ?? null;
}

/** "Did you mean": the closest candidate by edit distance (case-insensitive), or one `word` is a prefix of; null if none is close. */
export function suggestClosest(word: string, candidates: readonly string[]): string | null {
  const typed = Array.from(word.trim().toLowerCase());
  if (typed.length === 0) return null;
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: { candidate: string; distance: number; prefix: boolean } | null = null;
  for (const candidate of candidates) {
    const target = Array.from(candidate.toLowerCase());
    const prefix = target.length >= typed.length && typed.every((c, i) => c === target[i]);
    // Cheap lower bound first: lengths this far apart cannot be within the limit.
    if (!prefix && Math.abs(target.length - typed.length) > limit) continue;
    const distance = levenshtein(typed, target);
    if (!prefix && distance > limit) continue;
    const better =
      best === null || distance < best.distance || (distance === best.distance && prefix && !best.prefix);
    if (better) best = { candidate, distance, prefix };
  }
  return best?.candidate ?? null;
}

function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const RANGE_EXAMPLE = '2026-12-24..2027-01-02';
const MAX_RANGE_DAYS = 366;

/** Parses `2026-12-24..2027-01-02` or a single `2026-12-24` into an inclusive range of ISO local dates (at most 366 days). */
export function parseDateRange(text: string): { from: string; to: string } | { error: string } {
  const fail = (problem: string) => ({ error: `${problem}. Try ${RANGE_EXAMPLE} or a single date like 2026-12-24.` });
  const trimmed = text.trim();
  if (trimmed === '') return fail('Give a date or a date range');
  const parts = trimmed.split(/\s*\.\.\s*/);
  if (parts.length > 2) return fail(`"${trimmed}" is not a date range`);
  const from = parts[0] ?? '';
  const to = parts[1] ?? from;
  for (const date of [from, to]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(`"${date}" is not a date in the form YYYY-MM-DD`);
    if (isoDayNumber(date) === null) return fail(`${date} is not a real date`);
  }
  const days = (isoDayNumber(to) ?? 0) - (isoDayNumber(from) ?? 0) + 1;
  if (days < 1) return fail(`${to} is before ${from}`);
  if (days > MAX_RANGE_DAYS) return fail(`${from}..${to} is ${days} days; the limit is ${MAX_RANGE_DAYS}`);
  return { from, to };
}


/** A #tag as Learnloop keeps it (learnings, competencies, communities): lowercase, without the #; undefined if it is not one. */
export function normaliseTag(raw: string): string | undefined {
  const tag = raw.replace(/^#/, '').toLowerCase();
  return /^[\p{L}\p{N}_-]{1,40}$/u.test(tag) ? tag : undefined;
}

/** Command text as words, "quoted names" kept together, empty ones dropped. */
export function commandWords(text: string): string[] {
  return splitCommandWords(text).map((word) => word.trim()).filter((word) => word.length > 0);
}
