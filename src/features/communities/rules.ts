import { createHash } from 'node:crypto';
import { commandWords as words, normaliseTag } from '../../platform/ui/text';

export const NAME_MAX = 60;
export const PURPOSE_MAX = 500;
export const QUESTION_MAX = 2_000;
/** A question's DMs go to at most this many members (each within their own budget and quiet hours). */
export const QUESTION_DM_MAX = 25;
/** Pairings avoid anyone paired together in this many recent rounds. */
export const NO_REPEAT_ROUNDS = 3;

export type CommunityCommand =
  | { kind: 'list' }
  | { kind: 'form' }
  | { kind: 'show'; name: string }
  | { kind: 'join'; name: string }
  | { kind: 'leave'; name: string }
  | { kind: 'tags'; name: string; tags: string[] }
  | { kind: 'purpose'; name: string; purpose: string }
  | { kind: 'lead'; name: string; userId: string }
  | { kind: 'archive'; name: string }
  | { kind: 'pairing'; name: string; on: boolean }
  | { kind: 'pair'; name: string }
  | { kind: 'invalid'; problem: string };

const USAGE =
  'Try `/learnloop community list`, `community new` (a form), `community show "Testing"`, `community join "Testing"`, `community leave "Testing"`, `community pairing "Testing" on`, and for leads `community tags "Testing" #tests #qa`, `community purpose "Testing" …`, `community lead "Testing" @person`, `community pair "Testing"`, `community archive "Testing"`.';

/** `/learnloop community …` as a command. */
export function parseCommunityCommand(rest: string): CommunityCommand {
  const list = words(rest);
  const verb = list[0]?.toLowerCase();
  const name = list[1];
  const invalid = (problem: string): CommunityCommand => ({ kind: 'invalid', problem: `${problem} ${USAGE}` });
  if (verb === undefined || verb === 'list') return { kind: 'list' };
  if (verb === 'new') return { kind: 'form' };
  if (!name) return invalid(verb === 'show' || verb === 'join' || verb === 'leave' || verb === 'archive' || verb === 'pair' || verb === 'pairing' || verb === 'tags' || verb === 'purpose' || verb === 'lead' ? 'Say which community.' : `I don't know \`community ${verb.slice(0, 30)}\`.`);
  switch (verb) {
    case 'show':
    case 'join':
    case 'leave':
    case 'archive':
    case 'pair':
      return { kind: verb, name };
    case 'tags': {
      const tags = parseTags(list.slice(2));
      if (typeof tags === 'string') return invalid(tags);
      if (tags.length === 0) return invalid('Give at least one #tag.');
      return { kind: 'tags', name, tags };
    }
    case 'purpose': {
      const purpose = list.slice(2).join(' ').trim();
      if (purpose === '' || purpose.length > PURPOSE_MAX) return invalid(`Say the purpose in up to ${PURPOSE_MAX} characters.`);
      return { kind: 'purpose', name, purpose };
    }
    case 'lead': {
      const userId = list[2] ? /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(list[2])?.[1] : undefined;
      if (!userId) return invalid('Name the new lead as an @mention.');
      return { kind: 'lead', name, userId };
    }
    case 'pairing': {
      const answer = list[2]?.toLowerCase();
      if (answer !== 'on' && answer !== 'off') return invalid('Say on or off.');
      return { kind: 'pairing', name, on: answer === 'on' };
    }
    default:
      return invalid(`I don't know \`community ${verb.slice(0, 30)}\`.`);
  }
}

