import { sameOrgTeamIds } from '../db/workspaces';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect';

/** What a scheduled DM says; kinds may add their own fields (a prompt nudge carries its prompt id). */
export interface DmPayload {
  text: string;
  blocks?: unknown[];
  [key: string]: unknown;
}

/** A DM this process claimed and must now send, defer, drop or fail. */
export interface ClaimedDm {
  id: number;
  teamId: string;
  userId: string;
  kind: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  dueAt: Date;
  onlyUsefulOnDay: boolean;
  /** Claims so far, this one included. */
  attempts: number;
  /** Reclaimed from a 'sending' claim that ran out: the process that held it stopped mid-send. */
  interrupted: boolean;
  /** When it was queued: no copy of it can be in the person's DMs from before. */
  createdAt: Date;
}

// A claim that outlives this is taken to belong to a process that died.
export const DM_CLAIM_MS = 5 * 60 * 1000;

/** Queues a budgeted DM; the same (team, dedupe key) is queued once. Returns whether it was inserted. */
export async function enqueueDm(
  db: Db,
  dm: { teamId: string; userId: string; kind: string; dedupeKey: string; payload: DmPayload; dueAt: Date; onlyUsefulOnDay: boolean },
): Promise<boolean> {
  const inserted = await db
    .insertInto('scheduledDm')
    .values({
      teamId: dm.teamId,
      userId: dm.userId,
      kind: dm.kind,
      dedupeKey: dm.dedupeKey,
      payload: JSON.stringify(dm.payload),
      dueAt: dm.dueAt,
      onlyUsefulOnDay: dm.onlyUsefulOnDay,
      statusReason: null,
      claimedUntil: null,
      sentAt: null,
    })
    .onConflict((oc) => oc.columns(['teamId', 'dedupeKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Claims due DMs before any Slack call: pending ones whose time has come, and 'sending' ones whose
 * claim ran out (their process died). At most one DM per person is in flight at a time, across all
 * processes, so the daily limit counted at send time holds; claims of a team are serialized by an
 * advisory lock for that (they take milliseconds), and SKIP LOCKED leaves rows busy elsewhere alone.
 * A row taken over from a dead claim comes back `interrupted`: it may already have reached Slack, so
 * the sender looks for it in the person's DMs before sending (see send-scheduled-dms).
 */
export async function claimDueDms(db: Db, teamId: string, now: Date, limit: number): Promise<ClaimedDm[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`scheduled_dm:${teamId}`}, 0))`.execute(trx);
    const candidates = await trx
      .selectFrom('scheduledDm as d')
      .select(['d.id', 'd.userId', 'd.status'])
      .where('d.teamId', '=', teamId)
      .where((eb) =>
        eb.or([
          eb.and([eb('d.status', '=', 'pending'), eb('d.dueAt', '<=', now)]),
          eb.and([eb('d.status', '=', 'sending'), eb('d.claimedUntil', '<', now)]),
        ]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('scheduledDm as busy')
              .select('busy.id')
              .whereRef('busy.teamId', '=', 'd.teamId')
              .whereRef('busy.userId', '=', 'd.userId')
              .where('busy.status', '=', 'sending')
              .where('busy.claimedUntil', '>=', now),
          ),
        ),
      )
      .orderBy('d.dueAt')
      .orderBy('d.id')
      .limit(limit * 4)
      .forUpdate('d')
      .skipLocked()
      .execute();

    const picked = new Map<string, { id: number; status: string }>();
    for (const row of candidates) {
      if (picked.size >= limit) break;
      if (!picked.has(row.userId)) picked.set(row.userId, row);
    }
    if (picked.size === 0) return [];
    const wasSending = new Set([...picked.values()].filter((row) => row.status === 'sending').map((row) => row.id));

    const claimed = await trx
      .updateTable('scheduledDm')
      .set({ status: 'sending', claimedUntil: new Date(now.getTime() + DM_CLAIM_MS), attempts: sql`attempts + 1` })
      .where('teamId', '=', teamId)
      .where('id', 'in', [...picked.values()].map((row) => row.id))
      .returning(['id', 'teamId', 'userId', 'kind', 'dedupeKey', 'payload', 'dueAt', 'onlyUsefulOnDay', 'attempts', 'createdAt'])
      .execute();
    return claimed
      .map((row) => ({ ...row, interrupted: wasSending.has(row.id) }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  });
}

/** Records a sent DM; it counts against the person's daily limit from `now`. */
export async function markDmSent(db: Db, teamId: string, id: number, now: Date): Promise<void> {
  await db
    .updateTable('scheduledDm')
    .set({ status: 'sent', statusReason: null, sentAt: now, claimedUntil: null })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .execute();
}

/**
 * Puts a claimed DM back in the queue for `until`; `reason` says what held it back. `attempts` counts
 * tries to send: a DM held back by the budget (quiet hours, mute…) was never tried, so it passes
 * `releaseAttempt` and its claim does not count; a retry after a Slack failure does.
 */
export async function deferDm(db: Db, teamId: string, id: number, until: Date, reason: string, options: { releaseAttempt?: boolean } = {}): Promise<void> {
  await settleClaim(db, teamId, id, {
    status: 'pending',
    dueAt: until,
    statusReason: reason,
    ...(options.releaseAttempt ? { attempts: sql<number>`greatest(attempts - 1, 0)` } : {}),
  });
}

/** Gives up on a claimed DM that is no longer useful; `reason` is kept. */
export async function dropDm(db: Db, teamId: string, id: number, reason: string): Promise<void> {
  await settleClaim(db, teamId, id, { status: 'dropped', statusReason: reason });
}

/** Gives up on a claimed DM that could not be sent; `reason` is kept. */
export async function failDm(db: Db, teamId: string, id: number, reason: string): Promise<void> {
  await settleClaim(db, teamId, id, { status: 'failed', statusReason: reason });
}

// Only a row still claimed changes: a slow process never undoes what a later claimant recorded.
async function settleClaim(
  db: Db,
  teamId: string,
  id: number,
  change: { status: 'pending' | 'dropped' | 'failed'; statusReason: string; dueAt?: Date; attempts?: RawBuilder<number> },
): Promise<void> {
  await db
    .updateTable('scheduledDm')
    .set({ ...change, claimedUntil: null })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Budgeted DMs sent to a person in [from, to), across the workspaces of their org (one budget per person). */
export async function countDmsSentBetween(db: Db, teamId: string, userId: string, from: Date, to: Date): Promise<number> {
  const row = await db
    .selectFrom('scheduledDm')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('teamId', 'in', sameOrgTeamIds(teamId))
    .where('userId', '=', userId)
    .where('status', '=', 'sent')
    .where('sentAt', '>=', from)
    .where('sentAt', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * After a person changes their quiet setting, DMs held back for the old mute are looked at again at
 * `now` (the sender defers them anew if they are still muted).
 */
export async function rescheduleMutedDms(db: Db, teamId: string, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('scheduledDm')
    .set({ dueAt: now })
    .where('teamId', 'in', sameOrgTeamIds(teamId))
    .where('userId', '=', userId)
    .where('status', '=', 'pending')
    .where('statusReason', '=', 'muted')
    .where('dueAt', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
