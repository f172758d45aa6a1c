import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Message } from '../../platform/ui/message';
import { button, context, section } from '../../platform/ui/blocks';
import { escapeMentions, truncate } from '../../platform/ui/text';
import { ids } from './ids';
import type { Competency, GrowthGoal } from './queries';
import type { CompetencyGrowth } from './flows/load-growth';
import type { TeamMapRow } from './rules';
import { DESCRIPTION_MAX, EVIDENCE_DAYS, NAME_MAX } from './rules';

const b = ids.growth;
const KIND_LABEL: Record<string, string> = {
  learning: 'learning',
  feedback: 'feedback received',
  reflection: 'review reflection',
  commitment: 'commitment',
  check_in: 'mentor check-in',
  session: 'taught a session',
};

export const growthReplies = {
  adminsOnly: 'Only Learnloop admins (LEARNLOOP_ADMINS) and Slack workspace admins can change the competency map. `/learnloop competencies list` shows it.',
  unknownCompetency: (typed: string, names: readonly string[]) =>
    `There is no competency called “${typed}”.${names.length > 0 ? ` The map has: ${names.map((n) => `“${n}”`).join(', ')}.` : ' The map is empty: an admin can add one with `/learnloop competencies add "Giving feedback" #feedback` or `/learnloop competencies starter`.'}`,
  exists: (name: string) => `A competency called “${name}” already exists; pick another name, or change it with \`/learnloop competencies describe "${name}" …\`.`,
  added: (name: string, tags: readonly string[]) => `Added “${name}”${tags.length > 0 ? `; items tagged ${tags.map((t) => `#${t}`).join(' ')} count as evidence for it` : ''}.`,
  changed: (name: string) => `Done: “${name}” is updated.`,
  retired: (name: string) => `Retired “${name}”: it leaves the map and the forms; goals and evidence already recorded stay.`,
  starter: (added: number) => (added === 0 ? 'The starter map is already in place.' : `Added ${added} competencies from the starter map for a software team. \`/learnloop competencies list\` shows them; edit any with \`competencies rename|describe|tags|levels\`.`),
  unknownLevel: (typed: string, levels: readonly string[]) => `“${typed}” is not a level; the levels are ${levels.map((l, i) => `${i + 1} ${l}`).join(', ')}.`,
  goalSet: (goal: GrowthGoal, competency: Competency) =>
    `Goal #${goal.id} set: ${competency.name} to ${competency.levels[goal.targetLevel - 1]}${goal.dueDate ? ` by ${goal.dueDate}` : ''}. Your mentors see it in their reminders and check-ins. When you get there: \`/learnloop goal reached ${goal.id}\`.`,
  goalAlready: (level: string) => `You are confirmed at ${level} there already; set a higher level.`,
  goalGone: 'That goal is not yours or no longer open. `/learnloop goal list` shows your goals.',
  goalWithdrawn: (id: number) => `Goal #${id} withdrawn.`,
  noConfirmer: 'You have no mentor to confirm it yet: name a second person, e.g. `/learnloop goal reached 3 @teammate`.',
  selfConfirm: 'Someone else confirms your goals: a mentor, or a second person you name.',
  claimed: (confirmers: readonly string[]) => `Asked ${confirmers.map((id) => `<@${id}>`).join(', ')} to confirm. You'll hear when it's confirmed.`,
  confirmGone: 'This goal was already confirmed, withdrawn, or is not waiting for confirmation.',
  notYourConfirm: 'Only the person’s mentors, or the person they named, can confirm this goal.',
  confirmedForConfirmer: (ownerId: string, competency: string, level: string) => `Confirmed: <@${ownerId}> is at ${level} in ${competency}. Thank you.`,
  confirmedForOwner: (confirmerId: string, competency: string, level: string, days: number) => `<@${confirmerId}> confirmed you at ${level} in ${competency}: ${days} ${days === 1 ? 'day' : 'days'} from setting the goal. Well done.`,
  notYourGrowth: 'Only the person and their mentors see someone’s growth.',
  asked: (mentorId: string) => `Asked <@${mentorId}> to mentor you; you'll hear when they answer.`,
} as const;

export function levelName(competency: Pick<Competency, 'levels'>, level: number): string {
  return level === 0 ? 'not yet confirmed' : competency.levels[level - 1] ?? `level ${level}`;
}

