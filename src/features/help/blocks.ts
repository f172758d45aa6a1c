import type { KnownBlock } from '@slack/types';
import type { HelpTopic, OtherCommand } from './rules';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import { context } from '../../platform/ui/blocks';

/** One form of a command: what to type and what it does. */
export interface CommandForm {
  /** What to type; alternatives that do the same kind of thing are listed together. */
  usage: string | readonly string[];
  what: string;
}

export interface CommandHelp {
  topic: HelpTopic;
  usage: string;
  summary: string;
  example: string;
  /** Every form of the command, for `/learnloop help TOPIC`. */
  forms: readonly CommandForm[];
  examples: readonly string[];
  note?: string;
}

const P = '/learnloop prompts';

/** Every command Learnloop answers, in the order the help list shows them; the help message and the App Home show it. */
export const COMMAND_HELP: readonly CommandHelp[] = [
  {
    topic: 'help',
    usage: '/learnloop help',
    summary: 'This list; `/learnloop help COMMAND` shows every form of one command.',
    example: '/learnloop help prompts',
    forms: [
      { usage: '/learnloop help', what: 'Every command, with an example.' },
      { usage: '/learnloop help COMMAND', what: 'Every form of one command, with examples (also `/learnloop COMMAND help`).' },
    ],
    examples: ['/learnloop help prompts', '/learnloop help review'],
  },
  {
    topic: 'prompts',
    usage: '/learnloop prompts',
    summary: 'Schedule reflection prompts in this channel (a form), or manage them as text.',
    example: `${P} add weekly fri 15:00 Europe/Berlin`,
    forms: [
      { usage: P, what: 'Open the form to schedule prompts in this channel.' },
      {
        usage: `${P} add HOW-OFTEN TIME [TIME-ZONE]`,
        what: 'Schedule from text: `daily`, `weekdays`, `weekly DAY`, `biweekly DAY`, `monthly DAY-OF-MONTH` or a cron expression in quotes; times like `15:00` or `3pm`; your own time zone unless you name one.',
      },
      { usage: `${P} add … anyway`, what: 'Add a schedule even when another one here posts at the same time (without `anyway`, Learnloop refuses and names it).' },
      { usage: `${P} list`, what: "The channel's schedules with their ids, next prompt and status, and the skip dates." },
      { usage: [`${P} pause ID`, 'resume ID', 'remove ID'], what: 'Stop, restart or delete a schedule (yours, or any if you are an admin).' },
      { usage: `${P} nudge ID 4h`, what: 'Nudge people 1 to 72 hours after each prompt if its thread is still quiet; `nudge ID off` stops it.' },
      { usage: `${P} now`, what: 'Post a prompt right away.' },
      { usage: `${P} history`, what: 'The last 10 prompts, with links and how many replied.' },
      { usage: [`${P} skip FROM..TO`, 'skip list', 'skip remove ID'], what: 'No prompts on these dates (holidays, offsites).' },
    ],
    examples: [`${P} add weekly friday 3pm`, `${P} add daily 09:30 Europe/Berlin`, `${P} add monthly 1 10:00`, `${P} add "0 9 * * 1-5" America/New_York`, `${P} nudge 2 4h`, `${P} skip 2026-12-24..2027-01-02`],
  },
  {
    topic: 'questions',
    usage: '/learnloop questions',
    summary: "Add, list or remove this channel's own reflection questions.",
    example: '/learnloop questions add What did a customer teach us this week?',
    forms: [
      { usage: '/learnloop questions', what: "This channel's own questions with their ids (also `questions list`)." },
      { usage: '/learnloop questions add QUESTION', what: "Add a question (up to 300 characters); schedules set to this channel's own questions ask it." },
      { usage: '/learnloop questions remove ID', what: 'Remove a question (yours, or any if you are an admin).' },
    ],
    examples: ['/learnloop questions add What did a customer teach us this week?', '/learnloop questions remove 3'],
  },
  {
    topic: 'quiet',
    usage: '/learnloop quiet',
    summary: 'Pause reminders and nudges from Learnloop for a while.',
    example: '/learnloop quiet 3d',
    forms: [
      { usage: '/learnloop quiet', what: 'Whether your reminders and nudges are on.' },
      { usage: '/learnloop quiet 3d', what: 'Pause them for hours, days or weeks (`12h`, `3d`, `2w`; up to a year).' },
      { usage: '/learnloop quiet until YYYY-MM-DD', what: 'Pause them through that day.' },
      { usage: '/learnloop quiet off', what: 'Turn them back on.' },
    ],
    examples: ['/learnloop quiet 2w', '/learnloop quiet until 2026-12-31', '/learnloop quiet off'],
  },
  {
    topic: 'learned',
    usage: '/learned',
    summary: 'Record something you learned, with #tags and a link.',
    example: '/learned Small PRs get reviewed faster #reviews',
    forms: [
      { usage: '/learned TEXT', what: 'Record a learning for the team; its #tags (emoji too, like #🎉) and first link are picked up.' },
      { usage: '/learned', what: 'Open the form: tags, a link, who can see it and where it came from.' },
    ],
    examples: ['/learned Small PRs get reviewed faster #reviews', '/learned Feature flags made the rollback painless #deploys #🎉 https://example.com/postmortem'],
  },
  {
    topic: 'search',
    usage: '/learnloop search',
    summary: 'Search the team knowledge base.',
    example: '/learnloop search "code review" #reviews',
    forms: [
      { usage: '/learnloop search WORDS', what: 'Learnings and public prompt replies you may see, best match first, 10 at a time.' },
      { usage: ['"a phrase"', 'word OR other', '-word', '#tag'], what: 'A whole phrase, either word, leave a word out, only learnings with that tag.' },
    ],
    examples: ['/learnloop search "code review" #reviews', '/learnloop search deploy OR release -staging'],
  },
  {
    topic: 'learnings',
    usage: '/learnloop learnings',
    summary: 'Recent learnings of a teammate or a #tag; alone, your own.',
    example: '/learnloop learnings #reviews',
    forms: [
      { usage: '/learnloop learnings', what: 'Your recent learnings, with Delete buttons (also `learnings me`).' },
      { usage: '/learnloop learnings @person', what: "A teammate's recent learnings." },
      { usage: '/learnloop learnings #tag', what: 'Recent learnings with that tag.' },
    ],
    examples: ['/learnloop learnings #reviews', '/learnloop learnings @alex'],
  },
  {
    topic: 'feedback',
    usage: '/feedback',
    summary: 'Give a teammate feedback (only the two of you see it).',
    example: '/feedback @alex Your demo made the trade-offs clear',
    forms: [
      { usage: '/feedback @person TEXT', what: 'Send feedback that only the two of you see.' },
      { usage: '/feedback @person', what: 'Open the form (situation, behaviour, impact); `/feedback` alone lets you pick the person.' },
      { usage: '/feedback list', what: 'The feedback you sent lately.' },
    ],
    examples: ['/feedback @alex Your demo made the trade-offs clear', '/feedback list'],
  },
  {
    topic: 'review',
    usage: '/review',
    summary: 'Start an after-action review in this channel; `/review list` shows its reviews, `/review close` closes the latest.',
    example: '/review Checkout outage on Tuesday',
    forms: [
      { usage: '/review TITLE', what: 'Start an after-action review in this channel.' },
      { usage: '/review', what: 'Open the form to start one.' },
      { usage: '/review list', what: "This channel's open and closed reviews, and overdue commitments." },
      { usage: '/review close', what: "Close the channel's latest open review and post its summary." },
    ],
    examples: ['/review Checkout outage on Tuesday', '/review list'],
    note: 'You can also react to a message with :rewind: (see `/learnloop settings`) or use its "Start a review on this" shortcut.',
  },
  {
    topic: 'mentor',
    usage: '/learnloop mentor',
    summary: 'Ask for a mentor, or see your mentoring pairs.',
    example: '/learnloop mentor request @sam',
    forms: [
      { usage: '/learnloop mentor request @person [NOTE]', what: 'Ask someone to mentor you; they can accept or decline.' },
      { usage: '/learnloop mentor list', what: 'Your mentoring pairs and their next check-in.' },
      { usage: '/learnloop mentor cadence @person weekly|biweekly|monthly', what: 'How often check-in reminders come.' },
      { usage: ['/learnloop mentor pause @person', 'resume @person', 'end @person'], what: 'Pause, restart or end a pairing.' },
      { usage: '/learnloop mentor pair @mentor @mentee [weekly|biweekly|monthly]', what: 'Pair two people (admins).' },
    ],
    examples: ['/learnloop mentor request @sam Help me get better at code review', '/learnloop mentor cadence @sam monthly'],
  },
  {
    topic: 'session',
    usage: '/learnloop session',
    summary: 'Plan a leader-led learning session with a backup leader.',
    example: '/learnloop session',
    forms: [
      { usage: '/learnloop session', what: 'Open the form to plan a session: topic, leader, backup leader, date and time.' },
      { usage: '/learnloop session list', what: "This channel's upcoming and past sessions." },
    ],
    examples: ['/learnloop session', '/learnloop session list'],
  },
  {
    topic: 'growth',
    usage: '/learnloop growth',
    summary: 'Your growth per competency: level, evidence of the last 90 days, open goals; or the team map.',
    example: '/learnloop growth',
    forms: [
      { usage: '/learnloop growth', what: 'Your growth (only you and your mentors see it), with a 12-week chart in your DM.' },
      { usage: '/learnloop growth @person', what: 'A mentee’s growth, for their mentors.' },
      { usage: '/learnloop growth team', what: 'The team map: people per level, evidence this month, median time to a level, gaps. No names, no ranking.' },
    ],
    examples: ['/learnloop growth', '/learnloop growth team'],
  },
  {
    topic: 'goal',
    usage: '/learnloop goal',
    summary: 'Set yourself a growth goal; a mentor, or a person you name, confirms it when you get there.',
    example: '/learnloop goal add "Giving feedback" to Practising by 2027-03-31',
    forms: [
      { usage: '/learnloop goal add "COMPETENCY" to LEVEL [by YYYY-MM-DD]', what: 'Set a goal (`/learnloop goal add` alone opens a form).' },
      { usage: '/learnloop goal list', what: 'Your open goals.' },
      { usage: '/learnloop goal reached N [@person]', what: 'Say you got there; your mentors (or the person you name) confirm it.' },
      { usage: '/learnloop goal withdraw N', what: 'Drop a goal.' },
    ],
    examples: ['/learnloop goal add "Code review" to Fluent by 2027-06-30', '/learnloop goal reached 3 @sam'],
  },
  {
    topic: 'competencies',
    usage: '/learnloop competencies',
    summary: 'The competency map: what the team grows in, and the #tags that count as evidence.',
    example: '/learnloop competencies list',
    forms: [
      { usage: '/learnloop competencies [list]', what: 'The map, for everyone.' },
      { usage: '/learnloop competencies add "NAME" #tag #tag [DESCRIPTION]', what: 'Add one (admins; `competencies add` alone opens a form).' },
      { usage: ['/learnloop competencies rename "OLD" to "NEW"', 'describe "NAME" TEXT', 'tags "NAME" #a #b', 'levels "NAME" A | B | C | D', 'retire "NAME"'], what: 'Change the map (admins).' },
      { usage: '/learnloop competencies starter', what: 'A starter map for a software team to edit (admins).' },
    ],
    examples: ['/learnloop competencies starter', '/learnloop competencies add "Giving feedback" #feedback #sbi'],
  },
  {
    topic: 'project',
    usage: '/learnloop project',
    summary: 'Run a 6–12 month action-learning project with a sponsor, a coach, learning sets and modules.',
    example: '/learnloop project new',
    forms: [
      { usage: '/learnloop project new', what: 'The charter form: challenge, sponsor, coach, 2–8 members, channel, dates, hours, learning-set rhythm.' },
      { usage: '/learnloop project list', what: 'Your projects and your role in each.' },
      { usage: ['/learnloop project show ID', 'pause ID', 'resume ID', 'close ID'], what: 'One project’s state; pause, resume or close it (coach, sponsor, creator or admins).' },
      { usage: '/learnloop project module add', what: 'Add a learning module to a project you coach or sponsor.' },
      { usage: '/learnloop project wave NAME', what: 'A wave’s projects in figures (admins).' },
    ],
    examples: ['/learnloop project new', '/learnloop project show 3'],
  },
  {
    topic: 'community',
    usage: '/learnloop community',
    summary: 'Communities of practice: learnings tagged for a craft flow in from every channel.',
    example: '/learnloop community list',
    forms: [
      { usage: '/learnloop community list', what: 'Every community, with its members and tags.' },
      { usage: '/learnloop community new', what: 'Start one (a form: name, purpose, tags, home channel, leads).' },
      { usage: ['/learnloop community show "NAME"', 'join "NAME"', 'leave "NAME"', 'pairing "NAME" on|off'], what: 'See, join or leave one; take part in its coffee pairings.' },
      { usage: ['/learnloop community tags "NAME" #a #b', 'purpose "NAME" TEXT', 'lead "NAME" @person', 'pair "NAME"', 'archive "NAME"'], what: 'For its leads.' },
    ],
    examples: ['/learnloop community join "Testing"', '/learnloop community pair "Testing"'],
  },
  {
    topic: 'ask',
    usage: '/learnloop ask',
    summary: 'Ask a community of practice; the answer that helped becomes a learning.',
    example: '/learnloop ask "Testing" How do you test cron jobs?',
    forms: [{ usage: '/learnloop ask "NAME" [anonymously] QUESTION', what: 'Posted in the community’s home channel; members may get one DM (within their budget).' }],
    examples: ['/learnloop ask "Testing" How do you test cron jobs?', '/learnloop ask "Leadership" anonymously How do I say no to my manager?'],
  },
  {
    topic: 'who',
    usage: '/learnloop who',
    summary: 'Who knows about a tag: people with team learnings on it, most recent first.',
    example: '/learnloop who #testing',
    forms: [{ usage: '/learnloop who #TAG', what: 'People who shared team learnings on it (never ranked; `settings findable off` opts out).' }],
    examples: ['/learnloop who #testing'],
  },
  {
    topic: 'ask-ai',
    usage: '/learnloop ask-ai',
    summary: 'Ask the AI partner (if your admins turned it on); it answers from team learnings you may see.',
    example: '/learnloop ask-ai how do we roll back a deploy?',
    forms: [{ usage: '/learnloop ask-ai QUESTION', what: 'A draft answer citing the learnings it used, for you alone: publish, edit or discard it. It says when it does not know.' }],
    examples: ['/learnloop ask-ai how do we roll back a deploy?'],
    note: 'Never sent: private replies or learnings, feedback, DMs, anonymous reflections, names, user ids or anything like a secret.',
  },
  {
    topic: 'next-question',
    usage: '/learnloop next-question',
    summary: "Draft a follow-up question to this channel's latest prompt with the AI partner.",
    example: '/learnloop next-question',
    forms: [{ usage: '/learnloop next-question', what: "For the prompt's facilitator or an admin: one question, drafted to your DMs to publish in the thread, edit or discard." }],
    examples: ['/learnloop next-question'],
  },
  {
    topic: 'pulse',
    usage: '/learnloop pulse',
    summary: 'A short anonymous team learning pulse, with results and a trend in the channel.',
    example: '/learnloop pulse on monthly first mon 10:00',
    forms: [
      { usage: '/learnloop pulse on monthly|biweekly [first mon 10:00] [TIME-ZONE]', what: 'Each member gets one DM with 5–7 statements (1–5) and an optional comment; results here after three days.' },
      { usage: ['/learnloop pulse now', 'off', 'status'], what: 'Send one now, stop it (whoever turned it on, or an admin), or see its schedule and statements.' },
      { usage: '/learnloop pulse questions', what: 'Edit the statements for the whole workspace (admins).' },
    ],
    examples: ['/learnloop pulse on monthly first mon 10:00 Europe/Paris', '/learnloop pulse on biweekly tue 14:00', '/learnloop pulse now'],
    note: 'Anonymous by construction: answers are stored without names or times, and every figure and comment is shown only when at least the minimum group size answered (`/learnloop settings min-group`).',
  },
  {
    topic: 'digest',
    usage: '/learnloop digest',
    summary: "Turn on this channel's weekly learning digest.",
    example: '/learnloop digest on fri 16:00',
    forms: [
      { usage: '/learnloop digest on DAY TIME [TIME-ZONE]', what: 'Post a weekly digest in this channel; times like `16:00` or `4pm`; your own time zone unless you name one.' },
      { usage: '/learnloop digest off', what: 'Stop it (whoever turned it on, or an admin).' },
      { usage: '/learnloop digest now', what: "Post this week's digest right away." },
    ],
    examples: ['/learnloop digest on friday 4pm', '/learnloop digest on mon 09:00 Europe/London'],
  },
  {
    topic: 'stats',
    usage: '/learnloop stats',
    summary: "See this channel's learning figures.",
    example: '/learnloop stats 90d',
    forms: [
      { usage: '/learnloop stats', what: "This channel's figures for the last 30 days; admins also see the whole workspace's." },
      { usage: ['/learnloop stats 7d', '90d'], what: 'The last 7 or 90 days instead.' },
    ],
    examples: ['/learnloop stats', '/learnloop stats 7d'],
    note: 'Figures about too few people are hidden (see `/learnloop settings`).',
  },
  {
    topic: 'export',
    usage: '/learnloop export',
    summary: 'Download your data, or the channel’s, as a zip of CSV files.',
    example: '/learnloop export me',
    forms: [
      { usage: '/learnloop export', what: 'Everything you wrote, private items and feedback included: one zip of CSV files in your DMs, names next to ids (also `export me`).' },
      { usage: '/learnloop export channel', what: "This channel's shared items; private ones are left out and anonymous authors stay anonymous." },
      { usage: '/learnloop export workspace', what: "The whole workspace's shared items (admins)." },
    ],
    examples: ['/learnloop export', '/learnloop export channel'],
  },
  {
    topic: 'forget-me',
    usage: '/learnloop forget-me',
    summary: 'Delete everything you wrote in Learnloop.',
    example: '/learnloop forget-me',
    forms: [{ usage: '/learnloop forget-me', what: 'Shows what would be deleted and what is kept; nothing goes until you confirm.' }],
    examples: ['/learnloop export me', '/learnloop forget-me'],
    note: 'Consider `/learnloop export me` first.',
  },
  {
    topic: 'settings',
    usage: '/learnloop settings',
    summary: "See and change this channel's and the workspace's settings.",
    example: '/learnloop settings review-emoji tada',
    forms: [
      { usage: '/learnloop settings', what: 'Every setting, its value here and how to change it.' },
      { usage: '/learnloop settings review-emoji NAME', what: 'The reaction that starts a review in this channel (anyone in the channel).' },
      { usage: '/learnloop settings retention DAYS|off', what: 'Delete content older than DAYS (30 to 3650) every night, or keep everything (admins).' },
      { usage: '/learnloop settings min-group N', what: 'Hide figures about fewer than N people (2 to 50, 3 by default) in digests, stats and the Home (admins).' },
      { usage: ['/learnloop settings ai on', 'ai off', 'ai off everywhere', 'ai budget N'], what: 'The optional AI partner: on or off for the workspace and its daily budget (admins); `ai off` in a channel leaves that channel out (anyone).' },
    ],
    examples: ['/learnloop settings review-emoji tada', '/learnloop settings retention 365', '/learnloop settings min-group 5'],
  },
];

