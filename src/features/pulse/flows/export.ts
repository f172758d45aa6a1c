import type { Db } from '../../../platform/db/connect';
import type { Viewer } from '../../../platform/audience/rules';
import { findMinGroupSize } from '../../digest';
import { listPulseAggregates, type PulseAggregate } from '../queries';

/** The pulse results an export holds: aggregates only, each figure under the workspace's minimum group size. */
export async function listPulseExport(db: Db, teamId: string, exporter: Viewer, channelId: string | null): Promise<PulseAggregate[]> {
  return listPulseAggregates(db, teamId, exporter, channelId, await findMinGroupSize(db, teamId));
}
