import type { KnownBlock } from '@slack/types';
import { formatFigure, formatPercent, weekOverWeek, type ChannelStats, type Digest, type SafeFigure, type WorkspaceStats } from '../../domain/digest';
import { escapeMentions, truncate } from '../../domain/text';
import { ids } from '../ids';
import type { Message } from './message';

export type { Message };

const section = (blockId: string, text: string): KnownBlock => ({ type: 'section', block_id: blockId, text: { type: 'mrkdwn', text } });
const fig = (figure: SafeFigure): string => formatFigure(figure);
const pct = (figure: SafeFigure): string => formatFigure(figure, formatPercent);
const trend = (text: string): string => (text ? ` (${text})` : '');

/** The weekly digest message posted in the channel. */
export function digestMessage(digest: Digest): Message {
  const { thisWeek: now, lastWeek: before } = digest;
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: ids.digest.headerBlock, text: { type: 'plain_text', text: 'This week in learning' } },
    section(
      ids.digest.repliesBlock,
      [
        `*Replies:* ${fig(now.replies)}${trend(weekOverWeek(now.replies, before.replies))}`,
        `*People who replied:* ${fig(now.responders)}${trend(weekOverWeek(now.responders, before.responders))}`,
        `*Participation:* ${pct(now.participation)}${trend(weekOverWeek(now.participation, before.participation, formatPercent))}`,
      ].join('\n'),
    ),
  ];
  const reactions = (n: number): string => (n > 0 ? ` (${n} ${n === 1 ? 'reaction' : 'reactions'})` : '');
  const learnings = digest.topLearnings.map((l) => `• ${escapeMentions(truncate(l.text.replace(/\s+/g, ' '), 150))} — <@${l.userId}>${reactions(l.reactionCount)}`);
  blocks.push(
    section(
      ids.digest.learningsBlock,
      `*New learnings:* ${fig(now.learnings)}${trend(weekOverWeek(now.learnings, before.learnings))}` + (learnings.length ? `\n_Most reacted to, then newest:_\n${learnings.join('\n')}` : ''),
    ),
  );
  blocks.push(section(ids.digest.reviewsBlock, `*Reviews:* ${digest.reviews.opened} opened, ${digest.reviews.closed} closed`));
  blocks.push(
    section(ids.digest.commitmentsBlock, `*Commitments:* ${fig(digest.commitments.done)} done, ${fig(digest.commitments.open)} open, ${fig(digest.commitments.overdue)} overdue`),
  );
  if (digest.helpers.length > 0) {
    blocks.push(section(ids.digest.thanksBlock, `:pray: Thank you for helping others learn this week: ${digest.helpers.map((u) => `<@${u}>`).join(', ')}`));
  }
  blocks.push({
    type: 'context',
    block_id: ids.digest.footerBlock,
    elements: [{ type: 'mrkdwn', text: `Figures from fewer than ${digest.minGroupSize} people show as "fewer than ${digest.minGroupSize}". Private replies and learnings are never counted.` }],
  });
  const text = `This week in learning: ${fig(now.replies)} replies, participation ${pct(now.participation)}, ${fig(now.learnings)} new learnings.`;
  return { text, blocks };
}

/** `/learnloop stats`: the channel's figures and, for admins, the workspace's. */
export function statsMessage(input: { channelId: string; label: string; channel: ChannelStats; workspace: WorkspaceStats | null; minGroupSize: number }): Message {
  const c = input.channel;
  const blocks: KnownBlock[] = [
    section(
      ids.digest.statsChannelBlock,
      [
        `*<#${input.channelId}>, last ${input.label}*`,
        `Replies: ${fig(c.period.replies)} · People who replied: ${fig(c.period.responders)} · Participation: ${pct(c.period.participation)}`,
        `New learnings: ${fig(c.period.learnings)}`,
        `Reviews: ${c.reviews.opened} opened, ${c.reviews.closed} closed`,
        `Commitments: ${fig(c.commitments.done)} done, ${fig(c.commitments.open)} open, ${fig(c.commitments.overdue)} overdue`,
      ].join('\n'),
    ),
  ];
  const w = input.workspace;
  if (w) {
    const tags = w.tags.length ? w.tags.map((t) => `${escapeMentions(t.tag)} (${fig(t.learnings)})`).join(', ') : 'none';
    blocks.push(
      section(
        ids.digest.statsWorkspaceBlock,
        [
          `*Whole workspace, last ${input.label}*`,
          `Active learners: ${fig(w.activeLearners)} · Replies: ${fig(w.replies)}`,
          `Learnings by tag: ${tags}`,
          `Reviews: ${w.reviews.opened} opened, ${w.reviews.closed} closed`,
          `Commitments done when due: ${w.completionRate ? pct(w.completionRate) : 'none due'} · Median days from review to commitment done: ${w.medianDaysToDone ? formatFigure(w.medianDaysToDone, (d) => d.toFixed(1)) : 'none done'}`,
          `Mentoring check-ins: ${fig(w.checkIns.held)} held of ${w.checkIns.due} due`,
        ].join('\n'),
      ),
    );
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Figures from fewer than ${input.minGroupSize} people show as "fewer than ${input.minGroupSize}".` }] });
  return { text: `Learning figures for the last ${input.label}`, blocks };
}

export const digestReplies = {
  needsChannel: 'Digests are for channels; run this in the channel you want a weekly digest for.',
  notInChannel: 'I am not in this channel yet. Add me (type `/invite @Learnloop`) and try again.',
  usage: 'Try `/learnloop digest on fri 16:00` (optionally with a time zone like Europe/Berlin), `/learnloop digest off` or `/learnloop digest now`.',
  badTimeZone: (tz: string) => `I don't know the time zone "${escapeMentions(truncate(tz, 40))}". Use a name like Europe/Berlin or America/New_York.`,
  on: (when: string, next: string) => `Weekly digest on: ${when}. The next one comes ${next}.`,
  off: 'Weekly digest off for this channel.',
  wasOff: 'This channel has no weekly digest to turn off.',
  notAllowed: (createdBy: string) => `Only <@${createdBy}>, who turned the digest on, or a Learnloop admin can turn it off.`,
  posted: 'Posted this week’s digest.',
  notPosted: (reason: string) => `I could not post the digest (${reason}).`,
};