/** `/learnloop competencies list`: the map, open to everyone. */
export function competencyListMessage(competencies: readonly Competency[], isAdmin: boolean): Message {
  if (competencies.length === 0) {
    const text = isAdmin
      ? 'The competency map is empty. Start with `/learnloop competencies starter` (a map for a software team you can edit) or `/learnloop competencies add "Giving feedback" #feedback #sbi`.'
      : 'The competency map is empty; a Learnloop admin can add competencies with `/learnloop competencies add`.';
    return { text, blocks: [section(text, b.listBlock)] };
  }
  const lines = competencies.map((c) => {
    const tags = c.tags.length > 0 ? ` · evidence: ${c.tags.map((t) => `#${t}`).join(' ')}` : '';
    const description = c.description ? `\n${escapeMentions(c.description)}` : '';
    return `*${escapeMentions(c.name)}*${tags}${description}\n_${c.levels.map((level, i) => `${i + 1} ${escapeMentions(level)}`).join(' → ')}_`;
  });
  const blocks: KnownBlock[] = [section(`*The competency map* (${competencies.length})`, b.listBlock), ...lines.map((line) => section(line))];
  blocks.push(context(isAdmin ? 'Admins: `/learnloop competencies add | rename | describe | tags | levels | retire | starter`.' : 'Set yourself a goal with `/learnloop goal add "Name" to LEVEL by YYYY-MM-DD`.'));
  return { text: `The competency map: ${competencies.map((c) => c.name).join(', ')}`, blocks };
}

