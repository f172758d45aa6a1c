import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { deleteSession, insertSession, markSessionAnnounced } from '../queries';
import { parseSessionForm } from '../rules';
import { announcementMessage, createMetadataSchema, fieldErrors, readCreateForm, sessionReplies } from '../blocks';
import { isChannelMember } from '../../../platform/slack/channel-access';
import { botIsInChannel } from '../../../platform/slack/channels';
import { ids } from '../ids';
import { notChannelMember, whatWentWrong } from '../../../platform/slack/replies';
import { safeJson } from '../../../platform/slack/safe-json';
import { workspaceOf } from '../../../platform/slack/workspace-of';
import { pickedCompetencyOf, recordPickedCompetency } from '../../growth';

const b = ids.session;

/** The session form: checked (date and time in the leader's zone), then the session is announced in its channel. */
export function sessionCreateSubmitted(deps: Deps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const errors = (e: Record<string, string>) => ack({ response_action: 'errors', errors: e });
    const teamId = workspaceOf(body, deps);
    const userId = body.user.id;
    if (!createMetadataSchema.safeParse(safeJson(view.private_metadata)).success) return void (await errors({ [b.topicBlock]: sessionReplies.outOfDate }));
    const input = readCreateForm(view.state.values as never);
    let form;
    try {
      const leaderTimeZone = input.leaderId ? await deps.users.timeZoneOf(input.leaderId) : 'UTC';
      const parsed = parseSessionForm(input, leaderTimeZone, deps.clock.now());
      if ('errors' in parsed) return void (await errors(fieldErrors(parsed.errors)));
      form = parsed.form;
      // Checked before the ack, so the answer lands on the form and nothing typed is lost.
      // The picked channel is the organiser's choice, not proof: they must be in it.
      if (!(await isChannelMember(client, teamId, form.channelId, userId))) {
        deps.logger.warn({ teamId, userId, channelId: form.channelId }, 'refused a session form for a channel its organiser is not in');
        return void (await errors({ [b.channelBlock]: notChannelMember('announce a session') }));
      }
      if (!(await botIsInChannel(client, form.channelId))) return void (await errors({ [b.channelBlock]: sessionReplies.notInChannel }));
      // The leaders hear the topic by DM: a private channel's session is led by its own people.
      if (await deps.audiences.isPrivateChannel(client, teamId, form.channelId)) {
        const outside: Record<string, string> = {};
        for (const [block, leader] of [[b.leaderBlock, form.leaderId], [b.backupBlock, form.backupLeaderId]] as const) {
          if (leader !== userId && !(await isChannelMember(client, teamId, form.channelId, leader))) outside[block] = sessionReplies.leaderNotInChannel;
        }
        if (Object.keys(outside).length > 0) return void (await errors(outside));
      }
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not check the session form');
      return void (await errors({ [b.topicBlock]: whatWentWrong(error) }));
    }
    await ack();
    let saveError: unknown;
    const session = await insertSession(deps.db, { teamId, organiserId: userId, ...form }).catch((error: unknown) => {
      saveError = error;
      deps.logger.error({ err: error, teamId, userId }, 'could not save a session');
    });
    if (!session) return void (await client.chat.postMessage({ channel: userId, text: whatWentWrong(saveError) }).catch(() => undefined));
    // Leading it (once held) is evidence of Teaching others in the picked competency, for whoever led it.
    await recordPickedCompetency(deps.db, { teamId, itemKind: 'session', itemId: session.id, competencyId: pickedCompetencyOf(view.state.values), pickedBy: userId }).catch((error) =>
      deps.logger.warn({ err: error, teamId, sessionId: session.id }, 'could not record a session’s competency'),
    );
    try {
      const message = announcementMessage(session);
      const posted = await client.chat.postMessage({ channel: session.channelId, text: message.text, blocks: message.blocks, unfurl_links: false });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      await markSessionAnnounced(deps.db, teamId, session, posted.ts);
      deps.logger.info({ teamId, userId, channelId: session.channelId, sessionId: session.id }, 'session announced');
    } catch (error) {
      // Without an announcement nobody can join: the session is removed and the organiser told.
      deps.logger.error({ err: error, teamId, userId, channelId: session.channelId, sessionId: session.id }, 'could not announce a session');
      await deleteSession(deps.db, teamId, session.id).catch(() => undefined);
      await client.chat.postMessage({ channel: userId, text: whatWentWrong(error) }).catch(() => undefined);
    }
  };
}
