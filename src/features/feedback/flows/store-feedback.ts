import type { Deps } from '../../../deps';
import { countFeedbackSentSince, insertFeedback, type Feedback, type NewFeedback } from '../queries';
import { dailyLimitRefusal, FEEDBACK_DAILY_LIMIT, feedbackDayStart, recipientRefusal, type FeedbackRefusal } from '../rules';

type RulesDeps = Pick<Deps, 'db' | 'users' | 'clock' | 'teamId' | 'botUserId'>;

/** Why `recipientId` cannot get feedback from `senderId` (the recipient rules, through users.info), or null. */
async function recipientCheck(deps: RulesDeps, senderId: string, recipientId: string): Promise<FeedbackRefusal | null> {
  const known = { senderId, recipientId, workspaceTeamId: deps.teamId, botUserId: deps.botUserId };
  // Self and the Learnloop bot need no users.info call.
  const early = recipientRefusal({ ...known, recipient: { id: recipientId, isBot: false, deleted: false, teamId: deps.teamId } });
  return early ?? recipientRefusal({ ...known, recipient: await deps.users.find(recipientId) });
}

/** The sender's daily limit: sends counted from the start of their local day. */
async function dailyLimitWindow(deps: Pick<Deps, 'users' | 'clock'>, senderId: string): Promise<{ since: Date; max: number }> {
  return { since: feedbackDayStart(deps.clock.now(), await deps.users.timeZoneOf(senderId)), max: FEEDBACK_DAILY_LIMIT };
}

/**
 * Whether `senderId` may send feedback now (to `recipientId`, when chosen), for refusing before a form is
 * even opened: the recipient rules and the daily limit, counted over the sender's local day. Null when allowed.
 */
export async function checkFeedbackAllowed(deps: RulesDeps, input: { teamId: string; senderId: string; recipientId: string | null }): Promise<FeedbackRefusal | null> {
  const [recipient, limit] = await Promise.all([
    input.recipientId === null ? null : recipientCheck(deps, input.senderId, input.recipientId),
    dailyLimitWindow(deps, input.senderId),
  ]);
  return recipient ?? dailyLimitRefusal(await countFeedbackSentSince(deps.db, input.teamId, input.senderId, limit.since));
}

/**
 * Stores a feedback as pending (before any Slack call, so a failed delivery loses nothing) if the rules
 * allow it: the recipient rules, then the daily limit, which the store checks under a lock per sender.
 */
export async function storeFeedback(deps: RulesDeps, feedback: NewFeedback): Promise<{ refusal: FeedbackRefusal } | { feedback: Feedback }> {
  const [recipient, limit] = await Promise.all([recipientCheck(deps, feedback.senderId, feedback.recipientId), dailyLimitWindow(deps, feedback.senderId)]);
  if (recipient) return { refusal: recipient };
  const stored = await insertFeedback(deps.db, feedback, deps.clock.now(), limit);
  return stored ? { feedback: stored } : { refusal: 'daily_limit' };
}
