import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { claimDuePrompts, markPromptPosted, reclaimStalePrompts, type ClaimedPrompt } from '../queries/prompts';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { inParallel } from '../../../platform/in-parallel';
import { postPrompt, promptMark } from '../flows/post-prompt';
import { findMarked } from '../../../platform/slack/post-once';
import { describeSlackFailure } from '../../../platform/slack/slack-error';

// Channels are posted to in parallel; each channel's prompts in order, one at a time.
const CHANNEL_CONCURRENCY = 8;

/** Claims every due prompt occurrence in PostgreSQL, then posts what this process claimed. */
export function postDuePrompts(deps: Deps): Job {
  return {
    name: 'post-due-prompts',
    async run(now) {
      const totals = { posted: 0, failed: 0, skipped: 0, recovered: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'post-due-prompts', async () => {
          for (const prompt of await reclaimStalePrompts(deps.db, teamId, now)) {
            const look = await lookForPostedPrompt(deps, prompt, now);
            if (look === 'found') totals.recovered += 1;
            // Left claimed: the next recovery looks again; posting now could make a second copy.
            else if (look === 'unknown') totals.failed += 1;
            else count(totals, (await postPrompt(deps, prompt, now)).kind);
          }
          for (;;) {
            const { claimed, skipped } = await claimDuePrompts(deps.db, teamId, now);
            totals.skipped += skipped;
            if (claimed.length === 0 && skipped === 0) break;
            await postByChannel(claimed, async (prompt) => count(totals, (await postPrompt(deps, prompt, now)).kind));
          }
        });
      }
      return totals;
    },
  };
}

function count(totals: { posted: number; failed: number }, kind: 'posted' | 'failed'): void {
  totals[kind] += 1;
}

async function postByChannel(prompts: ClaimedPrompt[], post: (prompt: ClaimedPrompt) => Promise<void>): Promise<void> {
  const byChannel = new Map<string, ClaimedPrompt[]>();
  for (const prompt of prompts) byChannel.set(prompt.channelId, [...(byChannel.get(prompt.channelId) ?? []), prompt]);
  const queues = [...byChannel.values()].map((queue) => queue.sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime() || a.id - b.id));
  await inParallel(queues, CHANNEL_CONCURRENCY, async (queue) => {
    for (const prompt of queue) await post(prompt);
  });
}

/**
 * A process stopped between posting and recording, or Slack's answer was unclear and the channel could not
 * be read: look for the prompt's message (it carries the prompt id in its metadata) before posting again,
 * so nothing is ever posted twice. Since a minute before the occurrence was due: no attempt came earlier,
 * and every recovery moves the claim time on, so that cannot be the start.
 */
async function lookForPostedPrompt(deps: Deps, prompt: ClaimedPrompt, now: Date): Promise<'found' | 'not_found' | 'unknown'> {
  try {
    const since = Math.floor(prompt.scheduledFor.getTime() / 1000) - 60;
    const found = await findMarked(deps.poster, prompt.channelId, undefined, promptMark(prompt.id), since);
    if (!found) return 'not_found';
    await markPromptPosted(deps.db, prompt.teamId, prompt, found.ts, now);
    return 'found';
  } catch (error) {
    deps.logger.warn({ teamId: prompt.teamId, promptId: prompt.id, reason: describeSlackFailure(error) }, 'could not look for a stale prompt in its channel; left for the next recovery');
    return 'unknown';
  }
}
