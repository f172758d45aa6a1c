import { z } from 'zod';
import type { Deps } from '../../../deps';
import { viewSubmission } from '../../../platform/slack/view-submission';
import { listChannelMembers } from '../../../platform/slack/channel-members';
import { safeJson } from '../../../platform/slack/safe-json';
import { findRun, recordAnswer } from '../queries';
import { FREE_TEXT_MAX } from '../rules';
import { ids } from '../ids';
import { pulseReplies } from '../blocks';

const b = ids.pulse;
const plain = (text: string) => ({ type: 'plain_text' as const, text });

/**
 * The pulse modal. Checked on the server: the pulse is this workspace's and still open, the submitter is
 * a member of its channel and has not answered yet; then the answers are saved without their name.
 */
export function pulseAnswerSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId'>) {
  return viewSubmission(deps, { failure: 'could not save a pulse answer', errorBlock: `${b.statementBlockPrefix}0` }, async ({ ack, view, client }, { teamId, userId }) => {
    const firstBlock = `${b.statementBlockPrefix}0`;
    const refuse = (text: string) => ack({ response_action: 'errors', errors: { [firstBlock]: text } });
    const meta = z.object({ runId: z.number().int() }).safeParse(safeJson(view.private_metadata));
    const run = meta.success ? await findRun(deps.db, teamId, meta.data.runId) : undefined;
    if (!run) return void (await refuse(pulseReplies.notFound));
    const v = view.state.values;
    const errors: Record<string, string> = {};
    const scores = run.statements.map((_, index) => {
      const value = Number(v[`${b.statementBlockPrefix}${index}`]?.[b.scoreInput]?.selected_option?.value);
      if (!(Number.isInteger(value) && value >= 1 && value <= 5)) errors[`${b.statementBlockPrefix}${index}`] = 'Pick one from 1 to 5.';
      return value;
    });
    const freeText = (v[b.freeTextBlock]?.[b.freeTextInput]?.value ?? '').trim();
    if (freeText.length > FREE_TEXT_MAX) errors[b.freeTextBlock] = `Keep it to ${FREE_TEXT_MAX} characters.`;
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    if (!(await listChannelMembers(client, run.channelId)).includes(userId)) return void (await refuse(pulseReplies.notMember));
    const outcome = await recordAnswer(deps.db, { teamId, runId: run.id, userId, scores, freeText: freeText === '' ? null : freeText, now: deps.clock.now() });
    if (outcome === 'closed') return void (await refuse(pulseReplies.closed));
    if (outcome === 'already_answered') return void (await refuse(pulseReplies.alreadyAnswered));
    if (outcome === 'not_found') return void (await refuse(pulseReplies.notFound));
    // Who answered is not logged beside the pulse: the log's time would say when they did.
    deps.logger.info({ teamId, pulseRunId: run.id }, 'pulse answer saved');
    await ack({ response_action: 'update', view: { type: 'modal', title: plain('Team learning pulse'), close: plain('Close'), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: pulseReplies.thanks } }] } });
  });
}
