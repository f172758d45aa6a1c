import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { LearningSessionTable, SessionStatus } from '../../platform/db/schema';
import type { Insertable, Selectable } from 'kysely';
import type { SessionStage } from './rules';
import { ATTENDEE_REMINDER_BEFORE_MS, LEADER_ASK_BEFORE_MS } from './rules';

export type Session = Selectable<LearningSessionTable>;

/** What a new session is made of; its confirmed leader, stage and announcement come later. */
export type NewSession = Pick<Insertable<LearningSessionTable>, 'teamId' | 'channelId' | 'topic' | 'description' | 'organiserId' | 'leaderId' | 'backupLeaderId' | 'startsAt' | 'lengthMinutes' | 'timeZone'>;

export async function insertSession(db: Db, session: NewSession): Promise<Session> {
  return db.insertInto('learningSession').values({ ...session, confirmedLeaderId: null, announcementTs: null }).returningAll().executeTakeFirstOrThrow();
}

export async function deleteSession(db: Db, teamId: string, id: number): Promise<void> {
  await db.deleteFrom('learningSession').where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** Records the announcement and follows its thread (replies become the session's reflections). */
export async function markSessionAnnounced(db: Db, teamId: string, session: Pick<Session, 'id' | 'channelId'>, ts: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('learningSession').set({ announcementTs: ts }).where('teamId', '=', teamId).where('id', '=', session.id).execute();
    await trx
      .insertInto('trackedThread')
      .values({ teamId, channelId: session.channelId, threadTs: ts, kind: 'session', subjectId: session.id })
      .onConflict((oc) => oc.columns(['teamId', 'channelId', 'threadTs']).doNothing())
      .execute();
  });
}

export async function findSession(db: Db, teamId: string, id: number): Promise<Session | undefined> {
  return db.selectFrom('learningSession').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Adds an attendee; true only the first time (a second click changes nothing). */
export async function insertAttendee(db: Db, teamId: string, sessionId: number, userId: string): Promise<boolean> {
  const row = await db
    .insertInto('sessionAttendee')
    .values({ teamId, sessionId, userId, remindedAt: null })
    .onConflict((oc) => oc.columns(['teamId', 'sessionId', 'userId']).doNothing())
    .returning('userId')
    .executeTakeFirst();
  return row !== undefined;
}

/** Sessions that may have a step due: live ones starting within a day, or over but not yet reflected on. */
export async function listActiveSessions(db: Db, teamId: string, now: Date, limit = 200): Promise<Session[]> {
  return db
    .selectFrom('learningSession')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('status', 'in', ['scheduled', 'confirmed'])
    .where('stage', '<>', 'reflected')
    .where('startsAt', '<=', new Date(now.getTime() + LEADER_ASK_BEFORE_MS))
    .orderBy('startsAt')
    .limit(limit)
    .execute();
}

/**
 * Moves a session's stage forward (and optionally its status) only if it is still where the caller
 * saw it: the compare-and-set that lets one process, or one button press, take each step.
 */
export async function claimSessionStage(
  db: Db,
  teamId: string,
  id: number,
  change: { from: SessionStage[]; to: SessionStage; whenStatus: SessionStatus; setStatus?: SessionStatus },
): Promise<Session | undefined> {
  return db
    .updateTable('learningSession')
    .set({ stage: change.to, ...(change.setStatus ? { status: change.setStatus } : {}) })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('stage', 'in', change.from)
    .where('status', '=', change.whenStatus)
    .returningAll()
    .executeTakeFirst();
}

/** The person asked confirms: only while the session waits for them (stage) and nobody else has. */
export async function confirmSessionLeader(db: Db, teamId: string, id: number, userId: string, atStage: SessionStage): Promise<Session | undefined> {
  return db
    .updateTable('learningSession')
    .set({ status: 'confirmed', confirmedLeaderId: userId, stage: 'resolved' })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('stage', '=', atStage)
    .returningAll()
    .executeTakeFirst();
}

export interface ClaimedReminder {
  sessionId: number;
  userId: string;
  topic: string;
  channelId: string;
  startsAt: Date;
  leaderId: string;
}

/** Claims the reminders due now (confirmed sessions starting within 15 minutes), each attendee once. */
export async function claimAttendeeReminders(db: Db, teamId: string, now: Date): Promise<ClaimedReminder[]> {
  const rows = await db
    .updateTable('sessionAttendee')
    .from('learningSession')
    .set({ remindedAt: now })
    .whereRef('learningSession.id', '=', 'sessionAttendee.sessionId')
    .where('sessionAttendee.teamId', '=', teamId)
    .where('learningSession.teamId', '=', teamId)
    .where('sessionAttendee.remindedAt', 'is', null)
    .where('learningSession.status', '=', 'confirmed')
    .where('learningSession.startsAt', '<=', new Date(now.getTime() + ATTENDEE_REMINDER_BEFORE_MS))
    .where('learningSession.startsAt', '>', now)
    .returning(['sessionAttendee.sessionId', 'sessionAttendee.userId', 'learningSession.topic', 'learningSession.channelId', 'learningSession.startsAt', 'learningSession.confirmedLeaderId', 'learningSession.leaderId'])
    .execute();
  return rows.map((row) => ({ sessionId: row.sessionId, userId: row.userId, topic: row.topic, channelId: row.channelId, startsAt: row.startsAt, leaderId: row.confirmedLeaderId ?? row.leaderId }));
}

export type SessionWithCounts = Session & { attendeeCount: number; reflectionCount: number };

/** The channel's upcoming sessions (soonest first) and past ones (latest first), with attendee and reflection counts (thread replies since the start). */
export async function listChannelSessions(db: Db, teamId: string, channelId: string, now: Date, limit = 10): Promise<{ upcoming: SessionWithCounts[]; past: SessionWithCounts[] }> {
  const base = () =>
    db
      .selectFrom('learningSession')
      .selectAll('learningSession')
      .select((eb) => [
        eb
          .selectFrom('sessionAttendee')
          .select(sql<number>`count(*)::integer`.as('n'))
          .whereRef('sessionAttendee.sessionId', '=', 'learningSession.id')
          .where('sessionAttendee.teamId', '=', teamId)
          .as('attendeeCount'),
        eb
          .selectFrom('trackedThread')
          .innerJoin('threadReply', 'threadReply.threadId', 'trackedThread.id')
          .select(sql<number>`count(*)::integer`.as('n'))
          .whereRef('trackedThread.subjectId', '=', 'learningSession.id')
          .where('trackedThread.kind', '=', 'session')
          .where('trackedThread.teamId', '=', teamId)
          .where('threadReply.visibility', '=', 'public')
          // Replies before the start are questions and sign-up chatter, not reflections on the session.
          .whereRef('threadReply.createdAt', '>=', 'learningSession.startsAt')
          .as('reflectionCount'),
      ])
      .where('learningSession.teamId', '=', teamId)
      .where('learningSession.channelId', '=', channelId);
  const [upcoming, past] = await Promise.all([
    base().where('learningSession.status', 'in', ['scheduled', 'confirmed']).where('learningSession.startsAt', '>=', now).orderBy('learningSession.startsAt').limit(limit).execute(),
    base()
      .where((eb) => eb.or([eb('learningSession.status', 'not in', ['scheduled', 'confirmed']), eb('learningSession.startsAt', '<', now)]))
      .orderBy('learningSession.startsAt', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { upcoming: upcoming as SessionWithCounts[], past: past as SessionWithCounts[] };
}