/** `#a #b` → tags, or the sentence saying which word is not a tag. */
export function parseTags(raw: readonly string[]): string[] | string {
  const tags: string[] = [];
  for (const word of raw) {
    const tag = normaliseTag(word);
    if (!tag) return `\`${word.slice(0, 40)}\` is not a tag; tags are letters, digits, _ or -, e.g. #testing.`;
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags.length > 10 ? 'Up to 10 tags per community.' : tags;
}

/** `/learnloop ask NAME [anonymously] QUESTION`. */
export function parseAsk(rest: string): { name: string; anonymous: boolean; question: string } | { problem: string } {
  const match = /^\s*(?:[“"]([^”"]+)[”"]|(\S+))\s*(.*)$/s.exec(rest);
  const name = (match?.[1] ?? match?.[2] ?? '').trim();
  let question = (match?.[3] ?? '').trim();
  const anonymous = /^anonymously\b/i.test(question);
  if (anonymous) question = question.replace(/^anonymously\b[:,]?\s*/i, '');
  if (name === '' || question === '') return { problem: 'Say which community and your question, e.g. `/learnloop ask "Testing" How do you test cron jobs?` (add `anonymously` before the question to leave your name off).' };
  if (question.length > QUESTION_MAX) return { problem: `Keep the question to ${QUESTION_MAX.toLocaleString('en-US')} characters (this one has ${question.length.toLocaleString('en-US')}).` };
  return { name, anonymous, question };
}

/** The #tags written in a text (lowercase, without the #). */
export function tagsIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:^|\s)#([\p{L}\p{N}_-]{1,40})/gu)) found.add(match[1]!.toLowerCase());
  return [...found];
}

const pairKey = (a: string, b: string): string => [a, b].sort().join('+');

/**
 * A coffee-pairing round: people from different teams together, never two who met in the recent rounds;
 * an odd person out joins a pair as a third. `random` makes it testable. Returns the groups, and anyone
 * who could not be placed without breaking a rule.
 */
export function pairMembers(
  members: readonly { userId: string; team: string | null }[],
  recentPairs: ReadonlySet<string>,
  random: () => number,
): { groups: string[][]; unpaired: string[] } {
  // A greedy pass can strand someone a different order would place: the best of a few tries wins.
  let best = pairOnce(members, recentPairs, random);
  for (let attempt = 1; attempt < PAIRING_ATTEMPTS && best.unpaired.length > 0; attempt++) {
    const next = pairOnce(members, recentPairs, random);
    if (next.unpaired.length < best.unpaired.length) best = next;
  }
  return best;
}

const PAIRING_ATTEMPTS = 50;

function pairOnce(
  members: readonly { userId: string; team: string | null }[],
  recentPairs: ReadonlySet<string>,
  random: () => number,
): { groups: string[][]; unpaired: string[] } {
  const pool = [...members].map((m) => ({ ...m, sort: random() })).sort((x, y) => x.sort - y.sort);
  const allowed = (a: { userId: string; team: string | null }, b: { userId: string; team: string | null }): boolean =>
    a.userId !== b.userId && (a.team === null || b.team === null || a.team !== b.team) && !recentPairs.has(pairKey(a.userId, b.userId));
  const groups: { userId: string; team: string | null }[][] = [];
  const unpaired: { userId: string; team: string | null }[] = [];
  while (pool.length > 0) {
    const first = pool.shift()!;
    const partnerAt = pool.findIndex((candidate) => allowed(first, candidate));
    if (partnerAt < 0) {
      unpaired.push(first);
      continue;
    }
    groups.push([first, pool.splice(partnerAt, 1)[0]!]);
  }
  // Whoever is left over joins a group they may meet (everyone in it from another team, none met lately).
  const stillAlone: string[] = [];
  for (const person of unpaired) {
    const group = groups.find((g) => g.length === 2 && g.every((other) => allowed(person, other)));
    if (group) group.push(person);
    else stillAlone.push(person.userId);
  }
  return { groups: groups.map((g) => g.map((m) => m.userId)), unpaired: stillAlone };
}

export { pairKey };

/** The claim key of a question: its words (case and spacing aside) on the day it is asked (UTC), hashed. */
export function questionKey(question: string, now: Date): string {
  const words = question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${now.toISOString().slice(0, 10)}\n${words}`).digest('hex');
}
