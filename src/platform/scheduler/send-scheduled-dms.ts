import type { Block, KnownBlock } from '@slack/types';
import { z } from 'zod';
import { postOnce } from '../slack/post-once';
import type { Deps } from '../../deps';
import type { Job } from '.';
import { findPerson } from '../db/people';
import {
  claimDueDms,
  countDmsSentBetween,
  deferDm,
  dropDm,
  failDm,
  markDmSent,
  type ClaimedDm,
} from './scheduled-dms';
import { listActiveWorkspaceIds } from '../db/workspaces';
import { decideDm, localDayBounds, type HoldReason } from './dm-budget';
import { inParallel } from '../in-parallel';
import { describeSlackFailure } from '../slack/slack-error';

/** A kind's last look before sending: a reason to drop the DM, or null to go ahead. */
export type DmRelevance = (dm: ClaimedDm) => Promise<string | null>;

type Outcome = 'sent' | 'deferred' | 'dropped' | 'failed';

// Small batches keep every claim far shorter than its 5-minute lease, even with Slack retrying.
const BATCH_SIZE = 20;
const CONCURRENCY = 5;
// A safety stop; every outcome moves a DM past `now`, so the loop ends long before this.
const MAX_BATCHES_PER_RUN = 200;
const MAX_SEND_ATTEMPTS = 3;
const RETRY_AFTER_MS = 5 * 60 * 1000;


const HOLD_TEXT: Record<HoldReason, string> = {
  quiet_hours: 'quiet hours',
  daily_limit: 'the daily limit',
  away: 'an away status',
  muted: '/learnloop quiet',
};

const payloadSchema = z.object({ text: z.string().min(1), blocks: z.array(z.unknown()).optional() });

/**
 * Sends the budgeted DMs that are due: each is claimed in PostgreSQL first, then sent, deferred to
 * the person's next allowed time, or dropped with a reason. `relevance` holds per-kind checks that
 * run before sending (a prompt nudge is pointless once the person replied).
 */
export function sendScheduledDms(deps: Deps, relevance: Record<string, DmRelevance> = {}): Job {
  return {
    name: 'send-scheduled-dms',
    async run(now) {
      const totals: Record<Outcome, number> = { sent: 0, deferred: 0, dropped: 0, failed: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'send-scheduled-dms', async () => {
          try {
            for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
              const claimed = await claimDueDms(deps.db, teamId, now, BATCH_SIZE);
              if (claimed.length === 0) break;
              await inParallel(claimed, CONCURRENCY, async (dm) => {
                try {
                  totals[await handleDm(deps, relevance, dm, now)] += 1;
                } catch (error) {
                  // Left 'sending': once its lease runs out it is failed as interrupted, never resent.
                  deps.logger.error({ err: error, teamId, userId: dm.userId, dmId: dm.id, kind: dm.kind }, 'could not record a scheduled DM outcome');
                }
              });
            }
          } catch (error) {
            deps.logger.error({ err: error, teamId, job: 'send-scheduled-dms' }, 'scheduled DMs stopped for this workspace; the next tick carries on');
          }
        });
      }
      return totals;
    },
  };
}