/** Twelve weeks as a row of bars, for a message (the picture goes to the DM as a chart). */
export function sparkline(weekly: readonly number[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  const max = Math.max(...weekly, 0);
  if (max === 0) return '';
  return weekly.map((n) => (n === 0 ? '·' : bars[Math.min(bars.length - 1, Math.ceil((n / max) * (bars.length - 1)))])).join('');
}

/**
 * "My growth" (or a mentee's, for their mentor): per competency, level, the last 90 days' evidence with
 * links, open goals with their due dates. `own`: the person themselves (buttons to claim a goal).
 */
export function personGrowthMessage(input: { subjectId: string; own: boolean; growth: readonly CompetencyGrowth[]; limitEvidence?: number }): Message {
  const title = input.own ? '*Your growth*' : `*<@${input.subjectId}>’s growth* (you see it as their mentor)`;
  if (input.growth.length === 0) {
    const text = 'The competency map is empty, so there is no growth to show yet; a Learnloop admin can start it with `/learnloop competencies starter`.';
    return { text, blocks: [section(text, `${b.personBlockPrefix}empty`)] };
  }
  const active = input.growth.filter((g) => g.level > 0 || g.evidence.length > 0 || g.openGoals.length > 0);
  const quiet = input.growth.filter((g) => !active.includes(g));
  const blocks: KnownBlock[] = [section(`${title} — last ${EVIDENCE_DAYS} days`, `${b.personBlockPrefix}title`)];
  for (const g of active) {
    const c = g.competency;
    const head = `*${escapeMentions(c.name)}* — ${levelName(c, g.level)}${g.level > 0 ? ` (${g.level}/4)` : ''} · ${g.evidence.length} ${g.evidence.length === 1 ? 'piece' : 'pieces'} of evidence ${sparkline(g.weekly)}`;
    const evidence = g.evidence.slice(0, input.limitEvidence ?? 3).map((item) => {
      const label = KIND_LABEL[item.kind] ?? item.kind;
      const text = item.text ? `“${escapeMentions(truncate(item.text.replace(/\s+/g, ' '), 80))}”` : label;
      return `• ${item.link ? `<${item.link}|${label}>` : label}: ${text}`;
    });
    const goals = g.openGoals.map((goal) => `◦ Goal #${goal.id}: ${levelName(c, goal.targetLevel)}${goal.dueDate ? ` by ${goal.dueDate}` : ''}${goal.status === 'claimed' ? ' — waiting for confirmation' : ''}`);
    const took = input.own && g.daysToLevels.length > 0 ? [`_Reached ${levelName(c, g.daysToLevels[0]!.level)} in ${g.daysToLevels[0]!.days} days._`] : [];
    const block = section([head, ...evidence, ...goals, ...took].join('\n'), `${b.personBlockPrefix}${c.id}`);
    const claimable = input.own ? g.openGoals.find((goal) => goal.status === 'open') : undefined;
    if (claimable) block.accessory = button(b.goalReached, 'I’ve reached it', String(claimable.id));
    blocks.push(block);
  }
  if (quiet.length > 0) blocks.push(context(`No evidence yet: ${quiet.map((g) => escapeMentions(g.competency.name)).join(', ')}. Tag a learning with one of their #tags, or pick the competency in a form.`));
  if (input.own) blocks.push(context('Only you and your mentors see this. Set a goal: `/learnloop goal add "Name" to LEVEL by YYYY-MM-DD`.'));
  return { text: input.own ? 'Your growth' : `Growth of <@${input.subjectId}>`, blocks: blocks.slice(0, 50) };
}

/** `/learnloop growth team` and the digest's line: aggregates only, no names, no ranking. */
export function teamMapMessage(rows: readonly TeamMapRow[], minGroupSize: number): Message {
  if (rows.length === 0) {
    const text = 'The competency map is empty; a Learnloop admin can start it with `/learnloop competencies starter`.';
    return { text, blocks: [section(text, `${b.teamBlockPrefix}empty`)] };
  }
  const figure = (value: number | null): string => (value === null ? `<${minGroupSize}` : String(value));
  const blocks: KnownBlock[] = [section('*The team’s growth map*', `${b.teamBlockPrefix}title`)];
  for (const row of rows.filter((r) => !r.gap)) {
    const levels = row.levels.map((level, i) => `${escapeMentions(level)} ${figure(row.peopleAtLevel[i] ?? null)}`).join(' · ');
    const median = row.medianDaysToCompetency === null ? '' : `\nMedian time to a confirmed level: ${row.medianDaysToCompetency} days (${row.confirmations} confirmations)`;
    blocks.push(section(`*${escapeMentions(row.name)}*\n${levels}\nEvidence this month: ${figure(row.evidenceThisMonth)}${median}`, `${b.teamBlockPrefix}${row.competencyId}`));
  }
  const gaps = rows.filter((r) => r.gap);
  if (gaps.length > 0) blocks.push(section(`*Gaps* — no evidence yet: ${gaps.map((r) => escapeMentions(r.name)).join(', ')}`, b.gapsBlock));
  blocks.push(context(`Counts of people, never names or rankings. Figures about fewer than ${minGroupSize} people show as <${minGroupSize}. Only items shared with the whole team count here.`));
  return { text: 'The team’s growth map', blocks: blocks.slice(0, 50) };
}

/** The digest's one line about growth (no names; gated like the rest). */
export function teamMapDigestLine(rows: readonly TeamMapRow[]): string | null {
  if (rows.length === 0) return null;
  const withEvidence = rows.filter((r) => (r.evidenceThisMonth ?? 0) > 0);
  const gaps = rows.filter((r) => r.gap).map((r) => escapeMentions(r.name));
  const top = withEvidence.sort((x, y) => (y.evidenceThisMonth ?? 0) - (x.evidenceThisMonth ?? 0)).slice(0, 3).map((r) => `${escapeMentions(r.name)} (${r.evidenceThisMonth})`);
  return `:seedling: Growth this month: ${top.length > 0 ? top.join(', ') : 'no competency has enough evidence to show yet'}${gaps.length > 0 ? ` · gaps: ${gaps.slice(0, 5).join(', ')}` : ''}. \`/learnloop growth team\` shows the map.`;
}

export function goalListMessage(goals: readonly GrowthGoal[], competencies: ReadonlyMap<number, Competency>): Message {
  if (goals.length === 0) {
    const text = 'You have no open growth goals. Set one with `/learnloop goal add "Giving feedback" to Practising by 2027-03-31` (or `/learnloop goal add` for a form).';
    return { text, blocks: [section(text, b.goalsBlock)] };
  }
  const lines = goals.map((goal) => {
    const c = competencies.get(goal.competencyId);
    const name = c ? escapeMentions(c.name) : 'a retired competency';
    return `#${goal.id} ${name} → ${c ? levelName(c, goal.targetLevel) : `level ${goal.targetLevel}`}${goal.dueDate ? ` by ${goal.dueDate}` : ''}${goal.status === 'claimed' ? ' — waiting for confirmation' : ''}`;
  });
  const text = `*Your open goals*\n${lines.join('\n')}`;
  return { text, blocks: [section(text, b.goalsBlock), context('`/learnloop goal reached N [@person]` when you get there; `/learnloop goal withdraw N` to drop one.')] };
}

/** The DM asking a mentor (or the chosen person) to confirm a goal. */
export function confirmRequestMessage(goal: GrowthGoal, competency: Competency): Message {
  const text = `<@${goal.userId}> says they have reached ${levelName(competency, goal.targetLevel)} in ${escapeMentions(competency.name)} (“${escapeMentions(competency.levels[goal.targetLevel - 1] ?? '')}”). Do you agree?`;
  const block = section(text, b.confirmBlock);
  block.accessory = button(b.confirm, 'Confirm', String(goal.id), 'primary');
  return { text, blocks: [block, context('Confirming records today’s date as when they got there. If you don’t agree, tell them what you would like to see first.')] };
}

export function settledMessage(text: string): Message {
  return { text, blocks: [section(text, b.confirmBlock)] };
}

/** Up to three people who could help with a new goal, each with a button that asks them to mentor. */
export function suggestionsBlocks(goal: GrowthGoal, competency: Competency, people: readonly { userId: string; level: number }[]): KnownBlock[] {
  if (people.length === 0) return [];
  const blocks: KnownBlock[] = [section(`People open to mentoring in ${escapeMentions(competency.name)}:`, b.suggestionsBlock)];
  for (const person of people) {
    const block = section(`<@${person.userId}> — ${levelName(competency, person.level)}`);
    block.accessory = button(b.askMentor, 'Ask to mentor me', `${person.userId}:${goal.id}`);
    blocks.push(block);
  }
  return blocks;
}

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text: truncate(text, 75) }, value });

