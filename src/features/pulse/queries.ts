import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { PulseRunTable, PulseScheduleTable } from '../../platform/db/schema';
import type { Weekday } from '../../platform/time/cadence';
import { visibleTo } from '../../platform/audience/queries';
import type { Viewer } from '../../platform/audience/rules';
import { DEFAULT_STATEMENTS, shuffle, statementFigures, type PulseSchedule } from './rules';

export type PulseRun = Selectable<PulseRunTable>;
export type PulseScheduleRow = Selectable<PulseScheduleTable>;

/** A stored schedule as the rules read it. */
export function scheduleOf(row: PulseScheduleRow): PulseSchedule {
  return { every: row.every, nth: row.nth, weekday: row.weekday as Weekday, time: { hour: row.hour, minute: row.minute }, anchor: row.anchor, timeZone: row.timeZone };
}

export async function upsertSchedule(db: Db, input: { teamId: string; channelId: string; schedule: PulseSchedule; nextRunAt: Date; createdBy: string }): Promise<void> {
  const { schedule } = input;
  const values = {
    every: schedule.every, nth: schedule.nth, weekday: schedule.weekday, hour: schedule.time.hour, minute: schedule.time.minute,
    anchor: schedule.anchor, timeZone: schedule.timeZone, enabled: true, nextRunAt: input.nextRunAt, createdBy: input.createdBy,
  };
  await db
    .insertInto('pulseSchedule')
    .values({ teamId: input.teamId, channelId: input.channelId, ...values })
    .onConflict((oc) => oc.columns(['teamId', 'channelId']).doUpdateSet(values))
    .execute();
}

export async function findSchedule(db: Db, teamId: string, channelId: string): Promise<PulseScheduleRow | undefined> {
  return db.selectFrom('pulseSchedule').selectAll().where('teamId', '=', teamId).where('channelId', '=', channelId).executeTakeFirst();
}

export async function disableSchedule(db: Db, teamId: string, channelId: string): Promise<void> {
  await db.updateTable('pulseSchedule').set({ enabled: false }).where('teamId', '=', teamId).where('channelId', '=', channelId).execute();
}

/** Enabled schedules whose time has come (read only: each occurrence is claimed by `claimRun`). */
export async function listDueSchedules(db: Db, teamId: string, now: Date): Promise<PulseScheduleRow[]> {
  return db.selectFrom('pulseSchedule').selectAll().where('teamId', '=', teamId).where('enabled', '=', true).where('nextRunAt', '<=', now).orderBy('nextRunAt').limit(100).execute();
}

/** Moves a schedule on from the occurrence it was at; a process that already moved it wins. */
export async function advanceSchedule(db: Db, teamId: string, channelId: string, from: Date, to: Date): Promise<void> {
  await db.updateTable('pulseSchedule').set({ nextRunAt: to }).where('teamId', '=', teamId).where('channelId', '=', channelId).where('nextRunAt', '=', from).execute();
}

/** The workspace's statements, else Learnloop's own. */
export async function findStatements(db: Db, teamId: string): Promise<string[]> {
  const row = await db.selectFrom('pulseStatementSet').select('statements').where('teamId', '=', teamId).executeTakeFirst();
  return row?.statements ?? [...DEFAULT_STATEMENTS];
}

export async function upsertStatements(db: Db, teamId: string, statements: string[], updatedBy: string): Promise<void> {
  await db
    .insertInto('pulseStatementSet')
    .values({ teamId, statements, updatedBy })
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ statements, updatedBy }))
    .execute();
}

/**
 * Claims one pulse in a channel before any Slack call: a run per (channel, occurrence), and none while
 * another is still open there. Claims of a channel are serialized by an advisory lock (milliseconds).
 */
