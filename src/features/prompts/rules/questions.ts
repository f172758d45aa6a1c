/** The default reflection questions and the rotation that picks the next one for a schedule. */

/**
 * Short, non-judgemental team-learning questions. They lean on team-learning practice:
 * reflecting on experience, treating mistakes and experiments as learning, psychological
 * safety (asking for help, speaking up) and giving each other feedback.
 */
export const DEFAULT_QUESTIONS: readonly string[] = [
  'What are we learning this week?',
  'How are we growing together?',
  'What can we try next?',
  'What surprised you this week, and what did it teach you?',
  'What would you do differently if you started this week again?',
  'Who helped you learn something recently?',
  "What's one thing you'd teach a new teammate?",
  'What small experiment could we run next week?',
  'What did a recent mistake or near-miss teach us?',
  'Where could you use a hand right now?',
  'What question have you been hesitant to ask?',
  'What feedback helped you recently, and how did you use it?',
  'What is something that worked well that we should keep doing?',
  'What did you learn from someone outside the team?',
  'What assumption did we test, and what did we find out?',
  'What would make it easier to share what you know?',
];

export interface Question {
  id: string;
  text: string;
}

/**
 * Picks the next question so every question is asked once per cycle, in bank order, and
 * never the same question twice in a row when the bank has more than one.
 */
export function pickNextQuestion<Q extends Question>(bank: readonly Q[], askedIds: readonly string[]): Q {
  const byId = new Map<string, Q>();
  for (const question of bank) if (!byId.has(question.id)) byId.set(question.id, question);
  if (byId.size === 0) throw new Error('Cannot pick a question from an empty bank');

  // Replay the history, considering only questions still in the bank. A cycle ends when it
  // has covered the whole bank, or when a question repeats: a repeat can only mean a new
  // cycle began, e.g. under an older, smaller bank.
  const inCycle = new Set<string>();
  let lastAsked: string | undefined;
  for (const id of askedIds) {
    if (!byId.has(id)) continue;
    if (inCycle.has(id)) inCycle.clear();
    inCycle.add(id);
    if (inCycle.size === byId.size) inCycle.clear();
    lastAsked = id;
  }

  const fresh = [...byId.values()].filter((q) => !inCycle.has(q.id));
  // At a cycle boundary everything is fresh again, including the question just asked.
  const pick = fresh.find((q) => byId.size === 1 || q.id !== lastAsked);
  if (!pick) throw new Error('unreachable: a cycle always leaves a question to ask');
  return pick;
}
