import type { Db } from '../../src/platform/db/connect';
import type { Cadence } from '../../src/platform/time/cadence';

/** A posted prompt whose thread Learnloop follows, as if the scheduler had posted it. */
export async function seedPostedPrompt(db: Db, teamId: string, channelId: string, messageTs: string, options: { postedAt?: Date; nudgeAfterMinutes?: number | null; questionText?: string } = {}): Promise<number> {
  const postedAt = options.postedAt ?? new Date();
  const prompt = await db
    .insertInto('prompt')
    .values({
      teamId,
      channelId,
      scheduleId: null,
      scheduledFor: postedAt,
      status: 'posted',
      statusReason: null,
      questionId: 'd1',
      questionText: options.questionText ?? 'What are we learning this week?',
      claimedAt: postedAt,
      messageTs,
      postedAt,
      requestedBy: null,
      nudgeAfterMinutes: options.nudgeAfterMinutes ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('trackedThread').values({ teamId, channelId, threadTs: messageTs, kind: 'prompt', subjectId: prompt.id }).execute();
  return prompt.id;
}

/** An active schedule due at `nextRunAt`. */
export async function seedSchedule(
  db: Db,
  teamId: string,
  channelId: string,
  options: { cadence?: Cadence; timeZone?: string; nextRunAt: Date; createdBy?: string; nudgeAfterMinutes?: number | null },
): Promise<number> {
  const row = await db
    .insertInto('promptSchedule')
    .values({
      teamId,
      channelId,
      createdBy: options.createdBy ?? 'U0ALICE',
      cadence: JSON.stringify(options.cadence ?? { kind: 'daily', time: { hour: 9, minute: 0 } }),
      timeZone: options.timeZone ?? 'Europe/Berlin',
      questionSet: 'default',
      nextRunAt: options.nextRunAt,
      nudgeAfterMinutes: options.nudgeAfterMinutes ?? null,
      pausedReason: null,
      lastResult: null,
      lastResultReason: null,
      lastRunAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
