import { aiReplies } from '../rules';
import { draftName } from '../blocks';
import type { AiDraftKind } from '../../../platform/db/schema';
import type { AskOutcome, NextQuestionOutcome, SynthesisOutcome } from './drafts';

/** The one line a person is told about a draft they asked for (null: the draft speaks for itself). */
export function draftOutcomeText(outcome: SynthesisOutcome | NextQuestionOutcome | AskOutcome, kind: AiDraftKind): string | null {
  switch (outcome.kind) {
    case 'drafted':
      return null;
    case 'not_configured':
      return aiReplies.notConfigured;
    case 'off':
      return aiReplies.off;
    case 'opted_out':
      return aiReplies.optedOut;
    case 'already':
      return aiReplies.alreadyDrafted;
    case 'budget':
      return aiReplies.budgetSpent(outcome.budget);
    case 'failed':
      return aiReplies.failed(draftName(kind).replace(/^(a|an) /, ''));
    case 'not_found':
      return aiReplies.draftGone;
    case 'not_closed':
      return aiReplies.reviewNotClosed;
    case 'not_member':
      return aiReplies.notMember;
    case 'empty':
      return aiReplies.nothingToSynthesise;
    case 'no_prompt':
      return aiReplies.noPrompt;
    case 'no_replies':
      return aiReplies.noReplies;
    case 'not_facilitator':
      return aiReplies.notFacilitator(outcome.who);
    case 'dont_know':
      return aiReplies.dontKnow(outcome.search);
  }
}
