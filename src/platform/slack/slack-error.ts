/** Slack's error code from a Web API failure (`channel_not_found`…), or undefined for HTTP/network failures. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** A short reason for logs and "last result" lines; never a token or a payload. */
export function describeSlackFailure(error: unknown): string {
  const code = slackErrorCode(error);
  if (code) return code;
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e?.statusCode) return `Slack answered HTTP ${e.statusCode}`;
  if (e?.code === 'slack_webapi_request_error') return 'Slack could not be reached';
  if (e?.code === 'slack_webapi_rate_limited_error') return 'rate limited by Slack';
  return 'Slack call failed';
}

/** Errors that mean the bot can no longer post in a channel: the schedule is paused, not retried. */
export const CHANNEL_GONE_ERRORS: Readonly<Record<string, string>> = {
  not_in_channel: 'I am not a member of that channel anymore',
  channel_not_found: 'that channel no longer exists or I cannot see it',
  is_archived: 'that channel is archived',
};
