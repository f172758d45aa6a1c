import type { KnownBlock, ModalView } from '@slack/types';
import type { Message } from '../../platform/ui/message';
import { button, context, input, modal, plainText, section, textInput } from '../../platform/ui/blocks';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import { EXAMPLE, FREE_TEXT_MAX, SCALE_LABELS, STATEMENTS_MAX, STATEMENTS_MIN, STATEMENT_MAX_LENGTH, STATEMENT_MIN_LENGTH, score, trendText, trendWord, type StatementFigure } from './rules';

const b = ids.pulse;
// Statements are written by admins: shown as text, never as mentions or markup.
const said = (statement: string) => `“${escapeMentions(statement)}”`;
// Slack shows at most this many free-text sections before the block limit; the rest are counted.
const FREE_TEXTS_SHOWN = 20;

export const notEnough = (minGroupSize: number) => `Not enough answers to show (${minGroupSize} needed).`;

export const pulseReplies = {
  needsChannel: 'Run `/learnloop pulse` in the team’s channel: the pulse goes to its members and its results come back there.',
  notInChannel: 'Learnloop is not in this channel yet: invite it with `/invite @Learnloop`, then try again.',
  on: (when: string, next: string) => `The team learning pulse is on: ${when}. The first one goes out ${next}. Each member gets one DM; answers are anonymous, and results come back here after three days (or once everyone answered).`,
  off: 'The team learning pulse is off for this channel. Past results stay where they were posted.',
  wasOff: 'The pulse is not on in this channel. Turn it on with `/learnloop pulse on monthly first mon 10:00`.',
  notAllowed: (createdBy: string) => `Only <@${createdBy}>, who turned the pulse on, or a Learnloop admin can turn it off.`,
  started: (invited: number) => `Pulse sent: ${invited} ${invited === 1 ? 'member gets' : 'members get'} one DM (within their DM limit and quiet hours). Results come back here in three days, or sooner once everyone answered.`,
  alreadyOpen: 'A pulse is already open in this channel; its results come back here when it closes.',
  noMembers: 'Nobody to ask: this channel has no members besides bots.',
  notStarted: 'The pulse could not be sent: Slack would not list this channel’s members. Please try again in a few minutes.',
  adminsOnly: 'Only Learnloop admins can change the pulse statements.',
  questionsSaved: 'Saved: the next pulse asks these statements.',
  status: (when: string | null, statements: readonly string[]) =>
    `${when ? `The pulse runs ${when}.` : `The pulse is off here. Try: ${EXAMPLE}`}\nIts statements (1 = strongly disagree, 5 = strongly agree):\n${statements.map((s) => `• ${said(s)}`).join('\n')}\nAnswers are anonymous: stored without your name, shown only as averages once enough people answered.`,
  alreadyAnswered: 'You already answered this pulse — thank you. Results come to the channel when it closes.',
  closed: 'This pulse has closed, so your answers were not saved. The next one comes in its time.',
  notMember: 'This pulse is for the members of its channel, and you are not in it.',
  notFound: 'This pulse no longer exists.',
  thanks: 'Thank you — your answers are in, without your name. Results come to the channel when the pulse closes.',
} as const;

/** The DM each member gets. */
export function inviteMessage(run: { id: number; channelId: string; statements: readonly string[]; closesAt: Date }, reminder = false): Message {
  const lead = reminder
    ? `:hourglass_flowing_sand: The learning pulse for <#${run.channelId}> closes in a day — ${run.statements.length} statements, about two minutes.`
    : `:seedling: Time for <#${run.channelId}>’s learning pulse: ${run.statements.length} statements about how the team learns, about two minutes.`;
  const text = `${lead} Anonymous: your answers are stored without your name.`;
  return {
    text,
    blocks: [
      section(text, b.inviteBlock),
      context('Only averages are shared, and only once enough people answered. Skipping is fine.'),
      { type: 'actions', elements: [button(b.answerButton, 'Answer the pulse', String(run.id), 'primary')] },
    ],
  };
}

/** The one modal: a 1–5 choice per statement and the optional free text. */
export function answerModal(run: { id: number; channelId: string; statements: readonly string[] }): ModalView {
  const options = SCALE_LABELS.map((label, index) => ({ text: plainText(`${index + 1} · ${label}`), value: String(index + 1) }));
  return modal({
    callbackId: b.answerView,
    privateMetadata: { runId: run.id },
    title: 'Team learning pulse',
    submit: 'Send anonymously',
    close: 'Not now',
    blocks: [
      context('Your answers are stored without your name or the time you sent them. Only averages are shown, once enough people answered.'),
      ...run.statements.map((statement, index) => input(`${b.statementBlockPrefix}${index}`, truncate(statement, 150), { type: 'radio_buttons', action_id: b.scoreInput, options })),
      input(b.freeTextBlock, 'What would help us learn more? (optional)', textInput(b.freeTextInput, { multiline: true, maxLength: FREE_TEXT_MAX }), {
        optional: true,
        hint: 'Shown to the channel without your name or time, and only once enough people answered. Leave out anything that would identify you.',
      }),
    ],
  });
}

