import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { messagePermalink } from '../../../platform/slack/permalink';
import { learningModal, learningOrigin } from '../../learnings';
import { formSeal } from '../../../platform/slack/form-seal';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { withCompetencyPicker } from '../../growth';

/** "Record a learning" on a prompt opens the learning form, linked to the prompt. */
export function promptRecordLearning(deps: Pick<Deps, 'logger' | 'workspaceUrl' | 'config' | 'teamId' | 'db'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = workspaceOf(body, deps);
    const channelId = body.channel?.id;
    const messageTs = body.message?.ts ?? (body.container as { message_ts?: string }).message_ts;
    try {
      const promptId = Number(action.value);
      const sourcePermalink = channelId && messageTs ? messagePermalink(deps.workspaceUrl, channelId, messageTs) : undefined;
      const fixed = {
        mode: 'create' as const,
        source: 'prompt' as const,
        ...(channelId ? { channelId } : {}),
        ...(sourcePermalink ? { sourcePermalink } : {}),
        ...(Number.isInteger(promptId) && promptId > 0 ? { promptId } : {}),
      };
      // The channel and link come from the button's own container: sealed, so the form cannot carry others back.
      const metadata = { ...fixed, responseUrl: body.response_url, seal: formSeal(deps.config, { teamId, userId: body.user.id, ...learningOrigin(fixed) }) };
      const origin = sourcePermalink ? `From <${sourcePermalink}|a reflection prompt>.` : 'From a reflection prompt.';
      await client.views.open({ trigger_id: body.trigger_id, view: await withCompetencyPicker(deps.db, teamId, learningModal({ metadata, origin })) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: body.user.id, channelId }, 'could not open the learning form from a prompt');
      await respond({ ...ephemeral(whatWentWrong(error)), replace_original: false }).catch(() => undefined);
    }
  };
}
