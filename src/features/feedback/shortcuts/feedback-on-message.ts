import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { messagePermalink } from '../../../platform/slack/permalink';
import { feedbackModal, feedbackRefusals } from '../blocks';
import { checkFeedbackAllowed } from '../flows/store-feedback';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';
import { withCompetencyPicker } from '../../growth';

/** "Give feedback on this": the feedback form with the message's author chosen and the message linked. */
export function feedbackOnMessage(deps: Deps) {
  return async ({ ack, shortcut, client, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? deps.teamId;
    const senderId = shortcut.user.id;
    // Messages posted by bots and integrations have no user; the sender then picks someone.
    const authorId: string | null = shortcut.message.user ?? null;
    const threadTs = typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : undefined;
    try {
      const refusal = await checkFeedbackAllowed(deps, { teamId, senderId, recipientId: authorId });
      if (refusal) return void (await respond({ ...ephemeral(feedbackRefusals[refusal]), replace_original: false }));
      const contextPermalink = messagePermalink(deps.workspaceUrl, shortcut.channel.id, shortcut.message.ts, threadTs);
      await client.views.open({ trigger_id: shortcut.trigger_id, view: await withCompetencyPicker(deps.db, teamId, feedbackModal({ recipientId: authorId, contextPermalink, responseUrl: shortcut.response_url }), 'Which competency is this feedback about? (optional)') });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: senderId, channelId: shortcut.channel.id }, 'could not open the feedback form from a message');
      await respond({ ...ephemeral(whatWentWrong(error)), replace_original: false }).catch(() => undefined);
    }
  };
}
