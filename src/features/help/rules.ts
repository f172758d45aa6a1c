import { splitCommandWords, suggestClosest } from '../../platform/ui/text';

/** The subcommands of /learnloop, in the order help lists them. */
export const LEARNLOOP_SUBCOMMANDS = [
  'help', 'prompts', 'questions', 'quiet', 'search', 'learnings', 'mentor', 'session',
  'growth', 'goal', 'competencies', 'project', 'community', 'ask', 'who', 'ask-ai', 'next-question', 'pulse', 'digest', 'stats', 'export', 'forget-me', 'settings',
] as const;
export type LearnloopSubcommand = (typeof LEARNLOOP_SUBCOMMANDS)[number];

/** Commands of their own that people also type after /learnloop (`/learnloop review list`). */
export const OTHER_COMMANDS = ['learned', 'feedback', 'review'] as const;
export type OtherCommand = (typeof OTHER_COMMANDS)[number];

/** What `/learnloop help TOPIC` can explain: every subcommand and the other commands. */
export type HelpTopic = LearnloopSubcommand | OtherCommand;
export const HELP_TOPICS: readonly HelpTopic[] = [...LEARNLOOP_SUBCOMMANDS, ...OTHER_COMMANDS];

export type ParsedLearnloopCommand =
  | { kind: 'help'; topic: HelpTopic | null }
  | { kind: 'help-unknown'; word: string; suggestion: HelpTopic | null }
  | { kind: 'subcommand'; name: LearnloopSubcommand; args: string[]; rest: string }
  | { kind: 'other-command'; command: OtherCommand; rest: string }
  | { kind: 'unknown'; word: string; suggestion: LearnloopSubcommand | null };

const HELP_WORDS = new Set(['help', '?', '-h', '--help']);
// Here a lone "help" is a search word, not a request for help.
const HELP_IS_ARGUMENT = new Set<LearnloopSubcommand>(['search']);

/** `help`, `?`, `-h` or `--help` alone: `/review help` asks for help rather than a review titled "help". */
export function isHelpRequest(text: string): boolean {
  return HELP_WORDS.has(text.trim().toLowerCase());
}

/** `prompts`, `/review`, `/learnloop prompts` → the topic; anything else → null. */
function helpTopic(words: readonly string[]): HelpTopic | null {
  const cleaned = words.map((w) => w.toLowerCase().replace(/^\//, ''));
  const word = cleaned[0] === 'learnloop' && cleaned.length > 1 ? cleaned[1] : cleaned[0];
  return HELP_TOPICS.find((topic) => topic === word) ?? null;
}

/** Splits `/learnloop` text into its subcommand and arguments, a help request, or a word it does not know. */
export function parseLearnloopCommand(text: string): ParsedLearnloopCommand {
  const trimmed = text.trim();
  const words = splitCommandWords(trimmed);
  const first = words[0]?.toLowerCase();
  if (first === undefined) return { kind: 'help', topic: null };
  // Everything after the first word, which may have been typed in quotes.
  const rest = trimmed.replace(/^["“”„]?\S+?["“”„]?(\s+|$)/u, '').trim();
  if (HELP_WORDS.has(first)) {
    const asked = words.slice(1);
    if (asked.length === 0) return { kind: 'help', topic: null };
    const topic = helpTopic(asked);
    if (topic) return { kind: 'help', topic };
    const word = asked[0] ?? '';
    return { kind: 'help-unknown', word, suggestion: suggestClosest(word.replace(/^\//, ''), HELP_TOPICS) as HelpTopic | null };
  }
  const other = OTHER_COMMANDS.find((command) => command === first.replace(/^\//, ''));
  if (other) return HELP_WORDS.has(rest.toLowerCase()) ? { kind: 'help', topic: other } : { kind: 'other-command', command: other, rest };
  const name = LEARNLOOP_SUBCOMMANDS.find((sub) => sub === first);
  if (name === undefined) {
    return { kind: 'unknown', word: words[0] ?? '', suggestion: suggestClosest(first, LEARNLOOP_SUBCOMMANDS) as LearnloopSubcommand | null };
  }
  const args = words.slice(1);
  // `/learnloop prompts help` (or --help) asks for the same help as `/learnloop help prompts`.
  if (args.length === 1 && HELP_WORDS.has((args[0] ?? '').toLowerCase()) && !HELP_IS_ARGUMENT.has(name)) return { kind: 'help', topic: name };
  return { kind: 'subcommand', name, args, rest };
}
