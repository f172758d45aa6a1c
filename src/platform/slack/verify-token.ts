import { WebClient, ErrorCode, type WebAPICallError } from '@slack/web-api';
import type { Logger } from '../../logger';
import { slackLogger } from '../../logger';

export interface BotIdentity {
  teamId: string;
  teamName: string | null;
  botUserId: string;
  botId: string;
  url: string;
}

export class SlackStartupError extends Error {
  override name = 'SlackStartupError';
}

const FATAL_AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/**
 * Checks the bot token once with auth.test. A token Slack refuses ends start-up at once; an unreachable
 * Slack is retried with backoff until `deadlineMs` (default 25 s), so start-up never hangs for long.
 */
export async function verifySlackToken(
  options: { token: string; slackApiUrl: string | undefined; deadlineMs?: number },
  logger: Logger,
): Promise<BotIdentity> {
  const deadline = Date.now() + (options.deadlineMs ?? 25_000);
  const client = new WebClient(options.token, {
    slackApiUrl: options.slackApiUrl,
    logger: slackLogger(logger),
    retryConfig: { retries: 0 },
    timeout: 5_000,
    rejectRateLimitedCalls: true,
  });
  let attempt = 0;
  let lastProblem = 'no answer';
  for (;;) {
    attempt += 1;
    try {
      const result = await client.auth.test();
      if (!result.team_id || !result.user_id || !result.bot_id) {
        throw new SlackStartupError('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot id). Use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.');
      }
      return { teamId: result.team_id, teamName: result.team ?? null, botUserId: result.user_id, botId: result.bot_id, url: result.url ?? 'https://slack.com/' };
    } catch (error) {
      if (error instanceof SlackStartupError) throw error;
      const callError = error as WebAPICallError & { data?: { error?: string } };
      const slackError = callError.code === ErrorCode.PlatformError ? callError.data?.error : undefined;
      if (slackError && FATAL_AUTH_ERRORS.has(slackError)) {
        throw new SlackStartupError(
          `Slack refused SLACK_BOT_TOKEN (${slackError}). Copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app to your workspace if it was removed.`,
        );
      }
      lastProblem = slackError ?? callError.code ?? 'network error';
    }
    const wait = Math.min(1_000 * 2 ** (attempt - 1), 8_000);
    if (Date.now() + wait > deadline) {
      throw new SlackStartupError(
        `Could not reach Slack to check the bot token after ${attempt} attempts (${lastProblem}). Check the network${options.slackApiUrl ? ` and SLACK_API_URL` : ''}, then start Learnloop again.`,
      );
    }
    logger.warn({ attempt, problem: lastProblem, retryInMs: wait }, 'Slack did not answer auth.test; retrying');
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
