import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { findPrompt } from '../queries/prompts';
import { insertPrivateReply } from '../../threads';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { ids } from '../ids';
import { notChannelMember } from '../../../platform/slack/replies';
import { PRIVATE_REPLY_MAX } from '../blocks/private-reply';
import { safeJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { fieldTooLong } from '../../../platform/ui/blocks';

const metadata = z.object({ promptId: z.number().int().positive() });

/** Saves a private reply; problems go back to the modal field, so nothing typed is lost. */
export function promptPrivateReplySubmitted(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const text = (view.state.values[ids.prompt.privateReplyBlock]?.[ids.prompt.privateReplyInput]?.value ?? '').trim();
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [ids.prompt.privateReplyBlock]: message } });
    if (text === '') return void (await fieldError('Write an answer first, or press Cancel.'));
    if (text.length > PRIVATE_REPLY_MAX) return void (await fieldError(fieldTooLong(PRIVATE_REPLY_MAX, text.length)));
    const parsed = metadata.safeParse(safeJson(view.private_metadata));
    if (!parsed.success) return void (await fieldError('This form is out of date. Copy your answer, close it, and press "Reply privately" again.'));

    const teamId = workspaceOf(body, deps);
    const gone = 'That prompt is no longer in Learnloop, so your answer could not be saved.';
    try {
      // The prompt id in the metadata is a hint: the prompt must be this workspace's and its channel the submitter's.
      const prompt = await findPrompt(deps.db, teamId, parsed.data.promptId);
      if (!prompt) return void (await fieldError(gone));
      if (!(await isChannelMember(client, teamId, prompt.channelId, body.user.id))) {
        deps.logger.warn({ teamId, userId: body.user.id, promptId: prompt.id }, 'refused a private reply from outside the prompt’s channel');
        return void (await fieldError(notChannelMember('reply to a prompt')));
      }
      const saved = await insertPrivateReply(deps.db, { teamId, kind: 'prompt', subjectId: parsed.data.promptId, userId: body.user.id, text });
      if (!saved) return void (await fieldError(gone));
      await ack();
      await client.chat
        .postMessage({ channel: body.user.id, text: ':lock: Your private reply is saved. Only you can see it.' })
        .catch((error) => deps.logger.warn({ err: error, teamId }, 'could not confirm a private reply'));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: body.user.id }, 'could not save a private reply');
      await fieldError('Something went wrong on our side and nothing was saved; please try again.');
    }
  };
}
