import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { forgetPerson } from '../forget-person';
import { forgetMeDoneText, privacyReplies } from '../blocks';
import { safeJson } from '../../../platform/slack/safe-json';
import { tellPrivately } from '../../../platform/slack/tell-privately';

const metadata = z.object({ responseUrl: z.string().url().nullable() });

/** "Delete my data": deletes everything the person wrote and their name from what others keep, in one transaction, and tells them what went. */
export function forgetMeSubmitted(deps: Pick<Deps, 'db' | 'logger' | 'teamId' | 'users'>) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? deps.teamId;
    const userId = body.user.id;
    const parsed = metadata.safeParse(safeJson(view.private_metadata));
    const responseUrl = parsed.success ? parsed.data.responseUrl : null;
    try {
      const counts = await forgetPerson(deps.db, teamId, userId);
      deps.users.forget(userId);
      deps.logger.info({ teamId, userId, ...counts }, 'person forgotten');
      await tellPrivately(client, deps.logger, { userId, responseUrl }, forgetMeDoneText(counts));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not forget a person');
      await tellPrivately(client, deps.logger, { userId, responseUrl }, privacyReplies.forgetFailed).catch(() => undefined);
    }
  };
}
