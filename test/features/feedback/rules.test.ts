import {
  checkFeedbackFields,
  dailyLimitRefusal,
  FEEDBACK_DAILY_LIMIT,
  FEEDBACK_FIELD_MAX,
  FEEDBACK_TEXT_MAX,
  feedbackAsText,
  feedbackDayStart,
  parseFeedbackCommand,
  recipientRefusal,
  type FeedbackCommand,
  type FeedbackRefusal,
  type RecipientFacts,
} from '../../../src/features/feedback/rules';

describe('parseFeedbackCommand', () => {
  it.each<[string, string, FeedbackCommand]>([
    ['nothing opens the form with nobody chosen', '', { kind: 'modal', recipientId: null }],
    ['blanks open the form with nobody chosen', '   ', { kind: 'modal', recipientId: null }],
    ['a mention alone opens the form for them', '<@U0BOB|bob>', { kind: 'modal', recipientId: 'U0BOB' }],
    ['a mention and spaces opens the form', ' <@U0BOB>  ', { kind: 'modal', recipientId: 'U0BOB' }],
    ['a mention and text sends', '<@U0BOB|bob> great demo', { kind: 'send', recipientId: 'U0BOB', text: 'great demo' }],
    ['an enterprise user id', '<@W0ANA|ana> thanks', { kind: 'send', recipientId: 'W0ANA', text: 'thanks' }],
    ['text keeps its line breaks and quotes', '<@U0BOB|bob> line one\n"line" two ', { kind: 'send', recipientId: 'U0BOB', text: 'line one\n"line" two' }],
    ['the mention may be followed by a line break', '<@U0BOB|bob>\nnice', { kind: 'send', recipientId: 'U0BOB', text: 'nice' }],
    ['list', 'list', { kind: 'list' }],
    ['LIST in any case', ' List ', { kind: 'list' }],
    ['a plain name is not a mention', 'bob great', { kind: 'not_a_mention' }],
    ['an @name typed without picking is not a mention', '@bob great', { kind: 'not_a_mention' }],
    ['a channel is not a mention', '<#C0GEN|general> great', { kind: 'not_a_mention' }],
    ['a broadcast is not a mention', '<!channel> great', { kind: 'not_a_mention' }],
    ['a user group is not a mention', '<!subteam^S1|@devs> great', { kind: 'not_a_mention' }],
    ['list with more words is not the list', 'list everything', { kind: 'not_a_mention' }],
  ])('%s', (_name, input, expected) => {
    expect(parseFeedbackCommand(input)).toEqual(expected);
  });
});

describe('recipientRefusal', () => {
  const person = (facts: Partial<RecipientFacts> = {}): RecipientFacts => ({ id: 'U0BOB', isBot: false, deleted: false, teamId: 'T0TEAM1', ...facts });
  it.each<[string, string, RecipientFacts | null, FeedbackRefusal | null]>([
    ['a teammate is fine', 'U0BOB', person(), null],
    ['yourself', 'U0ALICE', person({ id: 'U0ALICE' }), 'self'],
    ['yourself, even when Slack does not answer', 'U0ALICE', null, 'self'],
    ['the Learnloop bot', 'U0BOT', person({ id: 'U0BOT', isBot: false }), 'bot'],
    ['another bot', 'U0BOB', person({ isBot: true }), 'bot'],
    ['a bot from elsewhere is still a bot', 'U0BOB', person({ isBot: true, teamId: 'T0OTHER' }), 'bot'],
    ['a deactivated user', 'U0BOB', person({ deleted: true }), 'deactivated'],
    ['someone from another workspace', 'U0BOB', person({ teamId: 'T0OTHER' }), 'outside_workspace'],
    ['someone without a known workspace', 'U0BOB', person({ teamId: undefined }), 'outside_workspace'],
    ['a deactivated user from another workspace is outside it', 'U0BOB', person({ teamId: 'T0OTHER', deleted: true }), 'outside_workspace'],
    ['someone Slack does not know (user_not_found)', 'U0BOB', null, 'outside_workspace'],
  ])('%s', (_name, recipientId, recipient, expected) => {
    expect(recipientRefusal({ senderId: 'U0ALICE', recipientId, recipient, workspaceTeamId: 'T0TEAM1', botUserId: 'U0BOT' })).toBe(expected);
  });
});

