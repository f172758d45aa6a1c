import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import { digestSubcommand } from './commands/digest';
import { statsSubcommand } from './commands/stats';
import { postDueDigests } from './jobs/post-due-digests';

/** The weekly channel digest and stats: `/learnloop digest` and `/learnloop stats`, and the job that posts digests. */
export function digestFeature(deps: Deps): Feature {
  return {
    name: 'digest',
    subcommands: { digest: digestSubcommand(deps), stats: statsSubcommand(deps) },
    jobs: [postDueDigests(deps)],
  };
}

// What other features use of this one.
export { MIN_GROUP_SIZE_MAX, MIN_GROUP_SIZE_MIN, countReplies, findMinGroupSize, upsertMinGroupSize } from './queries/stats';
export { DEFAULT_MIN_GROUP_SIZE, safeRate } from './rules';
