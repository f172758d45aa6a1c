import type { Deps } from '../../deps';
import type { Feature } from '../../platform/feature';
import type { Registrar } from '../../platform/receivers/router';
import { AiClient } from '../../platform/ai/ai-client';
import { aiDiscard } from './actions/discard';
import { aiDraftSynthesis } from './actions/draft-synthesis';
import { aiEdit } from './actions/edit';
import { aiPublish } from './actions/publish';
import { askAiSubcommand } from './commands/ask-ai';
import { nextQuestionSubcommand } from './commands/next-question';
import { offerSynthesis } from './flows/offer';
import { AI_DRAFT_DM, type AiDeps } from './flows/partner';
import { ids } from './ids';
import { offerDigestThemes } from './jobs/offer-digest-themes';
import { deleteStaleDrafts, findDraft } from './queries';
import { aiEditSubmitted } from './views/edit-submitted';

/**
 * The optional AI partner: drafts (a review's synthesis, a digest's themes, a prompt's follow-up question,
 * an answer from the knowledge base) that one person edits, publishes or discards. Off unless the operator
 * configured an endpoint and a workspace admin turned it on; any channel may leave itself out.
 */
export function aiFeature(deps: Deps): Feature & { offerSynthesis: (client: Parameters<typeof offerSynthesis>[1], input: Parameters<typeof offerSynthesis>[2]) => Promise<void> } {
  const aiDeps: AiDeps = Object.assign(Object.create(deps) as Deps, { ai: deps.config.ai ? new AiClient(deps.config.ai, deps.logger) : undefined });
  return {
    name: 'ai',
    register(app: Registrar) {
      app.action(ids.ai.draftSynthesis, aiDraftSynthesis(aiDeps));
      app.action(ids.ai.publish, aiPublish(aiDeps));
      app.action(ids.ai.edit, aiEdit(aiDeps));
      app.action(ids.ai.discard, aiDiscard(aiDeps));
      app.view(ids.ai.editView, aiEditSubmitted(aiDeps));
    },
    subcommands: { 'ask-ai': askAiSubcommand(aiDeps), 'next-question': nextQuestionSubcommand(aiDeps) },
    jobs: [offerDigestThemes(aiDeps)],
    shortLivedRows: [{ name: 'aiDrafts', deleteOld: deleteStaleDrafts }],
    // A queued draft is worth sending while it is still a draft (not discarded, published or expired).
    dmRelevance: {
      [AI_DRAFT_DM]: async (dm) => ((await findDraft(deps.db, dm.teamId, Number((dm.payload as { aiDraftId?: unknown }).aiDraftId)))?.status === 'draft' ? null : 'the draft is gone'),
    },
    offerSynthesis: (client, input) => offerSynthesis(aiDeps, client, input),
  };
}

// What other features use of this one.
export { aiSetting, aiSettingSummary } from './commands/ai-setting';
export { listPublishedDrafts, deleteDraftsOf } from './queries';
