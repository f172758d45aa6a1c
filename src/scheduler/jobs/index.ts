import type { Deps } from '../../deps';
import type { Job } from '..';
import { cleanEventReceipts } from './clean-event-receipts';

/** Every job the scheduler runs each minute, in order. */
export function allJobs(deps: Deps): Job[] {
  return [cleanEventReceipts(deps)];
}
