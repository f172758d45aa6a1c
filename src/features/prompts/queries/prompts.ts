import { sql, type Insertable } from 'kysely';
import type { Db } from '../../../platform/db/connect';
import type { PromptRow, PromptScheduleRow, PromptTable } from '../../../platform/db/schema';
import { planDueOccurrences, type DateRange } from '../rules/occurrences';

export type Prompt = PromptRow;

export interface ClaimedPrompt {
  id: number;
  teamId: string;
  scheduleId: number | null;
  channelId: string;
  scheduledFor: Date;
  nudgeAfterMinutes: number | null;
}

/**
 * Claims due occurrences of the team's active schedules, a batch of channels at a time. A channel's
 * due schedules are all claimed by one process (a transaction-scoped advisory lock per channel decides
 * which; other processes skip that channel), so its prompts are posted in order, never two at once.
 * In the same transaction one `prompt` row per occurrence is inserted (unique on schedule and time:
 * the claim itself) and next_run_at moves on. Returns the prompts this process must now post;
 * skipped occurrences are recorded as such.
 */
export async function claimDuePrompts(db: Db, teamId: string, now: Date, channelBatch = 100): Promise<{ claimed: ClaimedPrompt[]; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    const schedules = await lockDueSchedules(trx, teamId, now, channelBatch);
    if (schedules.length === 0) return { claimed: [], skipped: 0 };
    const skipsByChannel = await listSkipsByChannel(trx, teamId, [...new Set(schedules.map((s) => s.channelId))]);
    const plan = planClaims(teamId, schedules, skipsByChannel, now);
    // The unique index on (team_id, schedule_id, scheduled_for) makes a second claim of the same occurrence a no-op.
    const inserted = plan.rows.length
      ? await trx
          .insertInto('prompt')
          .values(plan.rows)
          .onConflict((oc) => oc.columns(['teamId', 'scheduleId', 'scheduledFor']).doNothing())
          .returning(['id', 'teamId', 'scheduleId', 'channelId', 'scheduledFor', 'status', 'nudgeAfterMinutes'])
          .execute()
      : [];
    await recordScheduleRuns(trx, teamId, plan, now);
    const claimed = inserted.filter((row) => row.status === 'claimed').map(({ status: _status, ...row }) => row);
    return { claimed, skipped: inserted.length - claimed.length };
  });
}

type DueSchedule = Pick<PromptScheduleRow, 'id' | 'channelId' | 'cadence' | 'timeZone' | 'nextRunAt' | 'nudgeAfterMinutes'>;

/**
 * The due active schedules of up to `channelBatch` channels, locked: a channel's schedules are taken by
 * one process at a time (an advisory lock per channel, skipped when another process holds it).
 */
async function lockDueSchedules(trx: Db, teamId: string, now: Date, channelBatch: number): Promise<DueSchedule[]> {
  const channels = await sql<{ channelId: string }>`
    select channel_id from (
      select distinct channel_id from prompt_schedule
      where team_id = ${teamId} and status = 'active' and next_run_at <= ${now}
    ) due
    where pg_try_advisory_xact_lock(hashtextextended(${teamId} || ':' || channel_id, 0))
    limit ${channelBatch}`.execute(trx);
  if (channels.rows.length === 0) return [];
  return trx
    .selectFrom('promptSchedule')
    .select(['id', 'channelId', 'cadence', 'timeZone', 'nextRunAt', 'nudgeAfterMinutes'])
    .where('teamId', '=', teamId)
    .where('channelId', 'in', channels.rows.map((row) => row.channelId))
    .where('status', '=', 'active')
    .where('nextRunAt', '<=', now)
    .orderBy('nextRunAt')
    .orderBy('id')
    .forUpdate()
    .execute();
}

async function listSkipsByChannel(trx: Db, teamId: string, channelIds: string[]): Promise<Map<string, DateRange[]>> {
  const rows = await trx.selectFrom('promptSkip').select(['channelId', 'fromDate', 'toDate']).where('teamId', '=', teamId).where('channelId', 'in', channelIds).execute();
  const byChannel = new Map<string, DateRange[]>();
  for (const row of rows) byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row]);
  return byChannel;
}

interface ClaimPlan {
  rows: Insertable<PromptTable>[];
  nextRuns: { id: number; nextRunAt: Date }[];
  /** Schedules whose latest occurrence was skipped (a holiday, too late), with why. */
  skipped: { id: number; reason: string }[];
}

