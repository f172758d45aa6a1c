import type { Db } from '../../../platform/db/connect';
import { listClosedRuns, type PulseRun } from '../queries';
import { lowestStatement, statementFigures, TREND_PULSES, type StatementFigure } from '../rules';

export interface PulseResults {
  figures: (StatementFigure | null)[];
  /** Per statement of this pulse, the averages of the pulses that asked it, oldest first. */
  trends: (number | null)[][];
  /** This pulse's statements' averages in the pulse before (null where not asked or too few answered). */
  previous: (number | null)[] | null;
  lowest: StatementFigure | null;
}

/**
 * A closed pulse's figures, each only with at least `minGroupSize` answers behind it, with the pulses
 * before it in the same channel (a statement is followed by its wording).
 */
export async function pulseResults(db: Db, run: PulseRun, sheets: readonly (readonly number[])[], minGroupSize: number): Promise<PulseResults> {
  const figures = statementFigures(run.statements, sheets, minGroupSize);
  const history = (await listClosedRuns(db, run.teamId, run.channelId, TREND_PULSES + 1)).filter((past) => past.id !== run.id && (past.closedAt?.getTime() ?? 0) <= (run.closedAt?.getTime() ?? Infinity));
  const older = history.slice(0, TREND_PULSES - 1).reverse();
  const averagesOf = (past: PulseRun & { sheets: number[][] }) => statementFigures(past.statements, past.sheets, minGroupSize);
  const pastFigures = older.map((past) => ({ past, figures: averagesOf(past) }));
  const trends = run.statements.map((statement, index) => [
    ...pastFigures.filter(({ past }) => past.statements.includes(statement)).map(({ past, figures: f }) => f[past.statements.indexOf(statement)]?.average ?? null),
    figures[index]?.average ?? null,
  ]);
  const before = pastFigures[pastFigures.length - 1];
  const previous = before ? run.statements.map((statement) => (before.past.statements.includes(statement) ? (before.figures[before.past.statements.indexOf(statement)]?.average ?? null) : null)) : null;
  return { figures, trends, previous, lowest: lowestStatement(figures) };
}
