import { parseLearnloopCommand } from '../../src/domain/learnloop-command';

describe('parseLearnloopCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['  help ', { kind: 'help' }],
    ['--help', { kind: 'help' }],
    ['prompts', { kind: 'subcommand', name: 'prompts', args: [], rest: '' }],
    ['PROMPTS add weekly fri 15:00', { kind: 'subcommand', name: 'prompts', args: ['add', 'weekly', 'fri', '15:00'], rest: 'add weekly fri 15:00' }],
    ['"prompts" add "0 9 * * 1-5"', { kind: 'subcommand', name: 'prompts', args: ['add', '0 9 * * 1-5'], rest: 'add "0 9 * * 1-5"' }],
    ['search "code review" #reviews', { kind: 'subcommand', name: 'search', args: ['code review', '#reviews'], rest: '"code review" #reviews' }],
    ['promts list', { kind: 'unknown', word: 'promts', suggestion: 'prompts' }],
    ['xyzzy', { kind: 'unknown', word: 'xyzzy', suggestion: null }],
  ])('parses %j', (text, expected) => {
    expect(parseLearnloopCommand(text)).toEqual(expected);
  });
});
