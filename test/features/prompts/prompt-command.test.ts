import {
  cadenceFromForm,
  formatDuration,
  formatInZone,
  parseDurationHours,
  parsePromptCommand,
  parseQuestionCommand,
  parseShortId,
  type PromptCommand,
  type QuestionCommand,
  type ScheduleForm,
} from '../../../src/features/prompts/rules/prompt-command';

const Z = '\u200B';
// Monday 23 November 2026, 11:00 in Berlin.
const defaults = { timeZone: 'Europe/Berlin', now: new Date('2026-11-23T10:00:00Z') };
const CRON_EXAMPLE = 'Example: /learnloop prompts add "0 9 * * 1-5" Europe/Berlin';
const NUDGE_EXAMPLE = 'e.g. `/learnloop prompts nudge 12 4h` or `/learnloop prompts nudge 12 off`';

describe('parsePromptCommand', () => {
  it.each<[string, PromptCommand]>([
    ['', { kind: 'open-modal' }],
    ['   ', { kind: 'open-modal' }],
    ['add weekly fri 15:00 Europe/Berlin', { kind: 'add', cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, timeZone: 'Europe/Berlin', anyway: false }],
    ['add "0 9 * * 1-5" America/New_York', { kind: 'add', cadence: { kind: 'cron', expression: '0 9 * * 1-5' }, timeZone: 'America/New_York', anyway: false }],
    ['add daily 09:30', { kind: 'add', cadence: { kind: 'daily', time: { hour: 9, minute: 30 } }, timeZone: 'Europe/Berlin', anyway: false }],
    ['add weekly friday 3pm', { kind: 'add', cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, timeZone: 'Europe/Berlin', anyway: false }],
    ['add weekly Fridays 3 pm', { kind: 'add', cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, timeZone: 'Europe/Berlin', anyway: false }],
    ['add daily 9:30am America/New_York', { kind: 'add', cadence: { kind: 'daily', time: { hour: 9, minute: 30 } }, timeZone: 'America/New_York', anyway: false }],
    ['add weekly friday 3pm anyway', { kind: 'add', cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, timeZone: 'Europe/Berlin', anyway: true }],
    ['add weekly fri 15:00 Europe/Berlin ANYWAY', { kind: 'add', cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, timeZone: 'Europe/Berlin', anyway: true }],
    ['add 0 9 * * 1-5 anyway', { kind: 'add', cadence: { kind: 'cron', expression: '0 9 * * 1-5' }, timeZone: 'Europe/Berlin', anyway: true }],
    ['list', { kind: 'list' }],
    ['LIST', { kind: 'list' }],
    ['pause 12', { kind: 'pause', id: 12 }],
    ['Pause #12', { kind: 'pause', id: 12 }],
    ['resume 3', { kind: 'resume', id: 3 }],
    ['remove #4', { kind: 'remove', id: 4 }],
    ['now', { kind: 'now' }],
    ['history', { kind: 'history' }],
    ['nudge 12 4h', { kind: 'nudge', id: 12, minutes: 240 }],
    ['nudge #12 90m', { kind: 'nudge', id: 12, minutes: 90 }],
    ['nudge 12 4 hours', { kind: 'nudge', id: 12, minutes: 240 }],
    ['nudge 12 off', { kind: 'nudge', id: 12, minutes: null }],
    ['skip 2026-12-24..2027-01-02', { kind: 'skip-add', fromDate: '2026-12-24', toDate: '2027-01-02' }],
    ['skip 2026-12-24', { kind: 'skip-add', fromDate: '2026-12-24', toDate: '2026-12-24' }],
    ['skip 2026-11-23', { kind: 'skip-add', fromDate: '2026-11-23', toDate: '2026-11-23' }],
    ['skip list', { kind: 'skip-list' }],
    ['skip remove 3', { kind: 'skip-remove', id: 3 }],
    ['skip remove #3', { kind: 'skip-remove', id: 3 }],
  ])('parses "%s"', (text, expected) => {
    expect(parsePromptCommand(text, defaults)).toEqual(expected);
  });

  it('anchors a biweekly schedule on the next matching weekday in its zone', () => {
    expect(parsePromptCommand('add biweekly wed 10:00 Europe/Berlin', defaults)).toEqual({
      kind: 'add',
      cadence: { kind: 'biweekly', weekday: 3, time: { hour: 10, minute: 0 }, anchor: '2026-11-25' },
      timeZone: 'Europe/Berlin',
      anyway: false,
    });
  });

  it.each<[string, string]>([
    // add: the cadence parser's messages, passed through
    ['add', 'Say when to post. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['add hourly 10:00', 'Unknown cadence "hourly". Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['add daily 25:00', '"25:00" is not a time of day. Use a time like 15:00 or 3pm.'],
    ['add weekly friday 3', '"3" could be morning or afternoon: write 3am, 3pm or 03:00.'],
    ['add weekly friday', '"weekly friday" needs a time of day. Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['add anyway', 'Unknown cadence "anyway". Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin'],
    ['add daily 09:00 Mars/Olympus', 'Unknown time zone "Mars/Olympus". Use an IANA name such as Europe/Berlin or America/New_York.'],
    ['add "0 0 9 * * 1-5"', `Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported. ${CRON_EXAMPLE}`],
    ['add "0 9 30 2 *"', `That cron expression never fires (there is no such date). ${CRON_EXAMPLE}`],
    ['add <!here>', `Unknown cadence "@${Z}here". Try: /learnloop prompts add weekly fri 15:00 Europe/Berlin`],
    // unknown sub-subcommands, with "did you mean"
    ['lsit', '`lsit` is not a `/learnloop prompts` command. Did you mean `/learnloop prompts list`?'],
    ['paus 3', '`paus` is not a `/learnloop prompts` command. Did you mean `/learnloop prompts pause`?'],
    ['frobnicate', '`frobnicate` is not a `/learnloop prompts` command. Use add, list, pause, resume, remove, now, history, nudge or skip, e.g. `/learnloop prompts list`.'],
    ['<!channel>', `\`@${Z}channel\` is not a \`/learnloop prompts\` command. Use add, list, pause, resume, remove, now, history, nudge or skip, e.g. \`/learnloop prompts list\`.`],
    // words after commands that take none
    ['list all', '`list` takes nothing after it, e.g. `/learnloop prompts list`.'],
    ['now please', '`now` takes nothing after it, e.g. `/learnloop prompts now`.'],
    ['history 5', '`history` takes nothing after it, e.g. `/learnloop prompts history`.'],
    // schedule ids
    ['pause', 'Say which schedule to pause, e.g. `/learnloop prompts pause 12` (the ids are in `/learnloop prompts list`).'],
    ['resume', 'Say which schedule to resume, e.g. `/learnloop prompts resume 12` (the ids are in `/learnloop prompts list`).'],
    ['remove', 'Say which schedule to remove, e.g. `/learnloop prompts remove 12` (the ids are in `/learnloop prompts list`).'],
    ['pause abc', '`abc` is not a schedule id. Use the number from `/learnloop prompts list`, e.g. `/learnloop prompts pause 12`.'],
    ['remove 0', '`0` is not a schedule id. Use the number from `/learnloop prompts list`, e.g. `/learnloop prompts remove 12`.'],
    ['pause 12 13', '`pause` takes just the schedule id, e.g. `/learnloop prompts pause 12`.'],
    // nudge
    ['nudge', 'Say which schedule to nudge, e.g. `/learnloop prompts nudge 12 4h` (the ids are in `/learnloop prompts list`).'],
    ['nudge x 4h', '`x` is not a schedule id. Use the number from `/learnloop prompts list`, e.g. `/learnloop prompts nudge 12 4h`.'],
    ['nudge 12', 'Say how long to wait before nudging, e.g. `/learnloop prompts nudge 12 4h`, or `/learnloop prompts nudge 12 off` to stop nudges.'],
    ['nudge 12 30m', `Nudges can wait from 1h to 72h, not 30m; ${NUDGE_EXAMPLE}.`],
    ['nudge 12 100h', `Nudges can wait from 1h to 72h, not 100h; ${NUDGE_EXAMPLE}.`],
    ['nudge 12 4x', `\`4x\` is not a duration. Use hours or minutes, ${NUDGE_EXAMPLE}.`],
    ['nudge 12 4h 5h', `\`4h 5h\` is not a duration. Use hours or minutes, ${NUDGE_EXAMPLE}.`],
    // skips
    ['skip', 'Say which dates to skip, e.g. `/learnloop prompts skip 2026-12-24..2027-01-02` or a single date like `/learnloop prompts skip 2026-12-24`.'],
    ['skip tomorrow', '"tomorrow" is not a date in the form YYYY-MM-DD. Try 2026-12-24..2027-01-02 or a single date like 2026-12-24.'],
    ['skip 2026-02-30', '2026-02-30 is not a real date. Try 2026-12-24..2027-01-02 or a single date like 2026-12-24.'],
    ['skip 2027-01-02..2026-12-24', '2026-12-24 is before 2027-01-02. Try 2026-12-24..2027-01-02 or a single date like 2026-12-24.'],
    ['skip 2027-01-01..2028-06-01', '2027-01-01..2028-06-01 is 518 days; the limit is 366. Try 2026-12-24..2027-01-02 or a single date like 2026-12-24.'],
    ['skip 2026-11-01..2026-11-22', '2026-11-22 is already past; skip dates must be today (2026-11-23) or later, e.g. `/learnloop prompts skip 2026-12-24..2027-01-02`'],
    ['skip list x', '`skip list` takes nothing after it, e.g. `/learnloop prompts skip list`.'],
    ['skip remove', 'Say which skip to remove, e.g. `/learnloop prompts skip remove 3` (the ids are in `/learnloop prompts skip list`).'],
    ['skip remove x', '`x` is not a skip id. Use the number from `/learnloop prompts skip list`, e.g. `/learnloop prompts skip remove 3`.'],
    ['skip remove 3 4', '`remove` takes just the skip id, e.g. `/learnloop prompts skip remove 3`.'],
  ])('answers "%s" with one sentence and an example', (text, error) => {
    expect(parsePromptCommand(text, defaults)).toEqual({ kind: 'invalid', error });
  });

  it('never echoes a live broadcast from what was typed', () => {
    for (const text of ['add weekly fri 15:00 <!channel>', 'skip <!here>', 'pause <!everyone>', 'nudge 1 <!channel>']) {
      const parsed = parsePromptCommand(text, defaults);
      expect(parsed.kind).toBe('invalid');
      expect(JSON.stringify(parsed)).not.toMatch(/<!(channel|here|everyone)>/);
    }
  });
});

describe('parseQuestionCommand', () => {
  const example = '`/learnloop questions add What did a customer teach us this week?`';
  it.each<[string, QuestionCommand]>([
    ['', { kind: 'list' }],
    ['list', { kind: 'list' }],
    ['add What did a customer teach us?', { kind: 'add', text: 'What did a customer teach us?' }],
    ['ADD   What  "exactly" went <@U1> & well?  ', { kind: 'add', text: 'What  "exactly" went <@U1> & well?' }],
    ['add <!channel> why?', { kind: 'add', text: '<!channel> why?' }],
    [`add ${'x'.repeat(300)}`, { kind: 'add', text: 'x'.repeat(300) }],
    // Slack sends & as &amp;: it counts as the one character typed.
    [`add ${'&amp;'.repeat(300)}`, { kind: 'add', text: '&amp;'.repeat(300) }],
    ['remove 3', { kind: 'remove', id: 3 }],
    ['remove #3', { kind: 'remove', id: 3 }],
  ])('parses "%s"', (text, expected) => {
    expect(parseQuestionCommand(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['add', `Write the question after \`add\`, e.g. ${example}`],
    ['add    ', `Write the question after \`add\`, e.g. ${example}`],
    [`add ${'x'.repeat(301)}`, `Keep questions to 300 characters (this one has 301), e.g. ${example}`],
    ['list x', '`list` takes nothing after it, e.g. `/learnloop questions list`.'],
    ['remove', 'Say which question to remove, e.g. `/learnloop questions remove 3` (the ids are in `/learnloop questions list`).'],
    ['remove x', '`x` is not a question id. Use the number from `/learnloop questions list`, e.g. `/learnloop questions remove 3`.'],
    ['remove 3 4', '`remove` takes just the question id, e.g. `/learnloop questions remove 3`.'],
    ['rmove 3', '`rmove` is not a `/learnloop questions` command. Did you mean `/learnloop questions remove`?'],
    ['zzz', '`zzz` is not a `/learnloop questions` command. Use add, list or remove, e.g. `/learnloop questions list`.'],
  ])('answers "%s" with one sentence and an example', (text, error) => {
    expect(parseQuestionCommand(text)).toEqual({ kind: 'invalid', error });
  });
});

describe('parseDurationHours', () => {
  it.each<[string, number | null]>([
    ['4h', 240],
    ['90m', 90],
    ['1.5h', 90],
    ['4', 240],
    ['1h', 60],
    ['60m', 60],
    ['72h', 4320],
    ['4 hours', 240],
    ['4hours', 240],
    ['120 minutes', 120],
    ['off', null],
    ['OFF', null],
  ])('reads "%s"', (text, minutes) => {
    expect(parseDurationHours(text)).toEqual({ minutes });
  });

  it.each<[string, string]>([
    ['59m', `Nudges can wait from 1h to 72h, not 59m; ${NUDGE_EXAMPLE}.`],
    ['73h', `Nudges can wait from 1h to 72h, not 73h; ${NUDGE_EXAMPLE}.`],
    ['0', `Nudges can wait from 1h to 72h, not 0m; ${NUDGE_EXAMPLE}.`],
    ['0.01h', `Use whole minutes for nudges, not \`0.01h\`, ${NUDGE_EXAMPLE}.`],
    ['abc', `\`abc\` is not a duration. Use hours or minutes, ${NUDGE_EXAMPLE}.`],
    ['-4h', `\`-4h\` is not a duration. Use hours or minutes, ${NUDGE_EXAMPLE}.`],
    ['2d', `\`2d\` is not a duration. Use hours or minutes, ${NUDGE_EXAMPLE}.`],
  ])('refuses "%s"', (text, error) => {
    expect(parseDurationHours(text)).toEqual({ error });
  });

  it.each<[number, string]>([
    [240, '4h'],
    [90, '1h 30m'],
    [45, '45m'],
  ])('formats %d minutes as %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('parseShortId', () => {
  it.each<[string, number | null]>([
    ['12', 12],
    ['#12', 12],
    [' #7 ', 7],
    ['0', null],
    ['#', null],
    ['12a', null],
    ['-3', null],
    ['1234567890', null],
  ])('"%s" → %p', (word, id) => {
    expect(parseShortId(word)).toBe(id);
  });
});

describe('formatInZone', () => {
  it.each<[string, string, string]>([
    ['2026-11-27T14:00:00Z', 'Europe/Berlin', 'Fri 27 Nov, 15:00 (Europe/Berlin)'],
    ['2026-11-27T14:00:00Z', 'America/New_York', 'Fri 27 Nov, 09:00 (America/New_York)'],
    ['2026-09-03T04:05:00Z', 'America/New_York', 'Thu 3 Sep, 00:05 (America/New_York)'],
    ['2026-11-27T23:30:00Z', 'Asia/Kolkata', 'Sat 28 Nov, 05:00 (Asia/Kolkata)'],
    // The last Sunday of March: Berlin moves from UTC+1 to UTC+2 at 01:00 UTC.
    ['2026-03-29T00:30:00Z', 'Europe/Berlin', 'Sun 29 Mar, 01:30 (Europe/Berlin)'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', 'Sun 29 Mar, 03:30 (Europe/Berlin)'],
  ])('%s in %s is %s', (iso, zone, text) => {
    expect(formatInZone(new Date(iso), zone)).toBe(text);
  });
});

describe('cadenceFromForm', () => {
  const form = (fields: Partial<ScheduleForm>): ScheduleForm => ({
    cadence: undefined,
    weekday: undefined,
    dayOfMonth: undefined,
    time: undefined,
    cron: undefined,
    timeZone: 'Europe/Berlin',
    ...fields,
  });

  it.each<[string, Partial<ScheduleForm>, unknown]>([
    ['daily', { cadence: 'daily', time: '09:00' }, { cadence: { kind: 'daily', time: { hour: 9, minute: 0 } }, timeZone: 'Europe/Berlin' }],
    ['weekdays', { cadence: 'weekdays', time: '08:15' }, { cadence: { kind: 'weekdays', time: { hour: 8, minute: 15 } }, timeZone: 'Europe/Berlin' }],
    ['weekly', { cadence: 'weekly', weekday: 'fri', time: '15:00' }, { cadence: { kind: 'weekly', weekday: 5, time: { hour: 15, minute: 0 } }, timeZone: 'Europe/Berlin' }],
    [
      'biweekly',
      { cadence: 'biweekly', weekday: 'mon', time: '09:30' },
      { cadence: { kind: 'biweekly', weekday: 1, time: { hour: 9, minute: 30 }, anchor: '2026-11-23' }, timeZone: 'Europe/Berlin' },
    ],
    ['monthly', { cadence: 'monthly', dayOfMonth: '31', time: '10:00' }, { cadence: { kind: 'monthly', dayOfMonth: 31, time: { hour: 10, minute: 0 } }, timeZone: 'Europe/Berlin' }],
    ['cron (the time field is ignored)', { cadence: 'cron', cron: ' 0  9 * * 1-5 ', time: '15:00', timeZone: 'america/new_york' }, { cadence: { kind: 'cron', expression: '0 9 * * 1-5' }, timeZone: 'America/New_York' }],
  ])('builds the cadence: %s', (_name, fields, expected) => {
    expect(cadenceFromForm(form(fields), defaults.now)).toEqual(expected);
  });

  it.each<[string, Partial<ScheduleForm>, Record<string, string>]>([
    ['nothing chosen', { timeZone: '' }, { cadence: 'Choose how often to post.', timeZone: 'Enter a time zone, e.g. Europe/Berlin or America/New_York.' }],
    ['an impossible time', { cadence: 'daily', time: '25:00' }, { time: '"25:00" is not a time of day. Use 24-hour HH:MM, e.g. 09:30.' }],
    ['no time', { cadence: 'daily' }, { time: 'Choose a time of day, e.g. 09:30.' }],
    ['weekly without a day', { cadence: 'weekly', time: '10:00' }, { weekday: 'Weekly prompts need a day of the week.' }],
    ['biweekly without a day', { cadence: 'biweekly', time: '10:00' }, { weekday: 'Prompts every two weeks need a day of the week.' }],
    ['monthly on day 32', { cadence: 'monthly', dayOfMonth: '32', time: '10:00' }, { dayOfMonth: 'Enter a day of the month from 1 to 31, e.g. 15.' }],
    ['an unknown zone', { cadence: 'daily', time: '10:00', timeZone: 'Mars/Olympus' }, { timeZone: 'Unknown time zone "Mars/Olympus". Use an IANA name such as Europe/Berlin or America/New_York.' }],
    ['cron without an expression', { cadence: 'cron' }, { cron: 'Write a cron expression, e.g. 0 9 * * 1-5 (09:00 on weekdays).' }],
    ['cron with seconds', { cadence: 'cron', cron: '0 0 9 * * *' }, { cron: 'Cron expressions here have 5 fields (minute hour day month weekday); seconds are not supported.' }],
    ['cron that never fires', { cadence: 'cron', cron: '0 9 31 2 *' }, { cron: 'That cron expression never fires (there is no such date).' }],
    [
      'several problems at once',
      { cadence: 'monthly', dayOfMonth: 'x', time: '9', timeZone: 'Nowhere' },
      {
        dayOfMonth: 'Enter a day of the month from 1 to 31, e.g. 15.',
        time: '"9" is not a time of day. Use 24-hour HH:MM, e.g. 09:30.',
        timeZone: 'Unknown time zone "Nowhere". Use an IANA name such as Europe/Berlin or America/New_York.',
      },
    ],
  ])('puts %s on its field', (_name, fields, errors) => {
    expect(cadenceFromForm(form(fields), defaults.now)).toEqual({ errors });
  });
});
