import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps';
import { publishHome } from '../flows/publish-home';

/** Publishes the App Home when someone opens its Home tab. */
export function appHomeOpened(deps: Pick<Deps, 'db' | 'clock' | 'users' | 'teamId' | 'botUserId' | 'logger' | 'audiences'>) {
  return async ({ event, client, body }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, event.user, body.team_id || deps.teamId);
    } catch (error) {
      // The tab stays as it was; the next open tries again. No retry from Slack needed.
      deps.logger.error({ err: error, teamId: body.team_id, userId: event.user }, 'could not publish App Home');
    }
  };
}
