import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { insertLearning } from '../../learnings';
import { findSession } from '../queries';
import { LEARNING_MAX_LENGTH } from '../../learnings';
import { messagePermalink } from '../../../platform/slack/permalink';
import { escapeMentions } from '../../../platform/ui/text';
import { sessionReplies, teachingMetadataSchema } from '../blocks';
import { ids } from '../ids';
import { whatWentWrong } from '../../../platform/slack/replies';
import { parseJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';

const b = ids.session;

/** The leader's answer: stored as their learning from experience, tagged teaching. */
export function sessionTeachingSubmitted(deps: Deps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [b.teachingTextBlock]: message } });
    const text = (view.state.values[b.teachingTextBlock]?.[b.teachingTextInput]?.value ?? '').trim();
    if (text === '') return void (await fieldError(sessionReplies.learningEmpty));
    if (text.length > LEARNING_MAX_LENGTH) return void (await fieldError(sessionReplies.learningTooLong(text.length)));
    const meta = parseJson(teachingMetadataSchema, view.private_metadata);
    if (!meta) return void (await fieldError(sessionReplies.outOfDate));
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    try {
      const session = await findSession(deps.db, teamId, meta.sessionId);
      if (!session) return void (await fieldError(sessionReplies.gone));
      const leaderId = session.confirmedLeaderId ?? session.leaderId;
      if (userId !== leaderId) return void (await fieldError(sessionReplies.notYours(leaderId)));
      const learning = await insertLearning(deps.db, {
        teamId,
        userId,
        text: escapeMentions(text),
        tags: ['teaching'],
        link: null,
        visibility: 'team',
        source: 'experience',
        sourceKind: 'session',
        sourceId: session.id,
        sourcePermalink: session.announcementTs ? messagePermalink(deps.workspaceUrl, session.channelId, session.announcementTs) : null,
        channelId: session.channelId,
        privateChannelId: await deps.audiences.privateChannelOf(client, teamId, session.channelId),
      });
      await ack();
      deps.logger.info({ teamId, userId, sessionId: session.id, learningId: learning.id }, 'teaching learning saved');
      await client.chat.postMessage({ channel: userId, text: sessionReplies.learningSaved(session.topic) }).catch(() => undefined);
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not save a teaching learning');
      await fieldError(whatWentWrong(error)).catch(() => undefined);
    }
  };
}
