import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import {
  claimCommitmentFollowUp,
  findCommitment,
  findCommitmentReview,
  listCommitmentFollowUpCandidates,
  type Commitment,
} from '../queries';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { dueFollowUp, REMINDER_AFTER_DAYS } from '../rules';
import { addDaysToDate, safeTimeZone } from '../../../platform/time/calendar';
import { messagePermalink } from '../../../platform/slack/permalink';
import { followUpMessage } from '../blocks';
import { describeSlackFailure } from '../../../platform/slack/slack-error';
import type { DmRelevance } from '../../../platform/scheduler/send-scheduled-dms';

export const COMMITMENT_FOLLOWUP = 'commitment_followup';

/**
 * Queues the follow-up DMs of open commitments: the first at 09:00 owner-local on the due date, one
 * reminder three days later, nothing after. Each is claimed on the commitment row first (only the
 * process whose update wins queues it), in the same transaction as the queueing, so a follow-up is
 * queued exactly once; sending (hours, daily limit, still open?) is up to send-scheduled-dms.
 */
export function queueCommitmentFollowUps(deps: Deps): Job {
  return {
    name: 'queue-commitment-follow-ups',
    async run(now) {
      const totals = { followUps: 0, reminders: 0 };
      // No zone's today is later than UTC's tomorrow: a cheap bound before the exact local check.
      const latestDueDate = addDaysToDate(now.toISOString().slice(0, 10), 1);
      const latestReminderDueDate = addDaysToDate(latestDueDate, -REMINDER_AFTER_DAYS);
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'queue-commitment-follow-ups', async () => {
          try {
            for (const commitment of await listCommitmentFollowUpCandidates(deps.db, teamId, latestDueDate, latestReminderDueDate)) {
              const n = await queueFollowUp(deps, commitment, now);
              if (n === 1) totals.followUps += 1;
              if (n === 2) totals.reminders += 1;
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId, job: 'queue-commitment-follow-ups' }, 'commitment follow-ups stopped for this workspace; the next tick carries on');
          }
        });
      }
      return totals;
    },
  };
}

/** The relevance check for commitment follow-ups: pointless once the commitment is done, dropped or moved. */
export function commitmentFollowUpRelevance(deps: Pick<Deps, 'db'>): DmRelevance {
  return async (dm) => {
    const { commitmentId, dueDate } = dm.payload;
    if (typeof commitmentId !== 'number') return 'not a commitment follow-up';
    const commitment = await findCommitment(deps.db, dm.teamId, commitmentId);
    if (!commitment) return 'commitment no longer exists';
    if (commitment.status !== 'open') return 'commitment no longer open';
    if (typeof dueDate === 'string' && dueDate !== commitment.dueDate) return 'commitment was given more time';
    return null;
  };
}

/** Queues the commitment's due follow-up if this process wins its claim; returns which one (0: none). */
async function queueFollowUp(deps: Deps, commitment: Commitment, now: Date): Promise<0 | 1 | 2> {
  const context = { teamId: commitment.teamId, userId: commitment.ownerId, commitmentId: commitment.id };
  let timeZone: string;
  try {
    timeZone = safeTimeZone(await deps.users.timeZoneOf(commitment.ownerId));
  } catch (error) {
    deps.logger.warn({ ...context, reason: describeSlackFailure(error) }, 'could not look up an owner’s time zone; the next tick tries again');
    return 0;
  }
  const due = dueFollowUp(commitment.dueDate, timeZone, commitment.followUpsSent, now);
  if (!due) return 0;

  const review = commitment.reviewId === null ? undefined : await findCommitmentReview(deps.db, commitment.teamId, commitment.reviewId);
  const label = review ? { title: review.title, permalink: review.messageTs ? messagePermalink(deps.workspaceUrl, review.channelId, review.messageTs) : null } : null;
  const message = followUpMessage({ commitment, review: label, now, timeZone, n: due.n });

  const queued = await deps.db.transaction().execute(async (trx) => {
    const claimed = await claimCommitmentFollowUp(trx, commitment.teamId, commitment.id, commitment, due.sentAfter);
    if (!claimed) return false;
    await enqueueDm(trx, {
      teamId: commitment.teamId,
      userId: commitment.ownerId,
      kind: COMMITMENT_FOLLOWUP,
      dedupeKey: `${COMMITMENT_FOLLOWUP}:${commitment.id}:${commitment.dueDate}:${due.n}`,
      payload: { commitmentId: commitment.id, dueDate: commitment.dueDate, text: message.text, blocks: message.blocks },
      dueAt: due.dueAt,
      onlyUsefulOnDay: false,
    });
    return true;
  });
  if (!queued) return 0;
  deps.logger.info({ ...context, n: due.n }, 'commitment follow-up queued');
  return due.n;
}