describe('dailyLimitRefusal', () => {
  it.each<[number, FeedbackRefusal | null]>([
    [0, null],
    [29, null],
    [FEEDBACK_DAILY_LIMIT - 1, null],
    [FEEDBACK_DAILY_LIMIT, 'daily_limit'],
    [45, 'daily_limit'],
  ])('%i already sent today → %s', (sent, expected) => {
    expect(dailyLimitRefusal(sent)).toBe(expected);
  });

  it('allows 30 a day: the 31st is refused', () => {
    expect(FEEDBACK_DAILY_LIMIT).toBe(30);
  });
});

describe('feedbackDayStart', () => {
  it.each<[string, string, string, string]>([
    ['UTC midday', '2026-11-26T12:00:00Z', 'UTC', '2026-11-26T00:00:00.000Z'],
    ['Berlin, already the next local day', '2026-11-26T23:30:00Z', 'Europe/Berlin', '2026-11-26T23:00:00.000Z'],
    ['New York, still the previous local day', '2026-11-27T03:00:00Z', 'America/New_York', '2026-11-26T05:00:00.000Z'],
    ['Berlin on the day clocks go back', '2026-10-25T20:00:00Z', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['Auckland, ahead of UTC', '2026-11-26T12:00:00Z', 'Pacific/Auckland', '2026-11-26T11:00:00.000Z'],
  ])('%s', (_name, now, timeZone, expected) => {
    expect(feedbackDayStart(new Date(now), timeZone).toISOString()).toBe(expected);
  });
});

describe('checkFeedbackFields', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each<[string, Parameters<typeof checkFeedbackFields>[0], { field: string; code: FeedbackRefusal }[]]>([
    ['nothing at all', {}, [{ field: 'text', code: 'empty' }]],
    ['only blanks', { situation: '  ', behaviour: '\n', impact: '', text: ' ' }, [{ field: 'text', code: 'empty' }]],
    ['Situation alone is enough', { situation: 'Friday demo' }, []],
    ['Behaviour alone is enough', { behaviour: 'You paused for questions' }, []],
    ['Impact alone is enough', { impact: 'Everyone followed' }, []],
    ['free text alone is enough', { text: 'Great demo' }, []],
    ['a field of exactly 1,000 characters', { situation: long(FEEDBACK_FIELD_MAX) }, []],
    ['Situation over 1,000', { situation: long(FEEDBACK_FIELD_MAX + 1) }, [{ field: 'situation', code: 'field_too_long' }]],
    ['Behaviour over 1,000', { behaviour: long(FEEDBACK_FIELD_MAX + 1) }, [{ field: 'behaviour', code: 'field_too_long' }]],
    ['Impact over 1,000', { impact: long(FEEDBACK_FIELD_MAX + 1) }, [{ field: 'impact', code: 'field_too_long' }]],
    ['free text of exactly 3,000', { text: long(FEEDBACK_TEXT_MAX) }, []],
    ['free text over 3,000', { text: long(FEEDBACK_TEXT_MAX + 1) }, [{ field: 'text', code: 'text_too_long' }]],
    ['surrounding blanks do not count', { text: `  ${long(FEEDBACK_TEXT_MAX)}  ` }, []],
    [
      'every problem at once',
      { situation: long(1001), impact: long(1001), text: long(3001) },
      [
        { field: 'situation', code: 'field_too_long' },
        { field: 'impact', code: 'field_too_long' },
        { field: 'text', code: 'text_too_long' },
      ],
    ],
  ])('%s', (_name, input, errors) => {
    const result = checkFeedbackFields(input);
    if (errors.length === 0) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, errors });
  });

  it('trims every field and turns blanks into null', () => {
    expect(checkFeedbackFields({ situation: ' standup ', behaviour: '  ', impact: undefined, text: null })).toEqual({
      ok: true,
      fields: { situation: 'standup', behaviour: null, impact: null, text: null },
    });
  });
});

describe('feedbackAsText', () => {
  it('labels the three prompts and ends with the free text', () => {
    expect(feedbackAsText({ situation: 'Demo', behaviour: 'Paused for questions', impact: 'We followed', text: 'Thanks!' })).toBe(
      'Situation: Demo\nBehaviour: Paused for questions\nImpact: We followed\nThanks!',
    );
  });
  it('leaves out empty fields', () => {
    expect(feedbackAsText({ situation: null, behaviour: null, impact: 'Faster reviews', text: null })).toBe('Impact: Faster reviews');
  });
});
