import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { forgetPerson } from '../../db/queries/personal-data';
import { forgetMeDoneText, privacyReplies } from '../blocks/privacy';
import { safeJson } from '../safe-json';

const metadata = z.object({ responseUrl: z.string().url().nullable() });

/** "Delete my data": deletes everything the person wrote, in one transaction, and tells them what went. */
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
      await tell(deps, client, responseUrl, userId, forgetMeDoneText(counts));
    } catch (error) {
      deps.logger.error({ err: error, teamId, userId }, 'could not forget a person');
      await tell(deps, client, responseUrl, userId, privacyReplies.forgetFailed).catch(() => undefined);
    }
  };
}

/** Ephemerally through the command's response_url (valid 30 minutes), else by DM. */
async function tell(deps: Pick<Deps, 'logger'>, client: WebClient, responseUrl: string | null, userId: string, text: string): Promise<void> {
  if (responseUrl) {
    try {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      });
      if (response.ok) return;
      deps.logger.warn({ userId, status: response.status }, 'response_url refused the forget-me answer; sending a DM');
    } catch (error) {
      deps.logger.warn({ err: error, userId }, 'response_url unreachable; sending a DM');
    }
  }
  await client.chat.postMessage({ channel: userId, text });
}