/** The optional "Competency" select other features' forms carry (when the map has competencies). */
export function competencyPickerBlock(competencies: readonly Competency[], hint = 'Which competency does this show? (optional)'): KnownBlock | null {
  if (competencies.length === 0) return null;
  return {
    type: 'input',
    block_id: b.pickBlock,
    optional: true,
    label: { type: 'plain_text', text: 'Competency' },
    hint: { type: 'plain_text', text: hint },
    element: { type: 'static_select', action_id: b.pickInput, placeholder: { type: 'plain_text', text: 'Pick a competency' }, options: competencies.slice(0, 100).map((c) => option(c.name, String(c.id))) },
  } as KnownBlock;
}

/** The goal form. */
export function goalModal(competencies: readonly Competency[]): ModalView {
  return {
    type: 'modal',
    callback_id: b.goalView,
    title: { type: 'plain_text', text: 'Set a growth goal' },
    submit: { type: 'plain_text', text: 'Set goal' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'input', block_id: b.goalCompetencyBlock, label: { type: 'plain_text', text: 'Competency' }, element: { type: 'static_select', action_id: b.goalCompetencyInput, options: competencies.slice(0, 100).map((c) => option(c.name, String(c.id))) } },
      {
        type: 'input',
        block_id: b.goalLevelBlock,
        label: { type: 'plain_text', text: 'Level to reach' },
        hint: { type: 'plain_text', text: 'Each competency names its own levels; these are their places, 1 to 4.' },
        element: { type: 'static_select', action_id: b.goalLevelInput, options: [1, 2, 3, 4].map((level) => option(`${level} — ${competencies[0]?.levels[level - 1] ?? ''}`, String(level))) },
      },
      { type: 'input', block_id: b.goalDueBlock, optional: true, label: { type: 'plain_text', text: 'By' }, element: { type: 'datepicker', action_id: b.goalDueInput } },
      {
        type: 'input',
        block_id: b.goalConfirmerBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Who confirms it' },
        hint: { type: 'plain_text', text: 'Leave empty to ask your mentors.' },
        element: { type: 'users_select', action_id: b.goalConfirmerInput },
      },
    ],
  } as ModalView;
}

/** The competency form (admins). */
export function competencyModal(): ModalView {
  return {
    type: 'modal',
    callback_id: b.competencyView,
    title: { type: 'plain_text', text: 'Add a competency' },
    submit: { type: 'plain_text', text: 'Add' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'input', block_id: b.competencyNameBlock, label: { type: 'plain_text', text: 'Name' }, element: { type: 'plain_text_input', action_id: b.competencyNameInput, max_length: NAME_MAX, placeholder: { type: 'plain_text', text: 'Giving feedback' } } },
      {
        type: 'input',
        block_id: b.competencyTagsBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Tags that count as evidence' },
        element: { type: 'plain_text_input', action_id: b.competencyTagsInput, placeholder: { type: 'plain_text', text: '#feedback #sbi' } },
      },
      {
        type: 'input',
        block_id: b.competencyDescriptionBlock,
        optional: true,
        label: { type: 'plain_text', text: 'What it means' },
        element: { type: 'plain_text_input', action_id: b.competencyDescriptionInput, multiline: true, max_length: DESCRIPTION_MAX },
      },
    ],
  } as ModalView;
}
