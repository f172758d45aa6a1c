import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { messagePermalink } from '../../../platform/slack/permalink';
import { initialFromMessage, learningModal, learningOrigin } from '../blocks/learning-modal';
import { formSeal } from '../../../platform/slack/form-seal';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';
import { withCompetencyPicker } from '../../growth';

/** "Save as learning" on a message: the form pre-filled with its text and link; its author is credited. */
export function saveAsLearning(deps: Pick<Deps, 'logger' | 'workspaceUrl' | 'config' | 'teamId' | 'db'>) {
  return async ({ ack, shortcut, client, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const { message, channel } = shortcut;
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? deps.teamId;
    try {
      const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : undefined;
      const sourcePermalink = messagePermalink(deps.workspaceUrl, channel.id, message.ts, threadTs);
      const author = message.user && message.user !== shortcut.user.id ? message.user : undefined;
      const fixed = {
        mode: 'create' as const,
        channelId: channel.id,
        source: 'message' as const,
        sourcePermalink,
        ...(author ? { creditedUserId: author } : {}),
      };
      // The author and the link come from Slack's shortcut payload: sealed, so the form cannot carry others back.
      const metadata = { ...fixed, responseUrl: shortcut.response_url, seal: formSeal(deps.config, { teamId, userId: shortcut.user.id, ...learningOrigin(fixed) }) };
      const origin = `From <${sourcePermalink}|a message>${author ? ` by <@${author}>; they are credited as who you learned it from` : ''}.`;
      await client.views.open({ trigger_id: shortcut.trigger_id, view: await withCompetencyPicker(deps.db, teamId, learningModal({ metadata, initial: initialFromMessage(message.text ?? ''), origin })) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: shortcut.user.id, channelId: channel.id }, 'could not open the save-as-learning form');
      await respond({ ...ephemeral(whatWentWrong(error)), replace_original: false }).catch(() => undefined);
    }
  };
}
