import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { claimDuePrompts, markPromptPosted, reclaimStalePrompts, type ClaimedPrompt } from '../queries/prompts';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { inParallel } from '../../../platform/in-parallel';
import { postPrompt } from '../flows/post-prompt';

// Channels are posted to in parallel; each channel's prompts in order, one at a time.
const CHANNEL_CONCURRENCY = 8;

/** Claims every due prompt occurrence in PostgreSQL, then posts what this process claimed. */
export function postDuePrompts(deps: Deps): Job {
  return {
    name: 'post-due-prompts',
    async run(now) {
      const totals = { posted: 0, failed: 0, skipped: 0, recovered: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        for (const prompt of await reclaimStalePrompts(deps.db, teamId, now)) {
          if (await wasAlreadyPosted(deps, prompt, prompt.previousClaimAt, now)) totals.recovered += 1;
          else count(totals, (await postPrompt(deps, prompt, now)).kind);
        }
        for (;;) {
          const { claimed, skipped } = await claimDuePrompts(deps.db, teamId, now);
          totals.skipped += skipped;
          if (claimed.length === 0 && skipped === 0) break;
          await postByChannel(claimed, async (prompt) => count(totals, (await postPrompt(deps, prompt, now)).kind));
        }
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
 * A process stopped between posting and recording: look for the prompt's message (it carries the
 * prompt id in its metadata) before posting again, so a restart never posts twice.
 */
async function wasAlreadyPosted(deps: Deps, prompt: ClaimedPrompt, claimedAt: Date, now: Date): Promise<boolean> {
  try {
    const history = await deps.slack.conversations.history({
      channel: prompt.channelId,
      oldest: String(Math.floor(claimedAt.getTime() / 1000) - 60),
      include_all_metadata: true,
      limit: 100,
    });
    const found = history.messages?.find((m) => (m as { metadata?: { event_payload?: { prompt_id?: unknown } } }).metadata?.event_payload?.prompt_id === prompt.id);
    if (!found?.ts) return false;
    await markPromptPosted(deps.db, prompt.teamId, prompt, found.ts, now);
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, teamId: prompt.teamId, promptId: prompt.id }, 'could not check channel history for a stale prompt; posting it');
    return false;
  }
}
