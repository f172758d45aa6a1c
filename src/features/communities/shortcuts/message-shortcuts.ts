import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { messagePermalink } from '../../../platform/slack/permalink';
import { ephemeral, whatWentWrong } from '../../../platform/slack/replies';
import { insertLearning } from '../../learnings';
import { findQuestionByTs, listCommunities, markHelped } from '../queries';
import { askModal, communityReplies } from '../blocks';
import { tagsIn } from '../rules';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** "Ask a community about this": the ask form, with the message's text and a link to it. */
export function askAboutMessage(deps: Pick<Deps, 'db' | 'logger' | 'workspaceUrl' | 'teamId' | 'audiences'>) {
  return async ({ ack, shortcut, client, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? deps.teamId;
    try {
      const communities = await listCommunities(deps.db, teamId);
      if (communities.length === 0) return void (await respond({ ...ephemeral(communityReplies.unknown('', []).replace('There is no community called “”.', '').trim()), replace_original: false }));
      const threadTs = typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : undefined;
      const permalink = messagePermalink(deps.workspaceUrl, shortcut.channel.id, shortcut.message.ts, threadTs);
      // A private channel's words are never copied by Learnloop towards a community's home channel, which
      // more people read: the form starts empty there, with the link (only the channel's members can open it).
      const fromPrivateChannel = (await deps.audiences.privateChannelOf(client, teamId, shortcut.channel.id)) !== null;
      await client.views.open({ trigger_id: shortcut.trigger_id, view: askModal(communities, fromPrivateChannel ? '' : (shortcut.message.text ?? ''), permalink) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: shortcut.user.id }, 'could not open the ask form');
      await respond({ ...ephemeral(whatWentWrong(error)), replace_original: false }).catch(() => undefined);
    }
  };
}

/**
 * "This helped" on an answer in a community question's thread: only the asker may; the answer becomes a
 * learning of its author (credited to them), tagged with the community's tags.
 */
export function thisHelped(deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'workspaceUrl' | 'teamId'>) {
  return async ({ ack, shortcut, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? deps.teamId;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false }).catch(() => undefined);
    try {
      const { message, channel } = shortcut;
      const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : undefined;
      const question = threadTs && threadTs !== message.ts ? await findQuestionByTs(deps.db, teamId, channel.id, threadTs) : undefined;
      if (!question || !message.user) return void (await tell(communityReplies.helpedNotAnswer));
      if (question.askerId !== shortcut.user.id) return void (await tell(communityReplies.helpedNotAsker));
      const text = (message.text ?? '').trim();
      if (text === '') return void (await tell(communityReplies.helpedNotAnswer));
      await insertLearning(deps.db, {
        teamId,
        userId: message.user,
        text,
        tags: [...new Set([...question.tags, ...tagsIn(text)])],
        link: null,
        visibility: 'team',
        source: 'message',
        sourcePermalink: messagePermalink(deps.workspaceUrl, channel.id, message.ts, threadTs),
        sourceKind: 'community_question',
        sourceId: question.id,
        channelId: channel.id,
      });
      await markHelped(deps.db, teamId, question.id, deps.clock.now());
      await tell(communityReplies.helpedSaved(message.user));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId: shortcut.user.id }, 'could not save an answer that helped');
      await tell(whatWentWrong(error));
    }
  };
}
