import { isHelpRequest, parseLearnloopCommand } from '../../../src/features/help/rules';

describe('parseLearnloopCommand', () => {
  it.each([
    ['', { kind: 'help', topic: null }],
    ['  help ', { kind: 'help', topic: null }],
    ['--help', { kind: 'help', topic: null }],
    ['help prompts', { kind: 'help', topic: 'prompts' }],
    ['HELP Review', { kind: 'help', topic: 'review' }],
    ['help /review', { kind: 'help', topic: 'review' }],
    ['help /learnloop settings', { kind: 'help', topic: 'settings' }],
    ['help forget-me', { kind: 'help', topic: 'forget-me' }],
    ['help help', { kind: 'help', topic: 'help' }],
    ['prompts help', { kind: 'help', topic: 'prompts' }],
    ['digest --help', { kind: 'help', topic: 'digest' }],
    ['review help', { kind: 'help', topic: 'review' }],
    ['help promts', { kind: 'help-unknown', word: 'promts', suggestion: 'prompts' }],
    ['help xyzzy', { kind: 'help-unknown', word: 'xyzzy', suggestion: null }],
    ['prompts', { kind: 'subcommand', name: 'prompts', args: [], rest: '' }],
    ['PROMPTS add weekly fri 15:00', { kind: 'subcommand', name: 'prompts', args: ['add', 'weekly', 'fri', '15:00'], rest: 'add weekly fri 15:00' }],
    ['"prompts" add "0 9 * * 1-5"', { kind: 'subcommand', name: 'prompts', args: ['add', '0 9 * * 1-5'], rest: 'add "0 9 * * 1-5"' }],
    ['search "code review" #reviews', { kind: 'subcommand', name: 'search', args: ['code review', '#reviews'], rest: '"code review" #reviews' }],
    // A lone "help" after search is what to search for.
    ['search help', { kind: 'subcommand', name: 'search', args: ['help'], rest: 'help' }],
    ['prompts help me', { kind: 'subcommand', name: 'prompts', args: ['help', 'me'], rest: 'help me' }],
    ['review list', { kind: 'other-command', command: 'review', rest: 'list' }],
    ['/review close', { kind: 'other-command', command: 'review', rest: 'close' }],
    ['Learned Small PRs get reviewed faster #reviews', { kind: 'other-command', command: 'learned', rest: 'Small PRs get reviewed faster #reviews' }],
    ['feedback', { kind: 'other-command', command: 'feedback', rest: '' }],
    ['promts list', { kind: 'unknown', word: 'promts', suggestion: 'prompts' }],
    ['xyzzy', { kind: 'unknown', word: 'xyzzy', suggestion: null }],
  ])('parses %j', (text, expected) => {
    expect(parseLearnloopCommand(text)).toEqual(expected);
  });
});

describe('isHelpRequest', () => {
  it.each([
    ['help', true],
    [' HELP ', true],
    ['?', true],
    ['--help', true],
    ['help me with the outage', false],
    ['Helpdesk outage', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isHelpRequest(text)).toBe(expected);
  });
});