/** Each schedule's occurrences up to now (to post, or recorded as skipped) and its next run: no I/O. */
function planClaims(teamId: string, schedules: readonly DueSchedule[], skipsByChannel: Map<string, DateRange[]>, now: Date): ClaimPlan {
  const plan: ClaimPlan = { rows: [], nextRuns: [], skipped: [] };
  for (const schedule of schedules) {
    const due = planDueOccurrences(schedule, skipsByChannel.get(schedule.channelId) ?? [], now);
    plan.nextRuns.push({ id: schedule.id, nextRunAt: due.nextRunAt });
    for (const occurrence of due.occurrences) {
      plan.rows.push({
        teamId,
        scheduleId: schedule.id,
        channelId: schedule.channelId,
        scheduledFor: occurrence.scheduledFor,
        status: occurrence.outcome === 'post' ? 'claimed' : 'skipped',
        statusReason: occurrence.reason,
        claimedAt: now,
        nudgeAfterMinutes: schedule.nudgeAfterMinutes,
      });
    }
    const last = due.occurrences.at(-1);
    if (last && last.outcome === 'skipped') plan.skipped.push({ id: schedule.id, reason: last.reason ?? 'skipped' });
  }
  return plan;
}

/** Moves each schedule to its next run, and notes the ones whose latest occurrence was skipped. */
async function recordScheduleRuns(trx: Db, teamId: string, plan: ClaimPlan, now: Date): Promise<void> {
  await sql`
    update prompt_schedule as s set next_run_at = v.next_run_at
    from (values ${sql.join(plan.nextRuns.map((n) => sql`(${n.id}::integer, ${n.nextRunAt}::timestamptz)`))}) as v(id, next_run_at)
    where s.id = v.id and s.team_id = ${teamId}`.execute(trx);
  for (const result of plan.skipped) {
    await trx
      .updateTable('promptSchedule')
      .set({ lastResult: 'skipped', lastResultReason: result.reason, lastRunAt: now })
      .where('teamId', '=', teamId)
      .where('id', '=', result.id)
      .execute();
  }
}

/** Takes over prompts claimed by a process that stopped before recording the outcome. */
export async function reclaimStalePrompts(db: Db, teamId: string, now: Date, staleAfterMs = 5 * 60 * 1000): Promise<(ClaimedPrompt & { previousClaimAt: Date })[]> {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  return db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('prompt')
      .select(['id', 'teamId', 'scheduleId', 'channelId', 'scheduledFor', 'nudgeAfterMinutes', 'claimedAt'])
      .where('teamId', '=', teamId)
      .where('status', '=', 'claimed')
      .where('claimedAt', '<', staleBefore)
      .limit(100)
      .forUpdate()
      .skipLocked()
      .execute();
    if (stale.length === 0) return [];
    await trx.updateTable('prompt').set({ claimedAt: now }).where('teamId', '=', teamId).where('id', 'in', stale.map((p) => p.id)).execute();
    return stale.map(({ claimedAt, ...row }) => ({ ...row, previousClaimAt: claimedAt }));
  });
}

/** Inserts and claims a prompt posted on request (`/learnloop prompts now`). */
export async function insertRequestedPrompt(db: Db, prompt: { teamId: string; channelId: string; requestedBy: string; now: Date }): Promise<ClaimedPrompt> {
  return db
    .insertInto('prompt')
    .values({ teamId: prompt.teamId, channelId: prompt.channelId, scheduledFor: prompt.now, status: 'claimed', claimedAt: prompt.now, requestedBy: prompt.requestedBy, scheduleId: null, nudgeAfterMinutes: null })
    .returning(['id', 'teamId', 'scheduleId', 'channelId', 'scheduledFor', 'nudgeAfterMinutes'])
    .executeTakeFirstOrThrow();
}

