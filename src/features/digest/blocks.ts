import type { KnownBlock } from '@slack/types';
import { formatFigure, formatPercent, weekOverWeek, type ChannelStats, type Digest, type SafeFigure, type WorkspaceStats } from './rules';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import type { Message } from '../../platform/ui/message';
import { section } from '../../platform/ui/blocks';

export type { Message };

const fig = (figure: SafeFigure): string => formatFigure(figure);
const pct = (figure: SafeFigure): string => formatFigure(figure, formatPercent);
const trend = (text: string): string => (text ? ` (${text})` : '');

/*
 * A figure too few people stand behind is not shown; the words say who is too few ("by fewer than 3
 * people") rather than putting "fewer than 3" where a count of replies or a percentage would be.
 */
const orFew = (figure: SafeFigure, few: (min: number) => string, format: (value: number) => string = String): string =>
  figure.kind === 'value' ? format(figure.value) : few(figure.minGroupSize);
const fewReplied = (min: number): string => `fewer than ${min} people replied`;
const fewWrote = (min: number): string => `by fewer than ${min} people`;
const fewOwn = (min: number): string => `owned by fewer than ${min} people`;

/** This period against the last, saying who was too few last time rather than "fewer than 3". */
function trendOf(current: SafeFigure, previous: SafeFigure, few: (min: number) => string, format: (value: number) => string = String): string {
  // When both weeks are hidden there is nothing to compare.
  if (previous.kind === 'suppressed') return current.kind === 'value' ? trend(`last week ${few(previous.minGroupSize)}`) : '';
  return trend(weekOverWeek(current, previous, format));
}

function commitmentsText(c: { done: SafeFigure; open: SafeFigure; overdue: SafeFigure }): string {
  // All three stand on the same owners: hidden together.
  if (c.done.kind === 'suppressed') return `${fewOwn(c.done.minGroupSize)}, so not counted`;
  return `${fig(c.done)} done, ${fig(c.open)} open, ${fig(c.overdue)} overdue`;
}

const footer = (min: number): string => `Figures about fewer than ${min} people are not shown, so no one can be singled out.`;

/** The weekly digest message posted in the channel. */
export function digestMessage(digest: Digest, extra: { /** The growth feature's line about the team map. */ growthLine?: string | null } = {}): Message {
  const { thisWeek: now, lastWeek: before } = digest;
  const repliesText =
    now.responders.kind === 'suppressed'
      ? `*Replies:* ${fewReplied(now.responders.minGroupSize)} this week (the count and participation are not shown)`
      : [
          `*Replies:* ${fig(now.replies)}${trendOf(now.replies, before.replies, fewReplied)}`,
          `*People who replied:* ${fig(now.responders)}${trendOf(now.responders, before.responders, (min) => `fewer than ${min}`)}`,
          `*Participation:* ${orFew(now.participation, (min) => `not shown (fewer than ${min} members)`, formatPercent)}${trendOf(now.participation, before.participation, fewReplied, formatPercent)}`,
        ].join('\n');
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: ids.digest.headerBlock, text: { type: 'plain_text', text: 'This week in learning' } },
    section(repliesText, ids.digest.repliesBlock),
  ];
  const reactions = (n: number): string => (n > 0 ? ` (${n} ${n === 1 ? 'reaction' : 'reactions'})` : '');
  const learnings = digest.topLearnings.map((l) => `• ${escapeMentions(truncate(l.text.replace(/\s+/g, ' '), 150))} — <@${l.userId}>${reactions(l.reactionCount)}`);
  blocks.push(
    section(`*New learnings:* ${orFew(now.learnings, fewWrote)}${trendOf(now.learnings, before.learnings, fewWrote)}` + (learnings.length ? `\n_Most reacted to, then newest:_\n${learnings.join('\n')}` : ''), ids.digest.learningsBlock),
  );
  blocks.push(section(`*Reviews:* ${digest.reviews.opened} opened, ${digest.reviews.closed} closed`, ids.digest.reviewsBlock));
  blocks.push(section(`*Commitments:* ${commitmentsText(digest.commitments)}`, ids.digest.commitmentsBlock));
  if (digest.helpers.length > 0) {
    blocks.push(section(`:pray: Thank you for helping others learn this week: ${digest.helpers.map((u) => `<@${u}>`).join(', ')}`, ids.digest.thanksBlock));
  }
  if (extra.growthLine) blocks.push(section(extra.growthLine, ids.digest.growthBlock));
  blocks.push({
    type: 'context',
    block_id: ids.digest.footerBlock,
    elements: [{ type: 'mrkdwn', text: `${footer(digest.minGroupSize)} Private replies and learnings are never counted.` }],
  });
  const summary =
    now.responders.kind === 'suppressed'
      ? `${fewReplied(now.responders.minGroupSize)}, ${orFew(now.learnings, (min) => `new learnings ${fewWrote(min)}`, (n) => `${n} new learnings`)}`
      : `${fig(now.replies)} replies, participation ${orFew(now.participation, () => 'not shown', formatPercent)}, ${orFew(now.learnings, (min) => `new learnings ${fewWrote(min)}`, (n) => `${n} new learnings`)}`;
  return { text: `This week in learning: ${summary}.`, blocks };
}

