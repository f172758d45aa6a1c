import type { Db } from '../../src/platform/db/connect';

/** Seeds for digest and stats tests: replies, learnings, reviews, commitments, feedback at given times. */
export async function seedThread(db: Db, teamId: string, channelId: string, threadTs = `${Date.now()}.${Math.floor(Math.random() * 1e6)}`): Promise<number> {
  const row = await db.insertInto('trackedThread').values({ teamId, channelId, threadTs, kind: 'prompt', subjectId: 1 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function seedReply(db: Db, teamId: string, threadId: number, channelId: string, userId: string, at: Date, visibility: 'public' | 'private' = 'public'): Promise<void> {
  await db.insertInto('threadReply').values({ teamId, threadId, channelId, userId, text: 'a reply', ts: null, permalink: null, visibility, editedAt: null, createdAt: at }).execute();
}

let sharedCards = 0;

export async function seedLearning(
  db: Db,
  teamId: string,
  userId: string,
  at: Date,
  options: { channelId?: string | null; sharedChannelId?: string | null; visibility?: 'team' | 'private'; anonymous?: boolean; text?: string; tags?: string[] } = {},
): Promise<number> {
  const row = await db
    .insertInto('learning')
    .values({
      teamId,
      userId,
      text: options.text ?? 'learned a thing',
      tags: options.tags ?? [],
      link: null,
      visibility: options.visibility ?? 'team',
      creditedUserId: null,
      sourcePermalink: null,
      sourceKind: null,
      sourceId: null,
      channelId: options.channelId ?? null,
      sharedChannelId: options.sharedChannelId ?? null,
      // A shared learning has its card's ts.
      sharedTs: options.sharedChannelId ? `${Math.floor(at.getTime() / 1000)}.000${String(++sharedCards).padStart(3, '0')}` : null,
      anonymous: options.anonymous ?? false,
      updatedAt: null,
      createdAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedReview(db: Db, teamId: string, channelId: string, at: Date, closedAt: Date | null = null): Promise<number> {
  const row = await db
    .insertInto('review')
    .values({ teamId, channelId, title: 'Outage', link: null, startedBy: 'U0ALICE', facilitatorId: null, trigger: 'command', sourceTs: null, threadTs: null, messageTs: null, status: closedAt ? 'closed' : 'open', closeAt: null, closedAt, closedBy: null, summaryTs: null, createdAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedCommitment(db: Db, teamId: string, reviewId: number, ownerId: string, options: { dueDate: string; status?: 'open' | 'done' | 'dropped'; doneAt?: Date | null; createdAt: Date }): Promise<void> {
  await db
    .insertInto('commitment')
    .values({ teamId, reviewId, ownerId, text: 'do it', dueDate: options.dueDate, status: options.status ?? 'open', createdBy: ownerId, droppedReason: null, doneLearningId: null, doneAt: options.doneAt ?? null, createdAt: options.createdAt })
    .execute();
}

export async function seedFeedback(db: Db, teamId: string, senderId: string, recipientId: string, at: Date, options: { saved?: boolean; shared?: boolean }): Promise<void> {
  await db
    .insertInto('feedback')
    .values({
      teamId,
      senderId,
      recipientId,
      situation: null,
      behaviour: null,
      impact: null,
      text: 'secret feedback content',
      contextPermalink: null,
      deliveredChannelId: null,
      deliveredTs: null,
      status: 'delivered',
      thankedAt: null,
      sharedWithMentorAt: options.shared ? at : null,
      savedLearningId: options.saved ? 1 : null,
      statusReason: null,
      createdAt: at,
    })
    .execute();
}

/** Empties every table the digest reads. */
export async function clearDigestTables(db: Db): Promise<void> {
  for (const table of ['threadReply', 'trackedThread', 'feedback', 'commitment', 'review', 'learning', 'digest', 'digestSchedule', 'workspaceSetting', 'checkIn', 'scheduledDm'] as const) {
    await db.deleteFrom(table).execute();
  }
}
