import type { AllMiddlewareArgs, SlashCommand, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { listFeedbackSentBy } from '../queries';
import { checkFeedbackFields, parseFeedbackCommand } from '../rules';
import { isHelpRequest } from '../../help';
import { feedbackListMessage, feedbackModal, feedbackRefusals, feedbackReplies } from '../blocks';
import { topicHelpBlocks, topicHelpText } from '../../help';
import { deliverFeedback } from '../flows/deliver-feedback';
import { checkFeedbackAllowed, storeFeedback } from '../flows/store-feedback';
import { ephemeral, whatWentWrong, type EphemeralReply } from '../../../platform/slack/replies';
import { withCompetencyPicker } from '../../growth';

/** `/feedback @person TEXT` sends; `/feedback [@person]` opens the form; `/feedback list` shows what I sent. */
export function feedbackCommand(deps: Deps) {
  return async ({ ack, command, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (isHelpRequest(command.text ?? '')) return void (await ack(ephemeral(topicHelpText('feedback'), topicHelpBlocks('feedback'))));
    await ack();
    const parsed = parseFeedbackCommand(command.text ?? '');
    try {
      let reply: EphemeralReply | void;
      if (parsed.kind === 'not_a_mention') reply = ephemeral(feedbackRefusals.not_a_mention);
      else if (parsed.kind === 'list') reply = await listSent(deps, command);
      else if (parsed.kind === 'modal') reply = await openForm(deps, client, command, parsed.recipientId);
      else reply = await send(deps, client, command, parsed.recipientId, parsed.text);
      if (reply) await respond(reply);
    } catch (error) {
      deps.logger.error({ err: error, teamId: command.team_id, userId: command.user_id, kind: parsed.kind }, '/feedback failed');
      await respond(ephemeral(whatWentWrong(error))).catch(() => undefined);
    }
  };
}

async function listSent(deps: Deps, command: SlashCommand): Promise<EphemeralReply> {
  const sent = await listFeedbackSentBy(deps.db, command.team_id, command.user_id, 10);
  const message = feedbackListMessage(sent, await deps.users.timeZoneOf(command.user_id));
  return ephemeral(message.text, message.blocks);
}

async function openForm(deps: Deps, client: WebClient, command: SlashCommand, recipientId: string | null): Promise<EphemeralReply | void> {
  // Refuse before anything is typed, rather than on submit.
  const refusal = await checkFeedbackAllowed(deps, { teamId: command.team_id, senderId: command.user_id, recipientId });
  if (refusal) return ephemeral(feedbackRefusals[refusal]);
  await client.views.open({ trigger_id: command.trigger_id, view: await withCompetencyPicker(deps.db, command.team_id, feedbackModal({ recipientId, contextPermalink: null, responseUrl: command.response_url }), 'Which competency is this feedback about? (optional)') });
}

async function send(deps: Deps, client: WebClient, command: SlashCommand, recipientId: string, text: string): Promise<EphemeralReply> {
  const fields = checkFeedbackFields({ text });
  if (!fields.ok) return ephemeral(feedbackReplies.commandTooLong(text.length));
  const stored = await storeFeedback(deps, { teamId: command.team_id, senderId: command.user_id, recipientId, ...fields.fields, contextPermalink: null });
  if ('refusal' in stored) return ephemeral(feedbackRefusals[stored.refusal]);
  const delivery = await deliverFeedback(deps, client, stored.feedback);
  return ephemeral(delivery.kind === 'delivered' ? feedbackReplies.sent(recipientId) : feedbackReplies.notDelivered(recipientId));
}