/** `/learnloop stats`: the channel's figures and, for admins, the workspace's, over the last `days` days. */
export function statsMessage(input: { channelId: string; days: number; channel: ChannelStats; workspace: WorkspaceStats | null; minGroupSize: number }): Message {
  const c = input.channel;
  const period = `last ${input.days} days`;
  const replies =
    c.period.responders.kind === 'suppressed'
      ? `Replies: ${fewReplied(c.period.responders.minGroupSize)} (the count and participation are not shown)`
      : `Replies: ${fig(c.period.replies)} · People who replied: ${fig(c.period.responders)} · Participation: ${orFew(c.period.participation, (min) => `not shown (fewer than ${min} members)`, formatPercent)}`;
  const blocks: KnownBlock[] = [
    section([
        `*<#${input.channelId}>, ${period}*`,
        replies,
        `New learnings: ${orFew(c.period.learnings, fewWrote)}`,
        `Reviews: ${c.reviews.opened} opened, ${c.reviews.closed} closed`,
        `Commitments: ${commitmentsText(c.commitments)}`,
      ].join('\n'), ids.digest.statsChannelBlock),
  ];
  const w = input.workspace;
  if (w) {
    const tags = w.tags.length ? w.tags.map((t) => `${escapeMentions(t.tag)} (${orFew(t.learnings, fewWrote)})`).join(', ') : 'none';
    const held = w.checkIns.held.kind === 'value' ? `${w.checkIns.held.value} held of ${w.checkIns.due} due` : `${w.checkIns.due} due (how many were held is not shown: fewer than ${w.checkIns.held.minGroupSize} people in pairs)`;
    blocks.push(
      section([
          `*Whole workspace, ${period}*`,
          `Active learners: ${fig(w.activeLearners)} · Replies: ${orFew(w.replies, (min) => `from fewer than ${min} people`)}`,
          `Learnings by tag: ${tags}`,
          `Reviews: ${w.reviews.opened} opened, ${w.reviews.closed} closed`,
          `Commitments done when due: ${w.completionRate ? orFew(w.completionRate, fewOwn, formatPercent) : 'none due'} · Median days from review to commitment done: ${w.medianDaysToDone ? orFew(w.medianDaysToDone, fewOwn, (d) => d.toFixed(1)) : 'none done'}`,
          `Mentoring check-ins: ${held}`,
        ].join('\n'), ids.digest.statsWorkspaceBlock),
    );
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer(input.minGroupSize) }] });
  return { text: `Learning figures for the ${period}`, blocks };
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