const PRIVATE = context('Only you can see this message.');
const GROWTH_TOPICS: ReadonlySet<string> = new Set(['growth', 'goal', 'competencies', 'project', 'community', 'ask', 'who', 'ask-ai', 'next-question']);
const HELP_HINT = 'Type `/learnloop help COMMAND` for every form of one command, e.g. `/learnloop help prompts`.';

/** The help message: one line per command with an example. */
export function helpBlocks(intro?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Learnloop: learning in the flow of work' } },
  ];
  if (intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: intro } });
  // Two sections: one would pass Slack's 3,000 characters. Growth across the organisation comes second.
  const line = (c: CommandHelp) => `*\`${c.usage}\`*  ${c.summary}\n      e.g. \`${c.example}\``;
  const growing = (c: CommandHelp) => GROWTH_TOPICS.has(c.topic);
  blocks.push({ type: 'section', block_id: ids.help.block, text: { type: 'mrkdwn', text: COMMAND_HELP.filter((c) => !growing(c)).map(line).join('\n') } });
  blocks.push({ type: 'section', block_id: ids.help.growthBlock, text: { type: 'mrkdwn', text: `*Growing across the organisation*\n${COMMAND_HELP.filter(growing).map(line).join('\n')}` } });
  blocks.push(context(HELP_HINT));
  blocks.push(PRIVATE);
  return blocks;
}

