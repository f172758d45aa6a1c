import { requiredPhrasePairs } from '../../../src/features/learnings/rules/search';

describe('requiredPhrasePairs', () => {
  it.each([
    ["'featur' <-> 'flag'", ['featur flag']],
    ["'pull' <-> 'request' <-> 'templat'", ['pull request', 'request templat']],
    ["'featur' <-> 'flag' & 'rollout'", ['featur flag']],
    ["'featur' <-> 'flag' & 'featur' <-> 'flag'", ['featur flag']],
    ["( 'a' <-> 'b' ) & ( 'c' <-> 'd' )", ['a b', 'c d']],
    ["'e-mail' <-> 'e' <-> 'mail'", ['e-mail e', 'e mail']],
    ["'it''s' <-> 'fine' <-> 'now'", ['fine now']],
  ])('%s requires %j', (text, pairs) => {
    expect(requiredPhrasePairs(text)).toEqual([...pairs].sort());
  });

  it.each([
    ["'featur' <-> 'flag' | 'rollout'", 'an OR'],
    ["'featur' <-> 'flag' & !'rollout'", 'a NOT'],
    ["'pull' <2> 'request'", 'a gap left by a stop word'],
    ["'rollout'", 'a single word'],
    ["'review' & 'code'", 'words that need not be adjacent'],
    ["'it''s' <-> 'fine'", 'an escaped quote'],
    ["'back\\\\slash' <-> 'fine'", 'an escaped backslash'],
    ["'featur':* <-> 'flag'", 'a prefix mark'],
    ['', 'nothing'],
  ])('%s requires no pair (%s)', (text) => {
    expect(requiredPhrasePairs(text)).toEqual([]);
  });
});
