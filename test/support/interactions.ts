import type { SlackResponse } from './signed-request';
import { startTestApp, type TestApp } from './test-app';

/** A signed button press on a message in `channel`, answered through the response URL `responseId`. */
export async function pressButton(
  app: TestApp,
  press: { user: string; actionId: string; value: string; channel: string; channelName: string; blockId: string; responseId: string },
): Promise<SlackResponse> {
  const response = await app.interaction({
    type: 'block_actions',
    user: { id: press.user, username: press.user.toLowerCase(), team_id: app.teamId },
    trigger_id: `trigger-${press.responseId}`,
    response_url: app.slack.responseUrl(press.responseId),
    channel: { id: press.channel, name: press.channelName },
    container: { type: 'message', message_ts: '1790000000.000100', channel_id: press.channel, is_ephemeral: false },
    message: { type: 'message', ts: '1790000000.000100', blocks: [] },
    actions: [{ type: 'button', action_id: press.actionId, block_id: press.blockId, value: press.value, action_ts: '1790000000.1' }],
  });
  return response;
}

/** Another Learnloop process on the same database and the same Slack, as when several run side by side. */
export function startSecondProcess(app: TestApp): Promise<TestApp> {
  return startTestApp({ schema: app.schema, slack: app.slack });
}