/** The admins' form: the statements, one per line. */
export function questionsModal(statements: readonly string[]): ModalView {
  return modal({
    callbackId: b.questionsView,
    title: 'Pulse statements',
    submit: 'Save',
    blocks: [
      context(`${STATEMENTS_MIN} to ${STATEMENTS_MAX} statements, one per line, each ${STATEMENT_MIN_LENGTH}–${STATEMENT_MAX_LENGTH} characters. People answer each from 1 (strongly disagree) to 5 (strongly agree). Past pulses keep the statements they asked.`),
      input(b.questionsBlock, 'Statements', textInput(b.questionsInput, { multiline: true, initialValue: statements.join('\n'), maxLength: 1200 })),
    ],
  });
}

export interface ResultsInput {
  channelId: string;
  answered: number;
  invited: number;
  minGroupSize: number;
  figures: readonly (StatementFigure | null)[];
  statements: readonly string[];
  /** Per statement, its averages over the last pulses, oldest first (null where too few answered). */
  trends: readonly (readonly (number | null)[])[];
  lowest: StatementFigure | null;
  commitments: readonly { ownerId: string; text: string; dueDate: string }[];
  /** Already shuffled; empty when too few answered. */
  freeTexts: readonly string[];
  hadFreeText: boolean;
}

/** The results post in the channel; every figure and the free text only with enough answers. */
export function resultsMessage(input: ResultsInput): Message {
  const enough = input.answered >= input.minGroupSize;
  const head = `:bar_chart: *Team learning pulse* — ${input.answered} of ${input.invited} answered, anonymously. Scores run from 1 (strongly disagree) to 5 (strongly agree).`;
  const lines = input.statements.map((statement, index) => {
    const figure = input.figures[index];
    return figure ? `• ${said(statement)} — *${score(figure.average)}* (spread ±${score(figure.spread)})` : `• ${said(statement)} — ${notEnough(input.minGroupSize)}`;
  });
  const blocks: KnownBlock[] = [section(truncate(`${head}\n${lines.join('\n')}`, 3000), b.resultsBlock)];
  if (enough && input.trends.some((values) => values.length > 1)) {
    const trendLines = input.statements.map((statement, index) => `• ${said(truncate(statement, 60))}: ${trendText(input.trends[index] ?? [])}`);
    blocks.push(section(truncate(`*Trend over the last ${Math.max(...input.trends.map((values) => values.length))} pulses* (oldest first)\n${trendLines.join('\n')}`, 3000), b.trendBlock));
  }
  if (input.lowest) {
    const owned = input.commitments.map((c) => `• <@${c.ownerId}>: ${escapeMentions(truncate(c.text, 200))} (due ${c.dueDate})`);
    const next = owned.length > 0
      ? `Open commitments in this channel that could move it:\n${owned.join('\n')}`
      : 'No open commitments in this channel yet: a review (`/review`) is a good place to choose one thing to try about it.';
    blocks.push(section(truncate(`:mag: Lowest this time: ${said(input.lowest.statement)} at *${score(input.lowest.average)}*. ${next}`, 3000), b.lowestBlock));
  }
  if (enough && input.freeTexts.length > 0) {
    blocks.push(section('*What would help us learn more?* (in no particular order)', b.freeTextsBlock));
    for (const text of input.freeTexts.slice(0, FREE_TEXTS_SHOWN)) blocks.push(section(`> ${escapeMentions(truncate(text, FREE_TEXT_MAX)).replace(/\n/g, '\n> ')}`));
    if (input.freeTexts.length > FREE_TEXTS_SHOWN) blocks.push(context(`And ${input.freeTexts.length - FREE_TEXTS_SHOWN} more.`));
  } else if (!enough && input.hadFreeText) {
    blocks.push(context(`Comments: ${notEnough(input.minGroupSize)}`));
  }
  blocks.push(context('Anonymous by design: answers are stored without names or times. The radar chart below compares this pulse with the previous one.'));
  return { text: `Team learning pulse: ${input.answered} of ${input.invited} answered.`, blocks };
}

/** The line a review's context post adds: the latest pulse's lowest statement and its trend. */
export function reviewContextLine(lowest: StatementFigure, trend: readonly (number | null)[]): string {
  const word = trendWord(trend);
  const moving = word === null ? '' : word === 'steady' ? ', steady since the pulse before' : `, ${word} from the pulse before`;
  const history = trend.length > 1 ? ` (${trendText(trend)})` : '';
  return `:bar_chart: The latest team pulse scored ${said(lowest.statement)} lowest at *${score(lowest.average)}*${moving}${history}. Worth a thought in this review.`;
}

/** The App Home's reminder of open pulses waiting for the person, each with its own Answer button. */
export function pulseHomeSection(runs: readonly { id: number; channelId: string; closesAt: Date }[]): KnownBlock[] {
  return runs.map((run, index) => ({
    type: 'section',
    block_id: `${b.homeBlockPrefix}${run.id}`,
    text: {
      type: 'mrkdwn',
      text: `${index === 0 ? '*Team learning pulse*\n' : ''}<#${run.channelId}>’s pulse is open until <!date^${Math.floor(run.closesAt.getTime() / 1000)}^{date_short_pretty} {time}|${run.closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC>. Anonymous, about two minutes.`,
    },
    accessory: button(b.answerButton, 'Answer the pulse', String(run.id)),
  }));
}
