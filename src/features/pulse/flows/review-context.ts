import type { Db } from '../../../platform/db/connect';
import { findMinGroupSize } from '../../digest';
import { listClosedRuns } from '../queries';
import { reviewContextLine } from '../blocks';
import { pulseResults } from './results';

/**
 * The line a review's context post adds in its channel: the latest closed pulse's lowest statement and
 * its trend, or null when there is none or too few answered it to show.
 */
export async function pulseReviewContext(db: Db, teamId: string, channelId: string): Promise<string | null> {
  const [latest] = await listClosedRuns(db, teamId, channelId, 1);
  if (!latest) return null;
  const minGroupSize = await findMinGroupSize(db, teamId);
  if (latest.sheets.length < minGroupSize) return null;
  const results = await pulseResults(db, latest, latest.sheets, minGroupSize);
  if (!results.lowest) return null;
  return reviewContextLine(results.lowest, results.trends[latest.statements.indexOf(results.lowest.statement)] ?? []);
}
