import { DEFAULT_QUESTIONS, pickNextQuestion, Question } from '../../../src/features/prompts/rules/questions';

const bankOf = (...ids: string[]): Question[] => ids.map((id) => ({ id, text: `Question ${id}?` }));

/** Runs the rotation `count` times, appending each pick to the history. */
function rotate(bank: readonly Question[], count: number, history: string[] = []): string[] {
  const picks: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = pickNextQuestion(bank, history).id;
    history.push(next);
    picks.push(next);
  }
  return picks;
}

describe('DEFAULT_QUESTIONS', () => {
  it('has at least 14 distinct, short questions starting with the core three', () => {
    expect(DEFAULT_QUESTIONS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(DEFAULT_QUESTIONS).size).toBe(DEFAULT_QUESTIONS.length);
    expect(DEFAULT_QUESTIONS.slice(0, 3)).toEqual([
      'What are we learning this week?',
      'How are we growing together?',
      'What can we try next?',
    ]);
  });

  it.each(DEFAULT_QUESTIONS.map((q) => [q]))('%p is a short question', (question) => {
    expect(question.endsWith('?')).toBe(true);
    expect(question.length).toBeLessThanOrEqual(80);
  });
});

describe('pickNextQuestion', () => {
  it.each<[string, Question[], string[], string]>([
    ['empty history starts at the top', bankOf('a', 'b', 'c'), [], 'a'],
    ['continues in bank order', bankOf('a', 'b', 'c'), ['a'], 'b'],
    ['skips questions asked this cycle', bankOf('a', 'b', 'c'), ['b'], 'a'],
    ['last of the cycle', bankOf('a', 'b', 'c'), ['a', 'b'], 'c'],
    ['new cycle starts at the top', bankOf('a', 'b', 'c'), ['a', 'b', 'c'], 'a'],
    ['new cycle avoids the question just asked', bankOf('a', 'b', 'c'), ['c', 'b', 'a'], 'b'],
    ['second cycle in progress', bankOf('a', 'b', 'c'), ['a', 'b', 'c', 'a'], 'b'],
    ['unknown ids in history are ignored', bankOf('a', 'b', 'c'), ['x', 'a', 'y'], 'b'],
    ['question added mid-cycle is asked before the cycle ends', bankOf('a', 'b', 'c', 'd'), ['a', 'b', 'c', 'a', 'b'], 'c'],
    ['question added after a full cycle', bankOf('a', 'b', 'c', 'd'), ['a', 'b', 'c'], 'd'],
    ['question removed mid-cycle', bankOf('a', 'b', 'd'), ['a', 'b', 'c', 'd', 'a', 'b'], 'd'],
    ['removed question completed the cycle', bankOf('a', 'b'), ['a', 'b', 'c'], 'a'],
    ['bank reordered', bankOf('c', 'b', 'a'), ['a'], 'c'],
    ['single-question bank repeats', bankOf('only'), ['only', 'only'], 'only'],
    ['single-question bank, empty history', bankOf('only'), [], 'only'],
    ['duplicate ids in the bank count once', [...bankOf('a', 'b'), { id: 'a', text: 'dup' }], ['a', 'b'], 'a'],
  ])('%s', (_label, bank, history, expected) => {
    expect(pickNextQuestion(bank, history).id).toBe(expected);
  });

  it('returns the bank entry itself', () => {
    const bank = bankOf('a', 'b');
    expect(pickNextQuestion(bank, ['a'])).toBe(bank[1]);
  });

  it('throws on an empty bank', () => {
    expect(() => pickNextQuestion([], ['a'])).toThrow('empty bank');
  });

  it.each<[string, string[]]>([
    ['two questions', ['a', 'b']],
    ['three questions', ['a', 'b', 'c']],
    ['five questions', ['a', 'b', 'c', 'd', 'e']],
    ['the default bank', DEFAULT_QUESTIONS.map((_, i) => `q${i}`)],
  ])('%s: each cycle covers every question once, over 3 cycles with no immediate repeat', (_label, ids) => {
    const bank = bankOf(...ids);
    const picks = rotate(bank, ids.length * 3);
    for (let cycle = 0; cycle < 3; cycle++) {
      const slice = picks.slice(cycle * ids.length, (cycle + 1) * ids.length);
      expect([...slice].sort()).toEqual([...ids].sort());
    }
    picks.forEach((id, i) => expect(id).not.toBe(picks[i - 1]));
  });

  it.each<[string, string[]]>([
    ['history in reverse bank order', ['c', 'b', 'a']],
    ['history ending with the first question', ['b', 'c', 'a']],
  ])('no immediate repeat at a cycle boundary: %s', (_label, history) => {
    const bank = bankOf('a', 'b', 'c');
    const picks = rotate(bank, 9, [...history]);
    expect([history.at(-1), ...picks].every((id, i, all) => i === 0 || id !== all[i - 1])).toBe(true);
    expect([...picks.slice(0, 3)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('a bank change mid-cycle still covers every question before any repeats', () => {
    const history: string[] = [];
    rotate(bankOf('a', 'b', 'c'), 4, history); // a b c | a
    const grown = bankOf('a', 'b', 'c', 'd');
    const picks = rotate(grown, 3, history);
    expect(picks).toEqual(['b', 'c', 'd']); // finishes the cycle, new question included
    expect(rotate(grown, 4, history)).toEqual(['a', 'b', 'c', 'd']);
  });
});
