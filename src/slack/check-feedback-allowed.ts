import type { Deps } from '../deps';
import { countFeedbackSentSince } from '../db/queries/feedback';
import { dailyLimitRefusal, FEEDBACK_DAILY_LIMIT, feedbackDayStart, recipientRefusal, type FeedbackRefusal } from '../domain/feedback';

/**
 * Whether `senderId` may send feedback now (to `recipientId`, when chosen): the recipient rules (through
 * users.info) and the daily limit, counted over the sender's local day. Null when allowed.
 */
export async function checkFeedbackAllowed(
  deps: Pick<Deps, 'db' | 'users' | 'clock' | 'teamId' | 'botUserId'>,
  input: { teamId: string; senderId: string; recipientId: string | null },
): Promise<FeedbackRefusal | null> {
  if (input.recipientId !== null) {
    const known = { senderId: input.senderId, recipientId: input.recipientId, workspaceTeamId: deps.teamId, botUserId: deps.botUserId };
    // Self and the Learnloop bot need no users.info call.
    const early = recipientRefusal({ ...known, recipient: { id: input.recipientId, isBot: false, deleted: false, teamId: deps.teamId } });
    if (early) return early;
    const refusal = recipientRefusal({ ...known, recipient: await deps.users.find(input.recipientId) });
    if (refusal) return refusal;
  }
  const { since } = await dailyLimitWindow(deps, input.senderId);
  return dailyLimitRefusal(await countFeedbackSentSince(deps.db, input.teamId, input.senderId, since));
}

/** The sender's daily limit: sends counted from the start of their local day. */
export async function dailyLimitWindow(deps: Pick<Deps, 'users' | 'clock'>, senderId: string): Promise<{ since: Date; max: number }> {
  return { since: feedbackDayStart(deps.clock.now(), await deps.users.timeZoneOf(senderId)), max: FEEDBACK_DAILY_LIMIT };
}
