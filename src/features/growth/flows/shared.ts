import type { KnownBlock } from '@slack/types';
import type { Db } from '../../../platform/db/connect';
import type { EvidenceKind } from '../../../platform/db/schema';
import type { Viewer } from '../../../platform/audience/rules';
import { context, section } from '../../../platform/ui/blocks';
import { ids } from '../ids';
import { findCompetencyById, listCompetencies, listOpenGoals, recordPick } from '../queries';
import { loadPersonGrowth, loadTeamMap } from './load-growth';
import { competencyPickerBlock, levelName, sparkline, teamMapDigestLine } from '../blocks';

/** The competency picked in another feature's form (its `competencyPickerBlock`), if any. */
export function pickedCompetencyOf(values: Record<string, Record<string, { selected_option?: { value?: string } | null }>>): number | null {
  const raw = values[ids.growth.pickBlock]?.[ids.growth.pickInput]?.selected_option?.value;
  const id = Number(raw);
  return raw && Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * Records that an item shows a competency, after checking the competency is an active one of this
 * workspace (a form's option is a hint, not proof). Returns whether it was recorded.
 */
export async function recordPickedCompetency(db: Db, pick: { teamId: string; itemKind: EvidenceKind; itemId: number; competencyId: number | null; pickedBy: string }): Promise<boolean> {
  if (pick.competencyId === null) return false;
  const competency = await findCompetencyById(db, pick.teamId, pick.competencyId);
  if (!competency || competency.retiredAt) return false;
  await recordPick(db, { ...pick, competencyId: competency.id });
  return true;
}

/** The App Home's "My growth" section: the person's own view, one line per competency with something in it. */
export async function growthHomeBlocks(db: Db, teamId: string, userId: string, viewer: Viewer, now: Date): Promise<KnownBlock[]> {
  const growth = await loadPersonGrowth(db, teamId, userId, viewer, now);
  if (growth.length === 0) return [];
  const active = growth.filter((g) => g.level > 0 || g.evidence.length > 0 || g.openGoals.length > 0).slice(0, 8);
  const lines = active.map((g) => {
    const goal = g.openGoals[0];
    return `*${g.competency.name}* — ${levelName(g.competency, g.level)} · ${g.evidence.length} in 90 days ${sparkline(g.weekly)}${goal ? ` · goal: ${levelName(g.competency, goal.targetLevel)}${goal.dueDate ? ` by ${goal.dueDate}` : ''}` : ''}`;
  });
  return [
    section(`*My growth*\n${lines.length > 0 ? lines.join('\n') : 'No evidence yet: tag a learning with a competency’s #tag, or set a goal.'}`, ids.growth.homeBlock),
    context('Only you and your mentors see this. `/learnloop growth` for details, `/learnloop goal add` to set a goal.'),
  ];
}

/** The weekly digest's line about the team's growth (aggregates of what the whole team may see). */
export async function growthDigestLine(db: Db, teamId: string, now: Date, minGroupSize: number): Promise<string | null> {
  return teamMapDigestLine(await loadTeamMap(db, teamId, now, minGroupSize));
}

/** Adds the optional "Competency" picker at the end of another feature's form, when the map has competencies. */
export async function withCompetencyPicker<V extends { blocks: readonly unknown[] }>(db: Db, teamId: string, view: V, hint?: string): Promise<V> {
  const picker = competencyPickerBlock(await listCompetencies(db, teamId), hint);
  return picker ? { ...view, blocks: [...view.blocks, picker] } : view;
}

/** A person's open goals as lines, for their mentors (reminders and the check-in form). */
export async function goalLinesFor(db: Db, teamId: string, userId: string): Promise<string[]> {
  const goals = await listOpenGoals(db, teamId, userId);
  if (goals.length === 0) return [];
  const competencies = new Map((await listCompetencies(db, teamId)).map((c) => [c.id, c]));
  return goals.flatMap((goal) => {
    const competency = competencies.get(goal.competencyId);
    if (!competency) return [];
    return [`${competency.name} → ${levelName(competency, goal.targetLevel)}${goal.dueDate ? ` by ${goal.dueDate}` : ''}${goal.status === 'claimed' ? ' (says they got there)' : ''}`];
  });
}
