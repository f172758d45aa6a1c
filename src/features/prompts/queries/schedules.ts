import type { Cadence } from '../../../platform/time/cadence';
import type { Db } from '../../../platform/db/connect';
import type { PromptScheduleRow, QuestionSet } from '../../../platform/db/schema';

export type PromptSchedule = PromptScheduleRow;

export interface NewSchedule {
  teamId: string;
  channelId: string;
  createdBy: string;
  cadence: Cadence;
  timeZone: string;
  questionSet: QuestionSet;
  nextRunAt: Date;
}

export async function insertSchedule(db: Db, schedule: NewSchedule): Promise<PromptSchedule> {
  return db
    .insertInto('promptSchedule')
    .values({ ...schedule, cadence: JSON.stringify(schedule.cadence) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findSchedule(db: Db, teamId: string, id: number): Promise<PromptSchedule | undefined> {
  return db.selectFrom('promptSchedule').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function listChannelSchedules(db: Db, teamId: string, channelId: string): Promise<PromptSchedule[]> {
  return db.selectFrom('promptSchedule').selectAll().where('teamId', '=', teamId).where('channelId', '=', channelId).orderBy('id').execute();
}

/** Pauses or resumes; resuming sets the next run (missed runs while paused are not posted). */
export async function updateScheduleStatus(
  db: Db,
  teamId: string,
  id: number,
  change: { status: 'active'; nextRunAt: Date } | { status: 'paused'; reason: string },
): Promise<void> {
  await db
    .updateTable('promptSchedule')
    .set(change.status === 'active' ? { status: 'active', pausedReason: null, nextRunAt: change.nextRunAt } : { status: 'paused', pausedReason: change.reason })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .execute();
}

/** The channel's schedules paused because Learnloop could not post there (not a person's pause). */
export async function listSchedulesPausedForAccess(db: Db, teamId: string, channelId: string, reasons: readonly string[]): Promise<PromptSchedule[]> {
  return db
    .selectFrom('promptSchedule')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('status', '=', 'paused')
    .where('pausedReason', 'in', [...reasons])
    .orderBy('id')
    .execute();
}

/** Resumes a schedule only if it is still paused for the same reason; false when someone got there first. */
export async function resumeSchedulePausedFor(db: Db, teamId: string, id: number, reason: string, nextRunAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('promptSchedule')
    .set({ status: 'active', pausedReason: null, nextRunAt })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'paused')
    .where('pausedReason', '=', reason)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSchedule(db: Db, teamId: string, id: number): Promise<void> {
  await db.deleteFrom('promptSchedule').where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function updateScheduleNudge(db: Db, teamId: string, id: number, nudgeAfterMinutes: number | null): Promise<void> {
  await db.updateTable('promptSchedule').set({ nudgeAfterMinutes }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function recordScheduleResult(
  db: Db,
  teamId: string,
  id: number,
  result: { lastResult: 'posted' | 'failed' | 'skipped'; lastResultReason: string | null; lastRunAt: Date },
): Promise<void> {
  await db.updateTable('promptSchedule').set(result).where('teamId', '=', teamId).where('id', '=', id).execute();
}