export async function claimRun(
  db: Db,
  input: { teamId: string; channelId: string; scheduledFor: Date; statements: string[]; now: Date; closesAt: Date; remindAt: Date },
): Promise<PulseRun | 'open' | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`pulse_run:${input.teamId}:${input.channelId}`}, 0))`.execute(trx);
    const open = await trx.selectFrom('pulseRun').select('id').where('teamId', '=', input.teamId).where('channelId', '=', input.channelId).where('status', '=', 'open').executeTakeFirst();
    if (open) return 'open';
    return trx
      .insertInto('pulseRun')
      .values({ teamId: input.teamId, channelId: input.channelId, privateChannelId: null, scheduledFor: input.scheduledFor, statements: input.statements, openedAt: input.now, closesAt: input.closesAt, remindAt: input.remindAt, remindedAt: null, closedAt: null, resultsTs: null })
      .onConflict((oc) => oc.columns(['teamId', 'channelId', 'scheduledFor']).doNothing())
      .returningAll()
      .executeTakeFirst();
  });
}

/** Who the pulse asks (the invited count is what "everyone answered" compares with), and whether its channel is private. */
export async function insertInvitees(db: Db, teamId: string, runId: number, userIds: readonly string[], privateChannelId: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (userIds.length > 0) {
      await trx.insertInto('pulseInvitee').values(userIds.map((userId) => ({ teamId, pulseRunId: runId, userId }))).onConflict((oc) => oc.doNothing()).execute();
    }
    await trx.updateTable('pulseRun').set({ invitedCount: userIds.length, privateChannelId }).where('teamId', '=', teamId).where('id', '=', runId).execute();
  });
}

export async function markRunFailed(db: Db, teamId: string, runId: number, now: Date): Promise<void> {
  await db.updateTable('pulseRun').set({ status: 'failed', closedAt: now }).where('teamId', '=', teamId).where('id', '=', runId).execute();
}

/** Gives an occurrence's claim back before anyone was asked, so a later tick can open it again. */
export async function releaseRun(db: Db, teamId: string, runId: number): Promise<void> {
  await db.deleteFrom('pulseRun').where('teamId', '=', teamId).where('id', '=', runId).where('invitedCount', '=', 0).execute();
}

export async function findRun(db: Db, teamId: string, runId: number): Promise<PulseRun | undefined> {
  return db.selectFrom('pulseRun').selectAll().where('teamId', '=', teamId).where('id', '=', runId).executeTakeFirst();
}

export async function findOpenRun(db: Db, teamId: string, channelId: string): Promise<PulseRun | undefined> {
  return db.selectFrom('pulseRun').selectAll().where('teamId', '=', teamId).where('channelId', '=', channelId).where('status', '=', 'open').executeTakeFirst();
}

export async function hasAnswered(db: Db, teamId: string, runId: number, userId: string): Promise<boolean> {
  const row = await db.selectFrom('pulseParticipation').select('userId').where('teamId', '=', teamId).where('pulseRunId', '=', runId).where('userId', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export type AnswerOutcome = 'saved' | 'closed' | 'already_answered' | 'not_found';

/**
 * Saves one person's answers, anonymous by construction. In one transaction, with the run locked so no
 * answer slips in after it closed: the participation row (who answered, nothing else; unique per person)
 * and the answers. Answers and free text have no user id and no time, and a random key; and because
 * rows written in one transaction share PostgreSQL's transaction id (xmin) and sit in the table in the
 * order they were written, every answer of the pulse is rewritten here in a random order: afterwards
 * all its rows carry this transaction's id and none sits where its author's turn would put it.
 */
export async function recordAnswer(
  db: Db,
  input: { teamId: string; runId: number; userId: string; scores: number[]; freeText: string | null; now: Date },
): Promise<AnswerOutcome> {
  const { teamId, runId } = input;
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('pulseRun').select(['status', 'closesAt']).where('teamId', '=', teamId).where('id', '=', runId).forUpdate().executeTakeFirst();
    if (!run) return 'not_found';
    if (run.status !== 'open' || run.closesAt.getTime() <= input.now.getTime()) return 'closed';
    const joined = await trx.insertInto('pulseParticipation').values({ teamId, pulseRunId: runId, userId: input.userId }).onConflict((oc) => oc.doNothing()).returning('userId').executeTakeFirst();
    if (!joined) return 'already_answered';

    const sheets = await trx.deleteFrom('pulseAnswer').where('teamId', '=', teamId).where('pulseRunId', '=', runId).returning('scores').execute();
    const allSheets = shuffle([...sheets.map((row) => row.scores), input.scores]);
    await trx.insertInto('pulseAnswer').values(allSheets.map((scores) => ({ teamId, id: randomUUID(), pulseRunId: runId, scores }))).execute();

    // Comments are rewritten with every answer, with a comment or without: otherwise the last comment's
    // transaction id would point at the last person who wrote one.
    const texts = await trx.deleteFrom('pulseFreeText').where('teamId', '=', teamId).where('pulseRunId', '=', runId).returning('text').execute();
    const allTexts = shuffle([...texts.map((row) => row.text), ...(input.freeText ? [input.freeText] : [])]);
    if (allTexts.length > 0) await trx.insertInto('pulseFreeText').values(allTexts.map((text) => ({ teamId, id: randomUUID(), pulseRunId: runId, text }))).execute();
    return 'saved';
  });
}

/** Reminders due: claimed once (reminded_at set) before any DM is queued. */
export async function claimDueReminders(db: Db, teamId: string, now: Date): Promise<PulseRun[]> {
  return db
    .updateTable('pulseRun')
    .set({ remindedAt: now })
    .where('teamId', '=', teamId)
    .where('status', '=', 'open')
    .where('remindedAt', 'is', null)
    .where('remindAt', '<=', now)
    .where('closesAt', '>', now)
    .returningAll()
    .execute();
}

/** Invited people who have not answered yet. */
export async function listNonAnswerers(db: Db, teamId: string, runId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('pulseInvitee as i')
    .select('i.userId')
    .where('i.teamId', '=', teamId)
    .where('i.pulseRunId', '=', runId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('pulseParticipation as p').select('p.userId').whereRef('p.teamId', '=', 'i.teamId').whereRef('p.pulseRunId', '=', 'i.pulseRunId').whereRef('p.userId', '=', 'i.userId'))),
    )
    .orderBy('i.userId')
    .execute();
  return rows.map((row) => row.userId);
}

/** Open runs with how many have answered: the close job's candidates. */
export async function listOpenRuns(db: Db, teamId: string): Promise<(PulseRun & { answered: number })[]> {
  const rows = await db
    .selectFrom('pulseRun as r')
    .selectAll('r')
    .select((eb) => eb.selectFrom('pulseParticipation as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.teamId', '=', 'r.teamId').whereRef('p.pulseRunId', '=', 'r.id').as('answered'))
    .where('r.teamId', '=', teamId)
    .where('r.status', '=', 'open')
    .orderBy('r.id')
    .execute();
  return rows.map((row) => ({ ...row, answered: Number(row.answered ?? 0) }));
}

/** Closes a run once across processes (and claims posting its results); undefined when another process closed it first. */
export async function claimClose(db: Db, teamId: string, runId: number, now: Date): Promise<PulseRun | undefined> {
  return db.updateTable('pulseRun').set({ status: 'closed', closedAt: now, resultsAttemptAt: now }).where('teamId', '=', teamId).where('id', '=', runId).where('status', '=', 'open').returningAll().executeTakeFirst();
}

/**
 * Closed pulses whose results did not get through, their last try older than `retryAfterMs` and their
 * close younger than `giveUpAfterMs`: claimed again (one process per try), to post after looking first.
 */
export async function claimResultsRetries(db: Db, teamId: string, now: Date, retryAfterMs: number, giveUpAfterMs: number): Promise<PulseRun[]> {
  return db
    .updateTable('pulseRun')
    .set({ resultsAttemptAt: now })
    .where('teamId', '=', teamId)
    .where('status', '=', 'closed')
    .where('resultsTs', 'is', null)
    .where('resultsAttemptAt', '<', new Date(now.getTime() - retryAfterMs))
    .where('closedAt', '>', new Date(now.getTime() - giveUpAfterMs))
    .returningAll()
    .execute();
}

export async function setResultsTs(db: Db, teamId: string, runId: number, ts: string): Promise<void> {
  await db.updateTable('pulseRun').set({ resultsTs: ts }).where('teamId', '=', teamId).where('id', '=', runId).execute();
}

/** A pulse's answer sheets, in the order of their random keys. */
export async function listSheets(db: Db, teamId: string, runId: number): Promise<number[][]> {
  const rows = await db.selectFrom('pulseAnswer').select('scores').where('teamId', '=', teamId).where('pulseRunId', '=', runId).orderBy('id').execute();
  return rows.map((row) => row.scores);
}

export async function listFreeTexts(db: Db, teamId: string, runId: number): Promise<string[]> {
  const rows = await db.selectFrom('pulseFreeText').select('text').where('teamId', '=', teamId).where('pulseRunId', '=', runId).orderBy('id').execute();
  return rows.map((row) => row.text);
}

/** The channel's closed pulses, newest first, with their sheets: the previous pulse and the trend. */
export async function listClosedRuns(db: Db, teamId: string, channelId: string, limit: number): Promise<(PulseRun & { sheets: number[][] })[]> {
  const runs = await db
    .selectFrom('pulseRun')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('channelId', '=', channelId)
    .where('status', '=', 'closed')
    .orderBy('closedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (runs.length === 0) return [];
  const sheets = await db.selectFrom('pulseAnswer').select(['pulseRunId', 'scores']).where('teamId', '=', teamId).where('pulseRunId', 'in', runs.map((run) => run.id)).orderBy('id').execute();
  return runs.map((run) => ({ ...run, sheets: sheets.filter((row) => row.pulseRunId === run.id).map((row) => row.scores) }));
}

/**
 * Closed pulses as aggregates for an export: per pulse and statement the number of answers, and the
 * average and spread only with at least `minGroupSize` of them; never a sheet or a comment. Only pulses of
 * channels the exporter may read (the audience rule: a private channel's pulse reaches its members only).
 */
export async function listPulseAggregates(db: Db, teamId: string, exporter: Viewer, channelId: string | null, minGroupSize: number): Promise<PulseAggregate[]> {
  let runs = db
    .selectFrom('pulseRun')
    .select(['id', 'channelId', 'statements', 'invitedCount', 'openedAt', 'closedAt'])
    .where('teamId', '=', teamId)
    .where('status', '=', 'closed')
    // A pulse has no author: nobody reads it as their own, only as a member of its channel.
    .where(visibleTo({ ...exporter, userId: null }, { author: 'pulse_run.channel_id', authorOnly: sql<boolean>`false`, shared: sql<boolean>`true`, privateChannel: 'pulse_run.private_channel_id' }));
  if (channelId) runs = runs.where('channelId', '=', channelId);
  const found = await runs.orderBy('closedAt').orderBy('id').execute();
  if (found.length === 0) return [];
  const sheets = await db.selectFrom('pulseAnswer').select(['pulseRunId', 'scores']).where('teamId', '=', teamId).where('pulseRunId', 'in', found.map((run) => run.id)).execute();
  return found.flatMap((run) => {
    const own = sheets.filter((row) => row.pulseRunId === run.id).map((row) => row.scores);
    const figures = statementFigures(run.statements, own, minGroupSize);
    return run.statements.map((statement, index) => ({
      pulseId: run.id, channelId: run.channelId, openedAt: run.openedAt, closedAt: run.closedAt, invited: run.invitedCount, answered: own.length,
      statement, average: figures[index]?.average ?? null, spread: figures[index]?.spread ?? null,
    }));
  });
}

export interface PulseAggregate {
  pulseId: number;
  channelId: string;
  openedAt: Date;
  closedAt: Date | null;
  invited: number;
  answered: number;
  statement: string;
  /** Null when fewer than the minimum group size answered. */
  average: number | null;
  spread: number | null;
}

/** The pulses a person answered (only that they did: their answers carry no name). */
export async function listPulsesAnswered(db: Db, teamId: string, userId: string): Promise<{ pulseId: number; channelId: string; openedAt: Date }[]> {
  return db
    .selectFrom('pulseParticipation as p')
    .innerJoin('pulseRun as r', (join) => join.onRef('r.teamId', '=', 'p.teamId').onRef('r.id', '=', 'p.pulseRunId'))
    .select(['r.id as pulseId', 'r.channelId', 'r.openedAt'])
    .where('p.teamId', '=', teamId)
    .where('p.userId', '=', userId)
    .orderBy('r.id')
    .execute();
}

/** Open pulses the person was asked to answer and has not (for their App Home). */
export async function listPulsesAwaiting(db: Db, teamId: string, userId: string, now: Date): Promise<Pick<PulseRun, 'id' | 'channelId' | 'closesAt'>[]> {
  return db
    .selectFrom('pulseInvitee as i')
    .innerJoin('pulseRun as r', (join) => join.onRef('r.teamId', '=', 'i.teamId').onRef('r.id', '=', 'i.pulseRunId'))
    .select(['r.id', 'r.channelId', 'r.closesAt'])
    .where('i.teamId', '=', teamId)
    .where('i.userId', '=', userId)
    .where('r.status', '=', 'open')
    .where('r.closesAt', '>', now)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('pulseParticipation as p').select('p.userId').whereRef('p.teamId', '=', 'r.teamId').whereRef('p.pulseRunId', '=', 'r.id').where('p.userId', '=', userId))))
    .orderBy('r.closesAt')
    .limit(5)
    .execute();
}
