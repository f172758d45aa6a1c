import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { escapeMentions, normaliseTag } from '../../../platform/ui/text';
import { insertLearning } from '../../learnings';
import { reviewPermalink, startReview } from '../../reviews';
import { insertRequestedPrompt, postPrompt } from '../../prompts';

/** The Workflow Builder steps Learnloop offers (manifest.yml → functions), by callback id. */
export const WORKFLOW_STEPS = { startReview: 'start_review', recordLearning: 'record_learning', sendPrompt: 'send_reflection_prompt' } as const;

type Outputs = Record<string, string>;
type StepResult = { ok: true; outputs: Outputs } | { ok: false; error: string };

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined);

/**
 * A Workflow Builder step ran (`function_executed`): do it, then complete it with functions.completeSuccess
 * and its outputs, or functions.completeError with a sentence the workflow's builder can act on.
 */
export function functionExecuted(deps: Deps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = String((body as { team_id?: string }).team_id ?? deps.teamId);
    const executionId = String(event.function_execution_id);
    const callbackId = String(event.function.callback_id);
    let result: StepResult;
    try {
      result = await runStep(deps, client, teamId, callbackId, (event.inputs ?? {}) as Record<string, unknown>);
    } catch (error) {
      deps.logger.error({ err: error, teamId, callbackId }, 'workflow step failed');
      result = { ok: false, error: 'Learnloop could not finish this step; nothing was saved. Try the workflow again.' };
    }
    if (result.ok) await client.functions.completeSuccess({ function_execution_id: executionId, outputs: result.outputs });
    else await client.functions.completeError({ function_execution_id: executionId, error: result.error });
    deps.logger.info({ teamId, callbackId, ok: result.ok }, 'workflow step completed');
  };
}

async function runStep(deps: Deps, client: AllMiddlewareArgs['client'], teamId: string, callbackId: string, inputs: Record<string, unknown>): Promise<StepResult> {
  switch (callbackId) {
    case WORKFLOW_STEPS.startReview: {
      const channelId = text(inputs.channel_id, 20);
      const title = text(inputs.title, 150);
      if (!channelId || !title) return { ok: false, error: 'Give the step a channel and a title.' };
      const link = text(inputs.link, 2000);
      const startedBy = text(inputs.user_id, 20) ?? deps.botUserId;
      const started = await startReview(deps, client, { teamId, channelId, userId: startedBy, title: escapeMentions(title), link: link && /^https?:\/\//.test(link) ? link : null, trigger: 'workflow' });
      if (started.kind === 'not_in_channel') return { ok: false, error: `Learnloop is not in <#${channelId}>; invite it there first.` };
      return { ok: true, outputs: { review_link: reviewPermalink(deps.workspaceUrl, started.review) ?? '' } };
    }
    case WORKFLOW_STEPS.recordLearning: {
      const userId = text(inputs.user_id, 20);
      const learning = text(inputs.text, 3000);
      if (!userId || !learning) return { ok: false, error: 'Give the step a person and the text of the learning.' };
      const tags = [...new Set(String(inputs.tags ?? '').split(/[\s,]+/).map((tag) => normaliseTag(tag)).filter((tag): tag is string => tag !== undefined))].slice(0, 10);
      const saved = await insertLearning(deps.db, { teamId, userId, text: learning, tags, link: null, visibility: 'team', source: 'experience', channelId: null, sourceKind: 'workflow', sourceId: null });
      return { ok: true, outputs: { learning_id: String(saved.id) } };
    }
    case WORKFLOW_STEPS.sendPrompt: {
      const channelId = text(inputs.channel_id, 20);
      const question = text(inputs.question, 300);
      if (!channelId || !question) return { ok: false, error: 'Give the step a channel and a question.' };
      const now = deps.clock.now();
      const prompt = await insertRequestedPrompt(deps.db, { teamId, channelId, requestedBy: text(inputs.user_id, 20) ?? deps.botUserId, now });
      const outcome = await postPrompt(deps, prompt, now, { question: escapeMentions(question) });
      return outcome.kind === 'posted' ? { ok: true, outputs: {} } : { ok: false, error: `The prompt was not posted: ${outcome.reason}.` };
    }
    default:
      return { ok: false, error: `Learnloop has no step called ${callbackId.slice(0, 40)}.` };
  }
}
