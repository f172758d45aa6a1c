import {
  assembleReviewSummary,
  baseReactionName,
  isOverdue,
  learningsFromReflection,
  mayCloseReview,
  parseEmojiName,
  parseReviewCommand,
  relatedSearchWords,
  reviewClosers,
  splitNextTimeItems,
  titleFromMessage,
  type ReflectionInput,
} from '../../../src/features/reviews/rules';

const Z = '\u200B';

const reflection = (userId: string, answers: Partial<ReflectionInput> = {}): ReflectionInput => ({
  userId,
  expected: null,
  actual: null,
  whyDifference: null,
  nextTime: null,
  anonymous: false,
  ...answers,
});

describe('parseReviewCommand', () => {
  it.each([
    ['', { kind: 'open-modal' }],
    ['   ', { kind: 'open-modal' }],
    ['list', { kind: 'list' }],
    [' LIST ', { kind: 'list' }],
    ['close', { kind: 'close' }],
    ['Checkout outage  on Tuesday', { kind: 'start', title: 'Checkout outage on Tuesday' }],
    ['Release <!channel> retro', { kind: 'start', title: `Release @${Z}channel retro` }],
  ])('"%s" → %j', (text, expected) => {
    expect(parseReviewCommand(text)).toEqual(expected);
  });

  it('refuses a title over 150 characters', () => {
    const parsed = parseReviewCommand('x'.repeat(151));
    expect(parsed.kind).toBe('invalid');
  });
});

describe('titleFromMessage', () => {
  it.each([
    ['Deploy failed\nat 3pm', 'Deploy failed at 3pm'],
    ['', 'Review of a message'],
    [undefined, 'Review of a message'],
    ['@here the build is red', `@${Z}here the build is red`],
  ])('%j → %j', (text, title) => {
    expect(titleFromMessage(text)).toBe(title);
  });

  it('keeps the first 80 characters', () => {
    const title = titleFromMessage('a'.repeat(200));
    expect(title.length).toBe(80);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('parseEmojiName and baseReactionName', () => {
  it.each([
    ['tada', 'tada'],
    [':tada:', 'tada'],
    ['Thumbs_Up', 'thumbs_up'],
    ['+1', '+1'],
    ['party-parrot', 'party-parrot'],
    ['two words', null],
    ['<!channel>', null],
    ['', null],
    ['x'.repeat(65), null],
  ])('%j → %j', (text, name) => {
    expect(parseEmojiName(text)).toBe(name);
  });

  it('compares a skin-toned reaction by its base name', () => {
    expect(baseReactionName('rewind')).toBe('rewind');
    expect(baseReactionName('thumbsup::skin-tone-2')).toBe('thumbsup');
  });
});

describe('splitNextTimeItems', () => {
  it.each([
    ['Ship smaller\nPair on deploys', ['Ship smaller', 'Pair on deploys']],
    ['- Ship smaller\n* Pair on deploys\n• Write the runbook', ['Ship smaller', 'Pair on deploys', 'Write the runbook']],
    ['1. First\n2) Second\n\n   \n', ['First', 'Second']],
    ['Keep the checklist', ['Keep the checklist']],
    ['', []],
    [null, []],
  ])('%j → %j', (text, items) => {
    expect(splitNextTimeItems(text)).toEqual(items);
  });
});

describe('who may close a review', () => {
  const review = { startedBy: 'U0START', facilitatorId: 'U0FAC' };
  it.each([
    ['the starter', { userId: 'U0START', isAdmin: false }, true],
    ['the facilitator', { userId: 'U0FAC', isAdmin: false }, true],
    ['an admin', { userId: 'U0BOSS', isAdmin: true }, true],
    ['anyone else', { userId: 'U0OTHER', isAdmin: false }, false],
  ])('%s: %s', (_name, actor, allowed) => {
    expect(mayCloseReview(actor, review)).toBe(allowed);
  });

  it('names the starter and the facilitator once each', () => {
    expect(reviewClosers(review)).toEqual(['U0START', 'U0FAC']);
    expect(reviewClosers({ startedBy: 'U0START', facilitatorId: null })).toEqual(['U0START']);
    expect(reviewClosers({ startedBy: 'U0START', facilitatorId: 'U0START' })).toEqual(['U0START']);
  });
});

describe('assembleReviewSummary', () => {
  const summary = assembleReviewSummary(
    [
      reflection('U0ANN', { expected: 'A calm release', whyDifference: 'No canary', nextTime: 'Canary first\nSmaller batches' }),
      reflection('U0BEN', { expected: 'A quick fix', nextTime: '- Page earlier', anonymous: true }),
    ],
    [
      { userId: 'U0CAT', text: 'The alert was muted', permalink: 'https://acme.slack.com/x' },
      { userId: 'U0ANN', text: 'Agreed', permalink: null },
      { userId: 'U0CAT', text: '   ', permalink: null },
    ],
  );

  it('counts reflection authors and thread repliers once each', () => {
    expect(summary.participants).toBe(3);
  });

  it('groups answers by question, anonymous ones without a name', () => {
    expect(summary.answers.map((g) => g.key)).toEqual(['expected', 'actual', 'whyDifference', 'nextTime']);
    expect(summary.answers[0]!.answers).toEqual([
      { userId: 'U0ANN', text: 'A calm release' },
      { userId: null, text: 'A quick fix' },
    ]);
    expect(summary.answers[1]!.answers).toEqual([]);
  });

  it('lists each next-time line as an item, in reflection order', () => {
    expect(summary.nextItems).toEqual([
      { userId: 'U0ANN', text: 'Canary first' },
      { userId: 'U0ANN', text: 'Smaller batches' },
      { userId: null, text: 'Page earlier' },
    ]);
  });

  it('keeps non-empty thread contributions', () => {
    expect(summary.contributions.map((c) => c.text)).toEqual(['The alert was muted', 'Agreed']);
  });
});

describe('learningsFromReflection', () => {
  it('takes the why answer and each next-time item', () => {
    expect(learningsFromReflection({ whyDifference: ' No canary ', nextTime: 'Canary first\n- Smaller batches' })).toEqual(['No canary', 'Canary first', 'Smaller batches']);
    expect(learningsFromReflection({ whyDifference: null, nextTime: null })).toEqual([]);
  });
});

describe('relatedSearchWords', () => {
  it.each([
    ['Checkout outage on Tuesday', 'checkout OR outage OR tuesday'],
    ['The review of our deploy', 'deploy'],
    ['Q3 & <@U123> on-call', 'call'],
    ['a b', ''],
  ])('%j → %j', (title, words) => {
    expect(relatedSearchWords(title)).toBe(words);
  });
});

describe('isOverdue', () => {
  it.each([
    [{ status: 'open', dueDate: '2026-11-20' }, true],
    [{ status: 'open', dueDate: '2026-11-22' }, false],
    [{ status: 'open', dueDate: '2026-12-01' }, false],
    [{ status: 'done', dueDate: '2026-11-01' }, false],
  ])('%j on 2026-11-22 → %s', (commitment, overdue) => {
    expect(isOverdue(commitment, '2026-11-22')).toBe(overdue);
  });
});
