import type { Db } from '../../../platform/db/connect';
import type { Viewer } from '../../../platform/audience/rules';
import { listCompetencies, listCompetencyFigures, listConfirmedGoals, listConfirmedLevels, listOpenGoals, listPersonEvidence, type Competency, type Evidence, type GrowthGoal } from '../queries';
import { daysToCompetency, EVIDENCE_DAYS, teamMapRows, weeklyCounts, type TeamMapRow, CHART_WEEKS } from '../rules';

const DAY_MS = 86_400_000;

/** One person's growth in one competency, as a viewer may see it. */
export interface CompetencyGrowth {
  competency: Competency;
  /** 0: no confirmed level yet. */
  level: number;
  evidence: Evidence[];
  weekly: number[];
  openGoals: GrowthGoal[];
  /** Days each confirmed level took (time-to-competency), newest first: the person's own figures. */
  daysToLevels: { level: number; days: number }[];
}

/**
 * "My growth": per competency, the confirmed level, the last 90 days' evidence `viewer` may see, a
 * 12-week count, and open goals. Only the person and their mentors are ever shown it.
 */
export async function loadPersonGrowth(db: Db, teamId: string, userId: string, viewer: Viewer, now: Date): Promise<CompetencyGrowth[]> {
  const since = new Date(now.getTime() - Math.max(EVIDENCE_DAYS, CHART_WEEKS * 7) * DAY_MS);
  const [competencies, evidence, levels, open, confirmed] = await Promise.all([
    listCompetencies(db, teamId),
    listPersonEvidence(db, teamId, userId, viewer, since),
    listConfirmedLevels(db, teamId, userId),
    listOpenGoals(db, teamId, userId),
    listConfirmedGoals(db, teamId, userId),
  ]);
  const recent = new Date(now.getTime() - EVIDENCE_DAYS * DAY_MS);
  return competencies.map((competency) => {
    const mine = evidence.filter((item) => item.competencyId === competency.id);
    return {
      competency,
      level: levels.get(competency.id) ?? 0,
      evidence: mine.filter((item) => item.at >= recent),
      weekly: weeklyCounts(mine.map((item) => item.at), now),
      openGoals: open.filter((goal) => goal.competencyId === competency.id),
      daysToLevels: confirmed
        .filter((goal) => goal.competencyId === competency.id && goal.confirmedAt)
        .map((goal) => ({ level: goal.targetLevel, days: daysToCompetency(goal.startedAt ?? goal.createdAt, goal.confirmedAt!, goal.timeZone) })),
    };
  });
}

/** The team map: per competency, people per level, this month's evidence, median time-to-competency, gaps. */
export async function loadTeamMap(db: Db, teamId: string, now: Date, minGroupSize: number): Promise<TeamMapRow[]> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [competencies, figures] = await Promise.all([listCompetencies(db, teamId), listCompetencyFigures(db, teamId, monthStart)]);
  return teamMapRows(competencies, figures, minGroupSize);
}
