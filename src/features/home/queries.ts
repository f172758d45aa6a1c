import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import { personViewer } from '../../platform/audience/rules';
import type { Commitment } from '../commitments';
import type { Feedback } from '../feedback';
import { listRecentLearnings, type Learning } from '../learnings';
import { listLivePairsOf, type MentoringPair } from '../mentoring';
import { DAY_MS } from '../../platform/time/units';

const LEARNINGS = 5;
const COMMITMENTS = 10;
const CHANNELS = 5;
const FEEDBACK_DAYS = 30;
const REPLIED_DAYS = 90;

/** A channel whose Learnloop schedule the viewer takes part in. */
export interface HomeChannel {
  channelId: string;
  nextRunAt: Date;
  openReviews: number;
}

/** Everything the App Home shows of one person, read in one round of parallel queries. */
export interface HomeSnapshot {
  learnings: Learning[];
  commitments: Commitment[];
  pairs: MentoringPair[];
  feedbackCount: number;
  latestFeedback: Feedback | undefined;
  /** Week starts (Mondays, YYYY-MM-DD, in the viewer's zone) with a thread reply or learning by the viewer. */
  activeWeeks: string[];
  channels: HomeChannel[];
  minGroupSize: number | null;
}

export async function loadHomeSnapshot(
  db: Db,
  teamId: string,
  userId: string,
  at: { now: Date; timeZone: string; lastWeek: { from: Date; to: Date } },
): Promise<HomeSnapshot> {
  const feedbackSince = new Date(at.now.getTime() - FEEDBACK_DAYS * DAY_MS);
  const [learnings, commitments, pairs, feedback, activeWeeks, channels, setting] = await Promise.all([
    // The person's own learnings: theirs to see whatever their audience.
    listRecentLearnings(db, teamId, personViewer(userId, []), { authorId: userId, limit: LEARNINGS }),
    listOpenCommitmentsOf(db, teamId, userId, COMMITMENTS),
    listLivePairsOf(db, teamId, userId),
    listFeedbackReceivedSince(db, teamId, userId, feedbackSince),
    listActiveWeeks(db, teamId, userId, at.timeZone),
    listHomeChannels(db, teamId, userId, { since: new Date(at.now.getTime() - REPLIED_DAYS * DAY_MS), lastWeek: at.lastWeek }),
    db.selectFrom('workspaceSetting').select('minGroupSize').where('teamId', '=', teamId).executeTakeFirst(),
  ]);
  return { learnings, commitments, pairs, ...feedback, activeWeeks, channels, minGroupSize: setting?.minGroupSize ?? null };
}

/** A person's open commitments, soonest due first. */
async function listOpenCommitmentsOf(db: Db, teamId: string, ownerId: string, limit: number): Promise<Commitment[]> {
  return db
    .selectFrom('commitment')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('ownerId', '=', ownerId)
    .where('status', '=', 'open')
    .orderBy('dueDate')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How much delivered feedback a person received since `since`, and the newest of it. */
async function listFeedbackReceivedSince(db: Db, teamId: string, recipientId: string, since: Date): Promise<{ feedbackCount: number; latestFeedback: Feedback | undefined }> {
  const rows = await db
    .selectFrom('feedback')
    .selectAll()
    .select(sql<string>`count(*) over ()`.as('total'))
    .where('teamId', '=', teamId)
    .where('recipientId', '=', recipientId)
    .where('status', '=', 'delivered')
    .where('createdAt', '>=', since)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .execute();
  const first = rows[0];
  if (!first) return { feedbackCount: 0, latestFeedback: undefined };
  const { total, ...latest } = first;
  return { feedbackCount: Number(total), latestFeedback: latest };
}

/** Distinct weeks (Monday dates in `timeZone`) in which the person replied in a thread or recorded a learning. */
async function listActiveWeeks(db: Db, teamId: string, userId: string, timeZone: string): Promise<string[]> {
  // date_trunc('week') starts weeks on Monday, like the streak does.
  const week = (column: string) => sql<string>`to_char(date_trunc('week', ${sql.ref(column)} at time zone ${timeZone}), 'YYYY-MM-DD')`;
  const result = await sql<{ week: string }>`
    select week from (
      select ${week('created_at')} as week from learning where team_id = ${teamId} and user_id = ${userId}
      union
      select ${week('created_at')} as week from thread_reply where team_id = ${teamId} and user_id = ${userId}
    ) weeks order by week desc limit 520`.execute(db.withoutPlugins());
  return result.rows.map((row) => row.week);
}

/**
 * Channels with an active prompt schedule the person created or whose threads they replied in since
 * `since`; soonest next prompt first, at most CHANNELS. Responders and open reviews come along.
 */
async function listHomeChannels(db: Db, teamId: string, userId: string, range: { since: Date; lastWeek: { from: Date; to: Date } }): Promise<HomeChannel[]> {
  const rows = await db
    .selectFrom('promptSchedule as ps')
    .select((eb) => [
      'ps.channelId',
      eb.fn.min('ps.nextRunAt').as('nextRunAt'),
      eb
        .selectFrom('review as v')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('v.channelId', '=', 'ps.channelId')
        .where('v.teamId', '=', teamId)
        .where('v.status', 'in', ['open', 'closing'])
        .where('v.messageTs', 'is not', null)
        .as('openReviews'),
    ])
    .where('ps.teamId', '=', teamId)
    .where('ps.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('ps.createdBy', '=', userId),
        eb.exists(
          eb
            .selectFrom('threadReply as mine')
            .select('mine.id')
            .whereRef('mine.channelId', '=', 'ps.channelId')
            .where('mine.teamId', '=', teamId)
            .where('mine.userId', '=', userId)
            .where('mine.createdAt', '>=', range.since),
        ),
      ]),
    )
    .groupBy('ps.channelId')
    .orderBy((eb) => eb.fn.min('ps.nextRunAt'))
    .orderBy('ps.channelId')
    .limit(CHANNELS)
    .execute();
  return rows.map((row) => ({
    channelId: row.channelId,
    nextRunAt: new Date(row.nextRunAt),
    openReviews: Number(row.openReviews ?? 0),
  }));
}