async function handleDm(deps: Deps, relevance: Record<string, DmRelevance>, dm: ClaimedDm, now: Date): Promise<Outcome> {
  const context = { teamId: dm.teamId, userId: dm.userId, dmId: dm.id, kind: dm.kind };
  let message: z.infer<typeof payloadSchema>;
  try {
    const verdict = await judgeDm(deps, relevance, dm, now);
    switch (verdict.kind) {
      case 'fail':
        await failDm(deps.db, dm.teamId, dm.id, verdict.reason);
        return 'failed';
      case 'drop':
        await dropDm(deps.db, dm.teamId, dm.id, verdict.reason);
        deps.logger.info({ ...context, reason: verdict.reason }, 'scheduled DM dropped');
        return 'dropped';
      case 'defer':
        // The reason is the hold's code ('muted'…): /learnloop quiet looks for 'muted' to reschedule.
        await deferDm(deps.db, dm.teamId, dm.id, verdict.until, verdict.reason, { releaseAttempt: true });
        return 'deferred';
      case 'send':
        message = verdict.message;
    }
  } catch (error) {
    // Nothing reached the person yet (users.info or the database failed): try again later.
    return retryOrFail(deps, dm, now, isSlackError(error) ? describeSlackFailure(error) : 'unexpected error before sending', error);
  }

  try {
    // An earlier try may have reached the person: its process stopped mid-send (`interrupted`), or Slack's
    // answer was unclear and the DM could not be read. Every DM carries its id, so look before sending.
    const mayHaveArrived = dm.interrupted || dm.attempts > 1;
    const posted = await postOnce(
      deps.poster,
      { channel: dm.userId, text: message.text, ...(message.blocks ? { blocks: message.blocks as (KnownBlock | Block)[] } : {}) },
      { eventType: 'learnloop_dm', payload: { scheduled_dm_id: dm.id } },
      deps.logger,
      mayHaveArrived ? { lookFirstSince: Math.floor(dm.createdAt.getTime() / 1000) - 60 } : {},
    );
    if (posted.kind === 'unknown') {
      // Not resent now: the next try (5 minutes on, a bounded number of times) looks for it first.
      return retryOrFail(deps, dm, now, `outcome unknown: ${posted.reason}`, undefined);
    }
    if (posted.found) deps.logger.info(context, 'scheduled DM found in the person’s DMs; recorded as sent');
  } catch (error) {
    // A clear refusal from Slack (429s were waited out): nothing was sent.
    return retryOrFail(deps, dm, now, describeSlackFailure(error), error);
  }
  // Sent: from here on the DM never goes back to 'pending'.
  await markDmSent(deps.db, dm.teamId, dm.id, now);
  return 'sent';
}

type Verdict =
  | { kind: 'send'; message: z.infer<typeof payloadSchema> }
  | { kind: 'drop'; reason: string }
  | { kind: 'defer'; until: Date; reason: string }
  | { kind: 'fail'; reason: string };

/** Whether a queued DM goes now: who it is for, whether it still matters, and the person's budget. Changes nothing. */
async function judgeDm(deps: Deps, relevance: Record<string, DmRelevance>, dm: ClaimedDm, now: Date): Promise<Verdict> {
  const payload = payloadSchema.safeParse(dm.payload);
  if (!payload.success) return { kind: 'fail', reason: 'the queued message has no text' };

  const user = await deps.users.find(dm.userId);
  if (!user) return { kind: 'drop', reason: 'unknown user' };
  if (user.deleted) return { kind: 'drop', reason: 'deactivated user' };
  if (user.isBot || dm.userId === deps.botUserId) return { kind: 'drop', reason: 'bot user' };

  const today = localDayBounds(now, user.timeZone);
  if (dm.onlyUsefulOnDay && dm.dueAt.getTime() < today.start.getTime()) return { kind: 'drop', reason: 'only useful on its day, which has passed' };

  const pointless = await relevance[dm.kind]?.(dm);
  if (pointless) return { kind: 'drop', reason: pointless };

  const person = await findPerson(deps.db, dm.teamId, dm.userId);
  const decision = decideDm(
    {
      timeZone: user.timeZone,
      statusEmoji: user.statusEmoji,
      statusText: user.statusText,
      statusExpiration: user.statusExpiration,
      mutedUntil: person?.mutedUntil ?? null,
      sentTodayCount: await countDmsSentBetween(deps.db, dm.teamId, dm.userId, today.start, today.end),
    },
    now,
    { onlyUsefulOnDay: dm.onlyUsefulOnDay },
  );
  if (decision.kind === 'defer') return { kind: 'defer', until: decision.until, reason: decision.reason };
  if (decision.kind === 'drop') return { kind: 'drop', reason: `only useful on its day; held back by ${HOLD_TEXT[decision.reason]} until the day was over` };
  return { kind: 'send', message: payload.data };
}

async function retryOrFail(deps: Deps, dm: ClaimedDm, now: Date, reason: string, error: unknown): Promise<Outcome> {
  const context = { teamId: dm.teamId, userId: dm.userId, dmId: dm.id, kind: dm.kind, attempts: dm.attempts, reason };
  if (dm.attempts >= MAX_SEND_ATTEMPTS) {
    await failDm(deps.db, dm.teamId, dm.id, reason);
    deps.logger.warn({ ...context, err: error }, 'scheduled DM failed; giving up');
    return 'failed';
  }
  await deferDm(deps.db, dm.teamId, dm.id, new Date(now.getTime() + RETRY_AFTER_MS), reason);
  deps.logger.warn(context, 'scheduled DM not sent; trying again in 5 minutes');
  return 'deferred';
}

function isSlackError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('slack_');
}