export async function setPromptQuestion(db: Db, teamId: string, id: number, question: { id: string; text: string }): Promise<void> {
  await db.updateTable('prompt').set({ questionId: question.id, questionText: question.text, attempts: sql`attempts + 1` }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** Records a posted prompt and starts following its thread, in one transaction. */
export async function markPromptPosted(db: Db, teamId: string, prompt: { id: number; channelId: string; scheduleId: number | null }, messageTs: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('prompt').set({ status: 'posted', statusReason: null, messageTs, postedAt: now }).where('teamId', '=', teamId).where('id', '=', prompt.id).execute();
    await trx
      .insertInto('trackedThread')
      .values({ teamId, channelId: prompt.channelId, threadTs: messageTs, kind: 'prompt', subjectId: prompt.id })
      .onConflict((oc) => oc.columns(['teamId', 'channelId', 'threadTs']).doNothing())
      .execute();
    if (prompt.scheduleId !== null) {
      await trx.updateTable('promptSchedule').set({ lastResult: 'posted', lastResultReason: null, lastRunAt: now }).where('teamId', '=', teamId).where('id', '=', prompt.scheduleId).execute();
    }
  });
}

export async function markPromptFailed(db: Db, teamId: string, prompt: { id: number; scheduleId: number | null }, reason: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('prompt').set({ status: 'failed', statusReason: reason }).where('teamId', '=', teamId).where('id', '=', prompt.id).execute();
    if (prompt.scheduleId !== null) {
      await trx.updateTable('promptSchedule').set({ lastResult: 'failed', lastResultReason: reason, lastRunAt: now }).where('teamId', '=', teamId).where('id', '=', prompt.scheduleId).execute();
    }
  });
}

/** The question ids most recently asked in a channel, oldest first (for rotation). */
export async function listAskedQuestionIds(db: Db, teamId: string, channelId: string, limit = 200): Promise<string[]> {
  const rows = await db
    .selectFrom('prompt')
    .select('questionId')
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('questionId', 'is not', null)
    .where('status', 'in', ['posted', 'claimed'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.questionId as string).reverse();
}

export async function findPrompt(db: Db, teamId: string, id: number): Promise<Prompt | undefined> {
  return db.selectFrom('prompt').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** The channel's last prompts with their public reply counts, newest first. */
export async function listPromptHistory(db: Db, teamId: string, channelId: string, limit = 10): Promise<(Prompt & { replyCount: number })[]> {
  return db
    .selectFrom('prompt')
    .selectAll('prompt')
    .select((eb) =>
      eb
        .selectFrom('trackedThread')
        .innerJoin('threadReply', 'threadReply.threadId', 'trackedThread.id')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('trackedThread.subjectId', '=', 'prompt.id')
        .where('trackedThread.kind', '=', 'prompt')
        .where('trackedThread.teamId', '=', teamId)
        .where('threadReply.visibility', '=', 'public')
        .as('replyCount'),
    )
    .where('prompt.teamId', '=', teamId)
    .where('prompt.channelId', '=', channelId)
    .where('prompt.status', '=', 'posted')
    .orderBy('prompt.postedAt', 'desc')
    .limit(limit)
    .execute() as Promise<(Prompt & { replyCount: number })[]>;
}

/** A posted prompt whose nudges may be queued. */
export type NudgeablePrompt = Pick<PromptRow, 'id' | 'channelId' | 'messageTs' | 'questionText'>;

/** Posted prompts with nudges on whose delay has passed and whose nudges nobody queued yet, oldest first. */
export async function listPromptsDueForNudge(db: Db, teamId: string, now: Date, limit: number): Promise<NudgeablePrompt[]> {
  return db
    .selectFrom('prompt')
    .select(['id', 'channelId', 'messageTs', 'questionText'])
    .where('teamId', '=', teamId)
    .where('status', '=', 'posted')
    .where('nudgeAfterMinutes', 'is not', null)
    .where('nudgesQueuedAt', 'is', null)
    .where(sql<boolean>`posted_at + nudge_after_minutes * interval '1 minute' <= ${now}`)
    .orderBy('postedAt')
    .limit(limit)
    .execute();
}

/** Takes a prompt's nudges for queuing; only the process whose update wins queues them. */
export async function claimPromptNudges(db: Db, teamId: string, promptId: number, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('prompt')
    .set({ nudgesQueuedAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', promptId)
    .where('nudgesQueuedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Gives a claim back so a later tick queues the nudges (dedupe keys keep any already queued from doubling). */
export async function releasePromptNudges(db: Db, teamId: string, promptId: number): Promise<void> {
  await db.updateTable('prompt').set({ nudgesQueuedAt: null }).where('teamId', '=', teamId).where('id', '=', promptId).execute();
}
