import { splitCommandWords, suggestClosest } from './text';

/** The subcommands of /learnloop, in the order help lists them. */
export const LEARNLOOP_SUBCOMMANDS = [
  'help', 'prompts', 'questions', 'quiet', 'search', 'learnings', 'mentor', 'session',
  'digest', 'stats', 'export', 'forget-me', 'settings',
] as const;
export type LearnloopSubcommand = (typeof LEARNLOOP_SUBCOMMANDS)[number];

export type ParsedLearnloopCommand =
  | { kind: 'help' }
  | { kind: 'subcommand'; name: LearnloopSubcommand; args: string[]; rest: string }
  | { kind: 'unknown'; word: string; suggestion: LearnloopSubcommand | null };

/** Splits `/learnloop` text into its subcommand and arguments. */
export function parseLearnloopCommand(text: string): ParsedLearnloopCommand {
  const trimmed = text.trim();
  const words = splitCommandWords(trimmed);
  const first = words[0]?.toLowerCase();
  if (first === undefined || first === 'help' || first === '?' || first === '-h' || first === '--help') return { kind: 'help' };
  const name = LEARNLOOP_SUBCOMMANDS.find((sub) => sub === first);
  if (name === undefined) {
    return { kind: 'unknown', word: words[0] ?? '', suggestion: suggestClosest(first, LEARNLOOP_SUBCOMMANDS) as LearnloopSubcommand | null };
  }
  // Everything after the first word, which may have been typed in quotes.
  const rest = trimmed.replace(/^["“”„]?\S+?["“”„]?(\s+|$)/u, '').trim();
  return { kind: 'subcommand', name, args: words.slice(1), rest };
}
