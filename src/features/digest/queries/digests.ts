import type { Db } from '../../../platform/db/connect';
import { nextOccurrence, type Weekday } from '../../../platform/time/cadence';

export interface DigestSchedule {
  teamId: string;
  channelId: string;
  weekday: Weekday;
  hour: number;
  minute: number;
  timeZone: string;
  enabled: boolean;
  nextRunAt: Date;
  createdBy: string;
}

export interface ClaimedDigest {
  id: number;
  teamId: string;
  channelId: string;
  scheduledFor: Date;
  timeZone: string;
}

export const weeklyCadence = (s: Pick<DigestSchedule, 'weekday' | 'hour' | 'minute'>) => ({ kind: 'weekly' as const, weekday: s.weekday, time: { hour: s.hour, minute: s.minute } });

/** Turns the channel's digest on (or moves it), replacing any earlier schedule. */
export async function upsertDigestSchedule(db: Db, schedule: Omit<DigestSchedule, 'enabled'>): Promise<void> {
  await db
    .insertInto('digestSchedule')
    .values({ ...schedule, enabled: true })
    .onConflict((oc) =>
      oc.columns(['teamId', 'channelId']).doUpdateSet({
        weekday: schedule.weekday,
        hour: schedule.hour,
        minute: schedule.minute,
        timeZone: schedule.timeZone,
        enabled: true,
        nextRunAt: schedule.nextRunAt,
        createdBy: schedule.createdBy,
      }),
    )
    .execute();
}

export async function findDigestSchedule(db: Db, teamId: string, channelId: string): Promise<DigestSchedule | undefined> {
  const row = await db.selectFrom('digestSchedule').selectAll().where('teamId', '=', teamId).where('channelId', '=', channelId).executeTakeFirst();
  return row ? { ...row, weekday: row.weekday as Weekday } : undefined;
}

export async function disableDigestSchedule(db: Db, teamId: string, channelId: string): Promise<void> {
  await db.updateTable('digestSchedule').set({ enabled: false }).where('teamId', '=', teamId).where('channelId', '=', channelId).execute();
}

/**
 * Claims due digests: locks due schedules (FOR UPDATE SKIP LOCKED, so a second process takes other
 * channels or nothing), inserts one `digest` row per occurrence (unique on team, channel and time:
 * the claim itself) and moves next_run_at on, in one transaction. Occurrences later than `lateLimitMs`
 * are recorded as skipped. Returns what this process must post.
 */
export async function claimDueDigests(db: Db, teamId: string, now: Date, lateLimitMs: number, batch = 50): Promise<{ claimed: ClaimedDigest[]; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('digestSchedule')
      .selectAll()
      .where('teamId', '=', teamId)
      .where('enabled', '=', true)
      .where('nextRunAt', '<=', now)
      .orderBy('nextRunAt')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    const claimed: ClaimedDigest[] = [];
    let skipped = 0;
    for (const schedule of due) {
      const late = now.getTime() - schedule.nextRunAt.getTime() > lateLimitMs;
      const inserted = await trx
        .insertInto('digest')
        .values({
          teamId,
          channelId: schedule.channelId,
          scheduledFor: schedule.nextRunAt,
          status: late ? 'skipped' : 'claimed',
          statusReason: late ? `more than ${lateLimitMs / 3_600_000} hours late` : null,
          messageTs: null,
          claimedAt: now,
        })
        .onConflict((oc) => oc.columns(['teamId', 'channelId', 'scheduledFor']).doNothing())
        .returning(['id', 'teamId', 'channelId', 'scheduledFor'])
        .executeTakeFirst();
      await trx
        .updateTable('digestSchedule')
        .set({ nextRunAt: nextOccurrence(weeklyCadence({ ...schedule, weekday: schedule.weekday as Weekday }), schedule.timeZone, now) })
        .where('teamId', '=', teamId)
        .where('channelId', '=', schedule.channelId)
        .execute();
      if (!inserted) continue;
      if (late) skipped += 1;
      else claimed.push({ ...inserted, timeZone: schedule.timeZone });
    }
    return { claimed, skipped };
  });
}

/**
 * Takes over scheduled digests whose claim went stale (5 minutes by default): their process stopped
 * mid-post, or Slack's answer was unclear and the channel could not be read. They may be in the channel
 * already, so the caller looks before posting. One more than `lateLimitMs` late is given up as failed
 * rather than posted blindly. A digest asked for with `digest now` is not taken over: its asker was told.
 */
export async function reclaimStaleDigests(db: Db, teamId: string, now: Date, lateLimitMs: number, staleAfterMs = 5 * 60 * 1000): Promise<ClaimedDigest[]> {
  return db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('digest as d')
      .innerJoin('digestSchedule as s', (join) => join.onRef('s.teamId', '=', 'd.teamId').onRef('s.channelId', '=', 'd.channelId'))
      .select(['d.id', 'd.teamId', 'd.channelId', 'd.scheduledFor', 's.timeZone'])
      .where('d.teamId', '=', teamId)
      .where('d.status', '=', 'claimed')
      .where('d.statusReason', 'is', null)
      .where('d.claimedAt', '<', new Date(now.getTime() - staleAfterMs))
      .limit(50)
      .forUpdate('d')
      .skipLocked()
      .execute();
    const tooLate = stale.filter((d) => now.getTime() - d.scheduledFor.getTime() > lateLimitMs).map((d) => d.id);
    const retry = stale.filter((d) => !tooLate.includes(d.id));
    if (tooLate.length > 0) {
      await trx
        .updateTable('digest')
        .set({ status: 'failed', statusReason: `outcome unknown for more than ${lateLimitMs / 3_600_000} hours; not posted again` })
        .where('teamId', '=', teamId)
        .where('id', 'in', tooLate)
        .execute();
    }
    if (retry.length > 0) await trx.updateTable('digest').set({ claimedAt: now }).where('teamId', '=', teamId).where('id', 'in', retry.map((d) => d.id)).execute();
    return retry;
  });
}

/** A digest asked for with `/learnloop digest now`, claimed at once. */
export async function insertRequestedDigest(db: Db, teamId: string, channelId: string, now: Date, requestedBy: string): Promise<{ id: number }> {
  return db
    .insertInto('digest')
    .values({ teamId, channelId, scheduledFor: now, status: 'claimed', statusReason: 'requested', messageTs: null, claimedAt: now, requestedBy })
    .onConflict((oc) => oc.columns(['teamId', 'channelId', 'scheduledFor']).doNothing())
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function markDigest(
  db: Db,
  teamId: string,
  id: number,
  outcome: { status: 'posted'; messageTs: string; humanMembers: number } | { status: 'failed'; reason: string },
): Promise<void> {
  await db
    .updateTable('digest')
    .set(outcome.status === 'posted' ? { status: 'posted', messageTs: outcome.messageTs, humanMembers: outcome.humanMembers } : { status: 'failed', statusReason: outcome.reason })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .execute();
}

/** Member counts recorded by the channel's posted digests up to `until`, newest first (at most `limit`). */
export async function listRecordedMemberCounts(db: Db, teamId: string, channelId: string, until: Date, limit = 10): Promise<{ at: Date; humanMembers: number }[]> {
  const rows = await db
    .selectFrom('digest')
    .select(['scheduledFor', 'humanMembers'])
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('status', '=', 'posted')
    .where('humanMembers', 'is not', null)
    .where('scheduledFor', '<=', until)
    .orderBy('scheduledFor', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ at: row.scheduledFor, humanMembers: row.humanMembers ?? 0 }));
}
