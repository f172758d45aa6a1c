/**
 * Makes what people wrote safe to send to a model: people become "Participant A", "Participant B"… (their
 * mentions, user ids and the names they go by), and e-mail addresses, links' query strings and anything
 * shaped like a secret or token are removed. `restore` puts the names back into the model's answer, for
 * the draft only its reader sees.
 */
export class Anonymiser {
  private readonly labels = new Map<string, string>();
  private readonly names: { pattern: RegExp; userId: string }[] = [];

  /** `people`: each person who may appear, with the names they go by (display and real name). */
  constructor(private readonly people: ReadonlyMap<string, readonly string[]>) {
    for (const [userId, names] of people) {
      for (const name of expandNames(names)) this.names.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'giu'), userId });
    }
    // Longest first, so "Ada Lovelace" is replaced before "Ada".
    this.names.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  }

  /** The stable label of a person in this request. */
  label(userId: string): string {
    let label = this.labels.get(userId);
    if (!label) {
      label = `Participant ${participantLetter(this.labels.size)}`;
      this.labels.set(userId, label);
    }
    return label;
  }

  scrub(text: string): string {
    let out = text
      // Slack's own markup first: people, groups, channels, links.
      .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => this.label(id))
      .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, 'a group')
      .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, 'everyone')
      .replace(/<#[CG][A-Z0-9]+(?:\|([^>]*))?>/g, (_, name?: string) => (name ? `#${name}` : 'a channel'))
      .replace(/<mailto:[^>]*>/g, '[e-mail]')
      .replace(/<(https?:\/\/[^|>]+)(?:\|([^>]*))?>/g, (_, url: string, label?: string) => (label ? `${label} (${stripQuery(url)})` : stripQuery(url)));
    out = scrubSecrets(out);
    for (const { pattern, userId } of this.names) out = out.replace(pattern, () => this.label(userId));
    // Any user id left bare (typed by hand, or pasted).
    // (Ids have digits; a shouted word such as UNDERSTANDING is left alone.)
    return out.replace(/\b[UW](?=[A-Z]*\d)[A-Z0-9]{8,}\b/g, (id) => (this.people.has(id) ? this.label(id) : 'someone'));
  }

  /** The model's answer with each label back to the person's name (for the reader's draft only). */
  restore(text: string): string {
    let out = text;
    for (const [userId, label] of this.labels) out = out.replaceAll(label, this.people.get(userId)?.[0] ?? 'a teammate');
    return out;
  }
}

/** Removes e-mail addresses and anything shaped like a password, key or token. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[e-mail]')
    .replace(/\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g, '[secret]')
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}/g, '[secret]')
    .replace(/\b(ghp|gho|ghu|ghs|ghr|github_pat|glpat)_[A-Za-z0-9_]{16,}/g, '[secret]')
    .replace(/\bAKIA[0-9A-Z]{16}\b/g, '[secret]')
    .replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[secret]')
    .replace(/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, '[secret]')
    .replace(/\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)(\s*[:=]\s*|\s+is\s+)\S+/gi, (_, word: string) => `${word} [secret]`)
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[secret]')
    // Long runs of hex or base64 are keys or hashes far more often than words.
    .replace(/\b[A-Fa-f0-9]{32,}\b/g, '[secret]')
    .replace(/\b[A-Za-z0-9+/_-]{40,}={0,2}/g, '[secret]');
}

function stripQuery(url: string): string {
  return url.replace(/[?#].*$/, '');
}

function participantLetter(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < letters.length ? letters[index]! : `${letters[index % letters.length]}${Math.floor(index / letters.length)}`;
}

/** A person's names and, for a name of several words, its first word (people write "thanks Ada"). */
function expandNames(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed.length >= 2) out.add(trimmed);
    const first = trimmed.split(/\s+/)[0] ?? '';
    if (first.length >= 3 && first !== trimmed) out.add(first);
  }
  return [...out];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
