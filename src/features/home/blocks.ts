import type { ActionsBlock, HomeView, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { HomeChannel, HomeSnapshot } from './queries';
import { formatDueDate } from '../commitments';
import { participationText, type Participation } from './rules';
import { formatWhen } from '../mentoring';
import { formatInZone } from '../prompts';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { helpBlocks } from '../help';
import { ids } from './ids';
import { section } from '../../platform/ui/blocks';

const b = ids.home;
const EXCERPT_MAX = 200;

export interface HomeViewInput {
  userId: string;
  /** The viewer's zone and local date: every date and time on the Home is theirs. */
  timeZone: string;
  today: string;
  snapshot: HomeSnapshot;
  streak: number;
  channels: { channel: HomeChannel; participation: Participation }[];
  /** "My growth" (the growth feature's blocks); empty when the workspace has no competency map. */
  growth?: KnownBlock[];
}

// Sections of the Home stop short of Slack's 3,000 characters.
const homeSection = (text: string, blockId: string): SectionBlock => section(truncate(text, 2900), blockId);
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const excerpt = (text: string): string => escapeMentions(truncate(text.replace(/\s+/g, ' ').trim(), EXCERPT_MAX));

/** The buttons that open the same forms as `/learned`, `/feedback` and `/review`. */
function quickActions(): ActionsBlock {
  const button = (actionId: string, text: string) => ({ type: 'button' as const, action_id: actionId, text: { type: 'plain_text' as const, text } });
  return {
    type: 'actions',
    block_id: b.quickActionsBlock,
    elements: [button(b.recordLearning, 'Record a learning'), button(b.giveFeedback, 'Give feedback'), button(b.startReview, 'Start a review')],
  };
}

function streakText(weeks: number): string {
  if (weeks === 0) return ':seedling: *No streak yet.* Reply to a prompt or record a learning this week to start one.';
  return `:fire: *${weeks} ${weeks === 1 ? 'week' : 'weeks'} in a row* with a reply or a learning.`;
}

function learningsText(snapshot: HomeSnapshot): string {
  if (snapshot.learnings.length === 0) return '*My last learnings*\nNothing yet. Record one with the button above or `/learned`.';
  const lines = snapshot.learnings.map((l) => `• ${excerpt(l.text)}${l.visibility === 'private' ? ' _(only me)_' : ''}`);
  return ['*My last learnings*', ...lines].join('\n');
}

function commitmentBlocks(input: HomeViewInput): KnownBlock[] {
  const { commitments } = input.snapshot;
  if (commitments.length === 0) return [homeSection('*My open commitments*\nNone open. Commitments come from "Own this" in a review summary.', b.commitmentsBlock)];
  const blocks: KnownBlock[] = [homeSection('*My open commitments*', b.commitmentsBlock)];
  for (const c of commitments) {
    const overdue = c.dueDate < input.today ? ' :warning: overdue' : '';
    blocks.push(homeSection(`${excerpt(c.text)}\nDue ${formatDueDate(c.dueDate)}${overdue}`, `${b.commitmentBlockPrefix}${c.id}`));
    // The same value as the follow-up DM's buttons: the commitment and the due date the click is about.
    const value = JSON.stringify({ commitmentId: c.id, dueDate: c.dueDate });
    blocks.push({
      type: 'actions',
      block_id: `${b.commitmentActionsPrefix}${c.id}`,
      elements: [
        { type: 'button', action_id: b.commitmentDone, style: 'primary', value, text: { type: 'plain_text', text: 'Done — what did we learn?' } },
        { type: 'button', action_id: b.commitmentMoreTime, value, text: { type: 'plain_text', text: 'More time (a week)' } },
      ],
    });
  }
  return blocks;
}

function mentoringText(input: HomeViewInput): string {
  const { pairs } = input.snapshot;
  if (pairs.length === 0) return '*Mentoring*\nNo mentoring pairs. Ask for a mentor with `/learnloop mentor request @someone`.';
  const lines = pairs.map((pair) => {
    const who = pair.mentorId === input.userId ? `You mentor <@${pair.menteeId}>` : `<@${pair.mentorId}> mentors you`;
    let next: string;
    if (pair.status === 'requested') next = 'waiting for an answer';
    else if (pair.status === 'paused') next = 'paused';
    else next = pair.nextReminderAt ? `next check-in ${formatWhen(pair.nextReminderAt, input.timeZone)}` : 'no check-in planned';
    return `• ${who} (${pair.cadence}): ${next}`;
  });
  return ['*Mentoring*', ...lines].join('\n');
}

/** Only the recipient's own Home shows this; feedback never appears anywhere else. */
function feedbackText(snapshot: HomeSnapshot): string {
  const count = snapshot.feedbackCount;
  const heading = `*Feedback received in the last 30 days:* ${count}`;
  const latest = snapshot.latestFeedback;
  if (!latest) return heading;
  const body = latest.text ?? [latest.situation, latest.behaviour, latest.impact].filter(Boolean).join(' — ');
  return `${heading}\nLatest, from <@${latest.senderId}> on ${formatDueDate(latest.createdAt.toISOString().slice(0, 10))}:\n> ${excerpt(body)}`;
}

function teamBlocks(input: HomeViewInput): KnownBlock[] {
  if (input.channels.length === 0) {
    return [homeSection('*My team channels*\nNo channels with Learnloop prompts you take part in. Schedule some with `/learnloop prompts` in a channel.', b.teamBlock)];
  }
  const blocks: KnownBlock[] = [homeSection('*My team channels*', b.teamBlock)];
  for (const { channel, participation } of input.channels) {
    const lines = [
      `<#${channel.channelId}>`,
      `Next prompt: ${formatInZone(channel.nextRunAt, input.timeZone)}`,
      `Replied last week: ${participationText(participation)} · Open reviews: ${channel.openReviews}`,
    ];
    blocks.push(homeSection(lines.join('\n'), `${b.channelBlockPrefix}${channel.channelId}`));
  }
  return blocks;
}

/** The App Home tab: my learning, my commitments and people, my team's channels, quick actions. */
export function homeView(input: HomeViewInput): HomeView {
  return {
    type: 'home',
    callback_id: b.view,
    blocks: [
      homeSection(`Hi <@${input.userId}>! Learnloop helps your team learn inside the work: reflect together, record what you learn, and follow up on it.`, b.introBlock),
      quickActions(),
      { type: 'divider' },
      header('Me'),
      homeSection(streakText(input.streak), b.streakBlock),
      homeSection(learningsText(input.snapshot), b.learningsBlock),
      ...commitmentBlocks(input),
      homeSection(mentoringText(input), b.mentoringBlock),
      homeSection(feedbackText(input.snapshot), b.feedbackBlock),
      ...(input.growth ?? []),
      { type: 'divider' },
      header('My team'),
      ...teamBlocks(input),
      { type: 'divider' },
      ...helpBlocks().filter((block) => block.type !== 'context'),
    ],
  };
}

/** "Start a review" from the Home: a review lives in a channel, so the channel comes first. */
export function reviewChannelModal(error?: string): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'actions',
      block_id: b.reviewChannelBlock,
      elements: [
        {
          type: 'conversations_select',
          action_id: b.reviewChannelInput,
          placeholder: { type: 'plain_text', text: 'Choose the channel' },
          filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        },
      ],
    },
  ];
  if (error) blocks.push({ type: 'context', block_id: b.reviewChannelErrorBlock, elements: [{ type: 'mrkdwn', text: `:warning: ${error}` }] });
  return {
    type: 'modal',
    callback_id: b.reviewChannelView,
    title: { type: 'plain_text', text: 'Start a review' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [homeSection('Which channel is the review about? The review is posted there.', 'home_review_channel_intro'), ...blocks],
  };
}
