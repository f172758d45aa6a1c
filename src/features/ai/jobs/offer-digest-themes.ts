import type { Job } from '../../../platform/scheduler';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { draftDigestThemes } from '../flows/drafts';
import { AI_NOTICE_DM, type AiDeps } from '../flows/partner';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { listDigestsAwaitingThemes, markThemesSkipped } from '../queries';
import { aiReplies, PROMPT_VERSION } from '../rules';

const LOOK_BACK_MS = 6 * 3_600_000;

/**
 * After a digest is posted, its poster gets a draft of the week's themes for the digest's thread, through
 * the shared DM queue (their budget, never in their quiet hours). Each digest is claimed once (the draft
 * row's unique key) across processes.
 */
export function offerDigestThemes(deps: AiDeps): Job {
  return {
    name: 'ai-digest-themes',
    async run(now) {
      const totals = { drafted: 0, skipped: 0, failed: 0 };
      const ai = deps.ai;
      if (!ai) return totals;
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'ai-digest-themes', async () => {
          for (const digest of await listDigestsAwaitingThemes(deps.db, teamId, new Date(now.getTime() - LOOK_BACK_MS))) {
            try {
              const outcome = await draftDigestThemes(deps, deps.slack, digest);
              if (outcome.kind === 'drafted' || outcome.kind === 'already') {
                totals.drafted += outcome.kind === 'drafted' ? 1 : 0;
                continue;
              }
              // Offered once: a digest without a draft is not tried again next minute.
              await markThemesSkipped(deps.db, digest, ai.model, PROMPT_VERSION);
              if (outcome.kind === 'failed') {
                totals.failed += 1;
                await enqueueDm(deps.db, { teamId, userId: digest.posterId, kind: AI_NOTICE_DM, dedupeKey: `${AI_NOTICE_DM}:digest:${digest.id}`, payload: { text: aiReplies.digestFailed }, dueAt: now, onlyUsefulOnDay: true });
              } else totals.skipped += 1;
            } catch (error) {
              totals.failed += 1;
              await markThemesSkipped(deps.db, digest, ai.model, PROMPT_VERSION).catch(() => undefined);
              deps.logger.warn({ err: error, teamId, digestId: digest.id }, 'digest themes not drafted');
            }
          }
        });
      }
      return totals;
    },
  };
}
