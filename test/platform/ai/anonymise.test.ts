import { Anonymiser, scrubSecrets } from '../../../src/platform/ai/anonymise';
import { parseJsonObject } from '../../../src/platform/ai/ai-client';

describe('Anonymiser', () => {
  const people = new Map([
    ['U0ADA00001', ['Ada', 'Ada Lovelace']],
    ['U0GRACE001', ['Grace Hopper']],
  ]);

  it('turns mentions, names, first names and bare ids into stable participant labels', () => {
    const anonymiser = new Anonymiser(people);
    const text = anonymiser.scrub('<@U0GRACE001|grace> thanked Ada Lovelace; ada said Grace was right (U0ADA00001, U0ZZZZZZZZ)');
    expect(text).toBe('Participant A thanked Participant B; Participant B said Participant A was right (Participant B, someone)');
    expect(anonymiser.label('U0GRACE001')).toBe('Participant A');
  });

  it('leaves shouted words that only look like ids alone', () => {
    expect(new Anonymiser(new Map()).scrub('UNDERSTANDING WORKFLOWS by U0X1Y2Z3W4')).toBe('UNDERSTANDING WORKFLOWS by someone');
  });

  it('does not take a name out of a longer word', () => {
    const anonymiser = new Anonymiser(new Map([['U0ANN00001', ['Ann']]]));
    expect(anonymiser.scrub('The annual plan; Ann agreed')).toBe('The annual plan; Participant A agreed');
  });

  it('puts names back in the reader\'s draft, and an unknown person as a teammate', () => {
    const anonymiser = new Anonymiser(new Map([['U0ADA00001', ['Ada', 'Ada Lovelace']], ['U0NOBODY01', []]]));
    anonymiser.scrub('<@U0ADA00001> and <@U0NOBODY01>');
    expect(anonymiser.restore('Participant A helped Participant B; Participant C is made up')).toBe('Ada helped a teammate; Participant C is made up');
  });

  it('keeps channel names and link labels but drops link query strings, groups and broadcast mentions', () => {
    const anonymiser = new Anonymiser(new Map());
    expect(anonymiser.scrub('<#C0123|deploys> <https://ci.example.com/run/4?token=abc|the run> <!subteam^S01|@oncall> <!here>')).toBe(
      '#deploys the run (https://ci.example.com/run/4) a group everyone',
    );
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['xoxb-1234-5678-abcdefabcdef', '[secret]'],
    ['use sk-abcdefghijklmnopqrstuvwx now', 'use [secret] now'],
    ['ghp_abcdefghijklmnopqrstuvwxyz012345', '[secret]'],
    ['AKIAABCDEFGHIJKLMNOP', '[secret]'],
    ['password: hunter2hunter2', 'password [secret]'],
    ['the api_key=abc123 is set', 'the api_key [secret] is set'],
    ['Authorization: Bearer abcdefghijklmnop', 'Authorization: [secret]'],
    ['mail ada@example.com today', 'mail [e-mail] today'],
    ['sha 0123456789abcdef0123456789abcdef01', 'sha [secret]'],
  ])('removes %s', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  it('leaves ordinary words alone', () => {
    expect(scrubSecrets('We shipped the token refresh fix and the password reset page')).toBe('We shipped the token refresh fix and the password reset page');
  });
});

describe('parseJsonObject', () => {
  it('finds the object in a fenced or chatty answer, and nothing in prose', () => {
    expect(parseJsonObject('```json\n{"a":1}\n```')).toEqual({ a: 1 });
    expect(parseJsonObject('Here you go: {"a":[1,2]} hope it helps')).toEqual({ a: [1, 2] });
    expect(parseJsonObject('No themes this week.')).toBeUndefined();
    expect(parseJsonObject('{not json}')).toBeUndefined();
  });
});
