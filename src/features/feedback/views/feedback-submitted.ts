import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { checkFeedbackFields, FEEDBACK_FIELD_MAX, FEEDBACK_TEXT_MAX, type FeedbackFieldName } from '../rules';
import { parseWorkspacePermalink } from '../../../platform/slack/permalink';
import { feedbackRefusals, feedbackReplies } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { deliverFeedback } from '../flows/deliver-feedback';
import { storeFeedback } from '../flows/store-feedback';
import { ids } from '../ids';
import { notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { parseJson } from '../../../platform/slack/safe-json';
import { tellPrivately } from '../../../platform/slack/tell-privately';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { pickedCompetencyOf, recordPickedCompetency } from '../../growth';

const b = ids.feedback;
const FIELDS: Record<FeedbackFieldName, { block: string; input: string; max: number }> = {
  situation: { block: b.situationBlock, input: b.situationInput, max: FEEDBACK_FIELD_MAX },
  behaviour: { block: b.behaviourBlock, input: b.behaviourInput, max: FEEDBACK_FIELD_MAX },
  impact: { block: b.impactBlock, input: b.impactInput, max: FEEDBACK_FIELD_MAX },
  text: { block: b.textBlock, input: b.textInput, max: FEEDBACK_TEXT_MAX },
};
const metadata = z.object({ contextPermalink: z.string().nullable(), responseUrl: z.string().nullable() });

/** The feedback form: problems go back as field errors (nothing typed is lost); then store, deliver, confirm. */
export function feedbackSubmitted(deps: Deps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const values = view.state.values;
    const read = (field: FeedbackFieldName) => values[FIELDS[field].block]?.[FIELDS[field].input]?.value;
    const recipientId = values[b.recipientBlock]?.[b.recipientInput]?.selected_user ?? null;
    const fields = checkFeedbackFields({ situation: read('situation'), behaviour: read('behaviour'), impact: read('impact'), text: read('text') });
    const errors: Record<string, string> = {};
    if (!recipientId) errors[b.recipientBlock] = feedbackReplies.chooseRecipient;
    if (!fields.ok) {
      for (const { field, code } of fields.errors) {
        errors[FIELDS[field].block] = code === 'empty' ? feedbackRefusals.empty : feedbackReplies.fieldTooLong(FIELDS[field].max, (read(field) ?? '').trim().length);
      }
    }
    const meta = parseJson(metadata, view.private_metadata);
    if (!meta) errors[b.textBlock] = feedbackReplies.formOutdated;
    if (Object.keys(errors).length > 0 || !recipientId || !fields.ok || !meta) return void (await ack({ response_action: 'errors', errors }));

    const teamId = workspaceOf(body, deps);
    const senderId = body.user.id;
    let acked = false;
    try {
      // The linked message is a hint: a permalink of this workspace (as the shortcut builds it) to a channel the sender is in.
      if (meta.contextPermalink !== null) {
        const linked = parseWorkspacePermalink(deps.workspaceUrl, meta.contextPermalink);
        const refusal = !linked
          ? feedbackReplies.formOutdated
          : !linked.channelId.startsWith('D') && !(await isChannelMember(client, teamId, linked.channelId, senderId))
            ? notChannelMember('give feedback on a message')
            : null;
        if (refusal) {
          deps.logger.warn({ teamId, userId: senderId, linked: Boolean(linked) }, 'refused a feedback form with a context link that did not check out');
          return void (await ack({ response_action: 'errors', errors: { [b.textBlock]: refusal } }));
        }
      }
      // Stored before the ack (one quick insert), so a refusal shows on the form and nothing typed is lost.
      const stored = await storeFeedback(deps, { teamId, senderId, recipientId, ...fields.fields, contextPermalink: meta.contextPermalink });
      if ('refusal' in stored) {
        return void (await ack({ response_action: 'errors', errors: { [stored.refusal === 'daily_limit' ? b.textBlock : b.recipientBlock]: feedbackRefusals[stored.refusal] } }));
      }
      await ack();
      acked = true;
      await recordPickedCompetency(deps.db, { teamId, itemKind: 'feedback', itemId: stored.feedback.id, competencyId: pickedCompetencyOf(view.state.values), pickedBy: senderId });
      const delivery = await deliverFeedback(deps, client, stored.feedback);
      await tellPrivately(client, deps.logger, { userId: senderId, responseUrl: meta.responseUrl }, delivery.kind === 'delivered' ? feedbackReplies.sent(recipientId) : feedbackReplies.notDelivered(recipientId));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: senderId }, 'could not send feedback from the form');
      if (!acked) await ack({ response_action: 'errors', errors: { [b.textBlock]: whatWentWrong(error) } });
      else await tellPrivately(client, deps.logger, { userId: senderId, responseUrl: meta.responseUrl }, whatWentWrong(error)).catch(() => undefined);
    }
  };
}
