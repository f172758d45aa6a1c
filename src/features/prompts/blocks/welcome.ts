import type { KnownBlock } from '@slack/types';
import type { Message } from '../../../platform/ui/message';

export interface ResumedSchedule {
  id: number;
  /** Already formatted in the schedule's time zone. */
  nextRun: string;
}

/** What the person who invited Learnloop into a channel sees there (only them): how to start. */
export function welcomeMessage(channelId: string, resumed: readonly ResumedSchedule[]): Message {
  const lines = [
    `:wave: Thanks for adding Learnloop to <#${channelId}>. A few ways to start:`,
    '• `/learnloop prompts` — a reflection question on a rhythm your team picks; answers in the thread are kept',
    '• `/review TITLE` — an after-action review right after something happens (or react with :rewind: on any message)',
    '• `/learned TEXT` — record a learning in one line; `/learnloop search` finds it again',
    '• `/learnloop help` — everything else',
  ];
  const blocks: KnownBlock[] = [{ type: 'section', block_id: 'welcome_intro', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  if (resumed.length > 0) {
    blocks.push({ type: 'context', block_id: 'welcome_resumed', elements: [{ type: 'mrkdwn', text: resumedText(resumed) }] });
  }
  return { text: lines[0]!, blocks };
}

/** The DM the person who installed Learnloop gets: what an invite's welcome says, before any channel. */
export function installWelcomeMessage(): Message {
  const lines = [
    ':wave: Thanks for installing Learnloop. Invite me to a team channel (`/invite @Learnloop`), then:',
    '• `/learnloop prompts` — a reflection question on a rhythm your team picks; answers in the thread are kept',
    '• `/review TITLE` — an after-action review right after something happens (or react with :rewind: on any message)',
    '• `/learned TEXT` — record a learning in one line; `/learnloop search` finds it again',
    '• `/learnloop help` — everything else',
  ];
  return { text: lines[0]!, blocks: [{ type: 'section', block_id: 'welcome_install', text: { type: 'mrkdwn', text: lines.join('\n') } }] };
}

/** The line about schedules that run again now that Learnloop is back in the channel. */
export function resumedText(resumed: readonly ResumedSchedule[]): string {
  const list = resumed.map((s) => `#${s.id} (next: ${s.nextRun})`).join(', ');
  return `${resumed.length === 1 ? 'Prompt schedule' : 'Prompt schedules'} ${list} paused while I was away ${resumed.length === 1 ? 'runs' : 'run'} again.`;
}
