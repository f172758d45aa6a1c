/** What stands in for a person after `/learnloop forget-me`, in the rows others keep. */

/** Replaces their user id in a kept row whose column cannot be empty (a schedule's creator, a review's starter). */
export const FORGOTTEN_USER_ID = 'U_FORGOTTEN';

/** Replaces an @-mention of them in a teammate's words: plain text, so Slack shows no broken mention. */
export const FORGOTTEN_MENTION = '@forgotten';

/** Replaces words they wrote in an item others still use: a review's title, a session's topic, a prompt's question. */
export const REMOVED_TEXT = "(removed at its author's request)";

/** Matches their Slack mention `<@U123>` or `<@U123|name>` (PostgreSQL regular expression). */
export function mentionPattern(userId: string): string {
  return `<@${escapeRegExp(userId)}(\\|[^>]*)?>`;
}

/** Matches their user id as a whole word, e.g. inside a JSON payload (PostgreSQL regular expression). */
export function userIdPattern(userId: string): string {
  return `\\m${escapeRegExp(userId)}\\M`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
