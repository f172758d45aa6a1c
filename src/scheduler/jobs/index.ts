import type { Deps } from '../../deps';
import type { Job } from '..';
import { cleanEventReceipts } from './clean-event-receipts';
import { postDuePrompts } from './post-due-prompts';

/** Every job the scheduler runs each minute, in order. */
export function allJobs(deps: Deps): Job[] {
  return [postDuePrompts(deps), cleanEventReceipts(deps)];
}
