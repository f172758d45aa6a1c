import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { findSession } from '../../db/queries/sessions';
import { sessionReplies, teachingModal } from '../blocks/session';
import { ephemeral, SOMETHING_WENT_WRONG } from '../replies';

/** "Write it down" on the leader's after-session DM: the form, for the leader who led it only. */
export function sessionTeachingOpen(deps: Pick<Deps, 'db' | 'logger' | 'teamId'>) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const tell = (text: string) => respond({ ...ephemeral(text), replace_original: false });
    try {
      const sessionId = Number(action.value);
      const session = Number.isInteger(sessionId) && sessionId > 0 ? await findSession(deps.db, teamId, sessionId) : undefined;
      if (!session) return void (await tell(sessionReplies.gone));
      const leaderId = session.confirmedLeaderId ?? session.leaderId;
      if (userId !== leaderId) return void (await tell(sessionReplies.notYours(leaderId)));
      await client.views.open({ trigger_id: body.trigger_id, view: teachingModal(session) });
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not open the teaching learning form');
      await tell(SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
