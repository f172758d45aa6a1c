import type { KnownBlock } from '@slack/types';
import { ids } from '../ids';

export interface CommandHelp {
  usage: string;
  summary: string;
  example: string;
}

/** Every command Learnloop answers, with an example; the help message and the App Home show it. */
export const COMMAND_HELP: readonly CommandHelp[] = [
  { usage: '/learnloop help', summary: 'This list.', example: '/learnloop help' },
  { usage: '/learnloop prompts', summary: 'Schedule reflection prompts in this channel (a form), or manage them as text.', example: '/learnloop prompts add weekly fri 15:00 Europe/Berlin' },
  { usage: '/learnloop questions', summary: "Add, list or remove this channel's own reflection questions.", example: '/learnloop questions add What did a customer teach us this week?' },
  { usage: '/learnloop quiet', summary: 'Pause reminders and nudges from Learnloop for a while.', example: '/learnloop quiet 3d' },
  { usage: '/learned', summary: 'Record something you learned, with #tags and a link.', example: '/learned Small PRs get reviewed faster #reviews' },
  { usage: '/learnloop search', summary: 'Search the team knowledge base.', example: '/learnloop search "code review" #reviews' },
  { usage: '/learnloop learnings', summary: 'Recent learnings of a teammate or a #tag; alone, your own.', example: '/learnloop learnings #reviews' },
  { usage: '/feedback', summary: 'Give a teammate feedback (only the two of you see it).', example: '/feedback @alex Your demo made the trade-offs clear' },
  { usage: '/review', summary: 'Start an after-action review in this channel; `/review list` shows its reviews, `/review close` closes the latest.', example: '/review Checkout outage on Tuesday' },
  { usage: '/learnloop mentor', summary: 'Ask for a mentor, or see your mentoring pairs.', example: '/learnloop mentor request @sam' },
  { usage: '/learnloop session', summary: 'Plan a leader-led learning session with a backup leader.', example: '/learnloop session' },
  { usage: '/learnloop digest', summary: "Turn on this channel's weekly learning digest.", example: '/learnloop digest on fri 16:00' },
  { usage: '/learnloop stats', summary: "See this channel's learning figures.", example: '/learnloop stats 30d' },
  { usage: '/learnloop export', summary: 'Download your data, or the channel’s, as CSV.', example: '/learnloop export me' },
  { usage: '/learnloop forget-me', summary: 'Delete everything you wrote in Learnloop.', example: '/learnloop forget-me' },
];

/** The help message: one section per command with an example. */
export function helpBlocks(intro?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Learnloop: learning in the flow of work' } },
  ];
  if (intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: intro } });
  blocks.push({
    type: 'section',
    block_id: ids.help.block,
    text: {
      type: 'mrkdwn',
      text: COMMAND_HELP.map((c) => `*\`${c.usage}\`*  ${c.summary}\n      e.g. \`${c.example}\``).join('\n'),
    },
  });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Only you can see this message.' }] });
  return blocks;
}
