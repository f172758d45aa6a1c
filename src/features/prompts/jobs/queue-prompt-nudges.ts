import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { claimPromptNudges, listPromptsDueForNudge, releasePromptNudges, type NudgeablePrompt } from '../queries/prompts';
import { listRepliedUserIds } from '../../threads';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { messagePermalink } from '../../../platform/slack/permalink';
import { escapeMentions, truncate } from '../../../platform/ui/text';
import { keepHumans, listChannelMembers } from '../../../platform/slack/channel-members';
import { CHANNEL_GONE_ERRORS, describeSlackFailure, slackErrorCode } from '../../../platform/slack/slack-error';
import type { DmRelevance } from '../../../platform/scheduler/send-scheduled-dms';

export const PROMPT_NUDGE = 'prompt_nudge';

const PROMPTS_PER_RUN = 100;

/**
 * Queues the optional nudge of each posted prompt whose delay has passed: one budgeted DM to every
 * channel member who has not replied. The prompt is claimed first, so only one process queues it;
 * sending (hours, limits, "already replied") is up to send-scheduled-dms.
 */
export function queuePromptNudges(deps: Deps): Job {
  return {
    name: 'queue-prompt-nudges',
    async run(now) {
      const totals = { prompts: 0, queued: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'queue-prompt-nudges', async () => {
          try {
            for (const prompt of await listPromptsDueForNudge(deps.db, teamId, now, PROMPTS_PER_RUN)) {
              if (!(await claimPromptNudges(deps.db, teamId, prompt.id, now))) continue;
              totals.prompts += 1;
              totals.queued += await queueNudges(deps, teamId, prompt, now);
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId, job: 'queue-prompt-nudges' }, 'prompt nudges stopped for this workspace; the next tick carries on');
          }
        });
      }
      return totals;
    },
  };
}

/** The relevance check for prompt nudges: pointless once the person replied (publicly or privately). */
export function promptNudgeRelevance(deps: Pick<Deps, 'db'>): DmRelevance {
  return async (dm) => {
    const promptId = dm.payload.promptId;
    if (typeof promptId !== 'number') return 'not a prompt nudge';
    const replied = await listRepliedUserIds(deps.db, dm.teamId, 'prompt', promptId);
    return replied.includes(dm.userId) ? 'already replied' : null;
  };
}

async function queueNudges(deps: Deps, teamId: string, prompt: NudgeablePrompt, now: Date): Promise<number> {
  const context = { teamId, channelId: prompt.channelId, promptId: prompt.id };
  let members: string[];
  try {
    members = await listChannelMembers(deps.slack, prompt.channelId);
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && CHANNEL_GONE_ERRORS[code]) {
      deps.logger.warn({ ...context, reason: code }, 'prompt nudges skipped: channel unavailable');
      return 0;
    }
    // Let a later tick try again; dedupe keys keep anything already queued from doubling.
    await releasePromptNudges(deps.db, teamId, prompt.id);
    deps.logger.warn({ ...context, reason: describeSlackFailure(error) }, 'could not list channel members for prompt nudges; will retry');
    return 0;
  }

  const replied = new Set(await listRepliedUserIds(deps.db, teamId, 'prompt', prompt.id));
  const candidates = members.filter((userId) => userId !== deps.botUserId && !replied.has(userId));
  // A failed lookup keeps the member: the sender checks again before the DM goes.
  const humans = await keepHumans(deps, candidates, (userId, error) => {
    deps.logger.warn({ ...context, userId, reason: describeSlackFailure(error) }, 'could not look up a channel member; queuing the nudge anyway');
    return true;
  });

  const question = escapeMentions(truncate(prompt.questionText ?? 'a reflection question', 300)).replace(/\s*\n\s*/g, ' ');
  const link = prompt.messageTs ? ` <${messagePermalink(deps.workspaceUrl, prompt.channelId, prompt.messageTs)}|Open the thread>` : '';
  const text = `A reflection question is waiting for you in <#${prompt.channelId}>: “${question}” Reply in the thread when you have a minute.${link}`;

  let queued = 0;
  for (const userId of humans) {
    const inserted = await enqueueDm(deps.db, {
      teamId,
      userId,
      kind: PROMPT_NUDGE,
      dedupeKey: `${PROMPT_NUDGE}:${prompt.id}:${userId}`,
      payload: { promptId: prompt.id, channelId: prompt.channelId, text },
      dueAt: now,
      onlyUsefulOnDay: false,
    });
    if (inserted) queued += 1;
  }
  deps.logger.info({ ...context, members: members.length, queued }, 'prompt nudges queued');
  return queued;
}
