import { viewSubmission } from '../../../platform/slack/view-submission';
import { decidedMessage, MAX_BODY_CHARS, MAX_CANDIDATE_CHARS } from '../blocks';
import { publishDraft } from '../flows/publish';
import type { AiDeps } from '../flows/partner';
import { findDraft, updateDraftText } from '../queries';
import { ids } from '../ids';
import { aiReplies } from '../rules';

const a = ids.ai;

/** The edited draft: checked (its reader's, still a draft, not too long), saved, then published. */
export function aiEditSubmitted(deps: AiDeps) {
  return viewSubmission(deps, { failure: 'could not publish an edited AI draft', errorBlock: a.bodyBlock }, async ({ ack, view, client }, { teamId, userId }) => {
    const draft = await findDraft(deps.db, teamId, Number(view.private_metadata) || 0);
    if (!draft || draft.status !== 'draft') return void (await ack({ response_action: 'errors', errors: { [a.bodyBlock]: aiReplies.draftGone } }));
    if (draft.userId !== userId) return void (await ack({ response_action: 'errors', errors: { [a.bodyBlock]: aiReplies.notYours } }));
    const body = (view.state.values[a.bodyBlock]?.[a.bodyInput]?.value ?? '').trim();
    const candidates = (view.state.values[a.candidatesBlock]?.[a.candidatesInput]?.value ?? '')
      .split('\n')
      .map((line) => line.replace(/^[•*-]\s*/, '').trim())
      .filter(Boolean);
    if (body === '') return void (await ack({ response_action: 'errors', errors: { [a.bodyBlock]: 'Write something to publish, or close this form and press Discard.' } }));
    if (body.length > MAX_BODY_CHARS) return void (await ack({ response_action: 'errors', errors: { [a.bodyBlock]: aiReplies.editTooLong(MAX_BODY_CHARS) } }));
    if (candidates.length > 3 || candidates.some((c) => c.length > MAX_CANDIDATE_CHARS)) {
      return void (await ack({ response_action: 'errors', errors: { [a.candidatesBlock]: `Up to three commitments, one per line, each under ${MAX_CANDIDATE_CHARS} characters.` } }));
    }
    await updateDraftText(deps.db, teamId, draft.id, body, draft.kind === 'review_synthesis' ? candidates : []);
    await ack();
    const outcome = await publishDraft(deps, { teamId, draftId: draft.id, userId });
    const text = outcome.kind === 'published' ? aiReplies.published(outcome.where) : outcome.kind === 'failed' ? aiReplies.publishFailed : aiReplies.draftGone;
    if (draft.dmChannelId && draft.dmTs && outcome.kind === 'published') {
      await client.chat.update({ channel: draft.dmChannelId, ts: draft.dmTs, ...decidedMessage(text) }).catch(() => undefined);
    } else {
      await client.chat.postMessage({ channel: userId, text }).catch(() => undefined);
    }
  });
}