const usages = (form: CommandForm): readonly string[] => (typeof form.usage === 'string' ? [form.usage] : form.usage);

export function helpFor(topic: HelpTopic): CommandHelp {
  const help = COMMAND_HELP.find((c) => c.topic === topic);
  if (!help) throw new Error(`no help for ${topic}`);
  return help;
}

/** `/learnloop help TOPIC`: every form of one command and examples. */
export function topicHelpBlocks(topic: HelpTopic): KnownBlock[] {
  const help = helpFor(topic);
  const forms = help.forms.map((f) => `${usages(f).map((u) => `*\`${u}\`*`).join(' · ')}\n      ${f.what}`).join('\n');
  const examples = help.examples.map((e) => `\`${e}\``).join('\n');
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: help.usage } },
    { type: 'section', block_id: ids.help.topicBlock, text: { type: 'mrkdwn', text: `${help.summary}\n\n${forms}` } },
    { type: 'section', block_id: ids.help.examplesBlock, text: { type: 'mrkdwn', text: `*Examples*\n${examples}` } },
  ];
  if (help.note) blocks.push(context(help.note));
  blocks.push(context('`/learnloop help` lists every command.'));
  blocks.push(PRIVATE);
  return blocks;
}

/** The fallback text of a topic's help (notifications, screen readers). */
export function topicHelpText(topic: HelpTopic): string {
  const help = helpFor(topic);
  return `${help.usage}: ${help.forms.flatMap(usages).join(', ')}`;
}

/** A word typed by someone, safe to echo inside backticks. */
const shown = (word: string): string => escapeMentions(truncate(word, 40)).replace(/`/g, "'");

export const helpReplies = {
  unknownTopic: (word: string, suggestion: HelpTopic | null) =>
    `I have no help on \`${shown(word)}\`.${suggestion ? ` Did you mean \`/learnloop help ${suggestion}\`?` : ''} Here is every command:`,
  unknownWord: (word: string, suggestion: string | null) =>
    `I don't know \`${shown(word)}\`.${suggestion ? ` Did you mean \`/learnloop ${suggestion}\`?` : ''}`,
  /** `/learnloop review list`: the verb is a command of its own. */
  otherCommand: (command: OtherCommand, rest: string) => {
    const typed = rest === '' ? `/${command}` : `/${command} ${escapeMentions(truncate(rest.replace(/\s+/g, ' '), 200)).replace(/`/g, "'")}`;
    return `\`${command}\` is a command of its own: type \`${typed}\` (without \`/learnloop\`). \`/learnloop help ${command}\` shows all it can do.`;
  },
} as const;
