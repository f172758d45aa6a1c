import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { AiDraftKind, AiDraftTable } from '../../platform/db/schema';
import { learningAudience, replyAudience, reviewItemAudience, visibleTo } from '../../platform/audience/queries';
import { channelViewer } from '../../platform/audience/rules';
import { DEFAULT_DAILY_BUDGET } from './rules';

export type AiDraft = Selectable<AiDraftTable>;

export interface AiWorkspaceSetting {
  enabled: boolean;
  dailyBudget: number;
}

export async function findAiSetting(db: Db, teamId: string): Promise<AiWorkspaceSetting> {
  const row = await db.selectFrom('aiSetting').select(['enabled', 'dailyBudget']).where('teamId', '=', teamId).executeTakeFirst();
  return row ?? { enabled: false, dailyBudget: DEFAULT_DAILY_BUDGET };
}

export async function upsertAiSetting(db: Db, teamId: string, change: Partial<AiWorkspaceSetting>, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('aiSetting')
    .values({ teamId, ...change, updatedBy: userId, updatedAt: now })
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ ...change, updatedBy: userId, updatedAt: now }))
    .execute();
}

export async function isChannelOptedOut(db: Db, teamId: string, channelId: string): Promise<boolean> {
  const row = await db.selectFrom('aiChannelOptOut').select('channelId').where('teamId', '=', teamId).where('channelId', '=', channelId).executeTakeFirst();
  return row !== undefined;
}

export async function setChannelOptOut(db: Db, teamId: string, channelId: string, optedOut: boolean, userId: string): Promise<void> {
  if (optedOut) {
    await db.insertInto('aiChannelOptOut').values({ teamId, channelId, optedOutBy: userId }).onConflict((oc) => oc.columns(['teamId', 'channelId']).doNothing()).execute();
  } else {
    await db.deleteFrom('aiChannelOptOut').where('teamId', '=', teamId).where('channelId', '=', channelId).execute();
  }
}

/** Counts one request against today's budget, across processes; false when the budget is spent. */
export async function claimAiRequest(db: Db, teamId: string, day: string, budget: number): Promise<boolean> {
  const row = await sql<{ requests: number }>`
    insert into ai_request_day (team_id, day, requests) values (${teamId}, ${day}, 1)
    on conflict (team_id, day) do update set requests = ai_request_day.requests + 1 where ai_request_day.requests < ${budget}
    returning requests`.execute(db.withoutPlugins());
  return row.rows.length > 0 && budget > 0;
}

export async function countAiRequests(db: Db, teamId: string, day: string): Promise<number> {
  const row = await db.selectFrom('aiRequestDay').select('requests').where('teamId', '=', teamId).where('day', '=', day).executeTakeFirst();
  return row?.requests ?? 0;
}

/**
 * Claims the draft of `kind` on a subject for one person (a unique key: a second press or a second process
 * gets undefined). A discarded draft of an on-demand kind may be asked for again.
 */
export async function claimDraft(
  db: Db,
  draft: { teamId: string; userId: string; kind: AiDraftKind; subjectId: number | null; channelId: string; threadTs: string | null; model: string; promptVersion: string },
  options: { replaceDiscarded: boolean },
): Promise<AiDraft | undefined> {
  return db.transaction().execute(async (trx) => {
    if (options.replaceDiscarded && draft.subjectId !== null) {
      await trx
        .deleteFrom('aiDraft')
        .where('teamId', '=', draft.teamId)
        .where('kind', '=', draft.kind)
        .where('subjectId', '=', draft.subjectId)
        .where('userId', '=', draft.userId)
        .where('status', '=', 'discarded')
        .execute();
    }
    return trx
      .insertInto('aiDraft')
      .values({ ...draft, status: 'drafting' })
      .onConflict((oc) => oc.columns(['teamId', 'kind', 'subjectId', 'userId']).where('subjectId', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
  });
}

export async function findDraft(db: Db, teamId: string, id: number): Promise<AiDraft | undefined> {
  return db.selectFrom('aiDraft').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function markDraftReady(db: Db, teamId: string, id: number, draft: { body: string; candidates: string[]; dmChannelId: string | null; dmTs: string | null }): Promise<void> {
  await db.updateTable('aiDraft').set({ ...draft, status: 'draft' }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function updateDraftText(db: Db, teamId: string, id: number, body: string, candidates: string[]): Promise<void> {
  await db.updateTable('aiDraft').set({ body, candidates }).where('teamId', '=', teamId).where('id', '=', id).where('status', '=', 'draft').execute();
}

/** Takes the draft for publishing: only its reader, only once (a second press finds nothing). */
export async function claimDraftForPublish(db: Db, teamId: string, id: number, userId: string, now: Date): Promise<AiDraft | undefined> {
  return db
    .updateTable('aiDraft')
    .set({ status: 'published', publishedAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}

export async function recordPublished(db: Db, teamId: string, id: number, publishedTs: string): Promise<void> {
  await db.updateTable('aiDraft').set({ publishedTs }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** Gives a draft back when its post failed, so its reader can try again. */
export async function releasePublish(db: Db, teamId: string, id: number): Promise<void> {
  await db.updateTable('aiDraft').set({ status: 'draft', publishedAt: null }).where('teamId', '=', teamId).where('id', '=', id).where('publishedTs', 'is', null).execute();
}

/** Discards a draft: its text is dropped at once; the row stays only so the same draft is not offered again. */
export async function discardDraft(db: Db, teamId: string, id: number, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('aiDraft')
    .set({ status: 'discarded', body: '', candidates: [] })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('status', 'in', ['draft', 'drafting'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A digest whose themes were not drafted (nothing to draft from, no answer, budget spent): not offered again. */
export async function markThemesSkipped(db: Db, digest: { teamId: string; id: number; channelId: string; posterId: string }, model: string, promptVersion: string): Promise<void> {
  await db
    .insertInto('aiDraft')
    .values({ teamId: digest.teamId, userId: digest.posterId, kind: 'digest_themes', subjectId: digest.id, channelId: digest.channelId, threadTs: null, status: 'discarded', model, promptVersion })
    .onConflict((oc) => oc.columns(['teamId', 'kind', 'subjectId', 'userId']).where('subjectId', 'is not', null).doNothing())
    .execute();
}

/** A draft that could not be made: forgotten, so it may be asked for again. */
export async function deleteDraft(db: Db, teamId: string, id: number): Promise<void> {
  await db.deleteFrom('aiDraft').where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** Drafts nobody decided on within a week lose their text (and drafting claims of a stopped process go). */
export async function deleteStaleDrafts(db: Db, teamId: string, now: Date): Promise<number> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const result = await db.deleteFrom('aiDraft').where('teamId', '=', teamId).where('status', 'in', ['draft', 'drafting', 'discarded']).where('createdAt', '<', weekAgo).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listPublishedDrafts(db: Db, teamId: string, userId: string): Promise<AiDraft[]> {
  return db.selectFrom('aiDraft').selectAll().where('teamId', '=', teamId).where('userId', '=', userId).where('status', '=', 'published').orderBy('id').execute();
}

export async function deleteDraftsOf(db: Db, teamId: string, userId: string): Promise<number> {
  const result = await db.deleteFrom('aiDraft').where('teamId', '=', teamId).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** One piece of what the model may read: its text and where it can be seen. */
export interface Material {
  authorId: string;
  text: string;
  permalink: string | null;
}

/**
 * A review's reflections and thread replies that everyone in its channel may read: never a private reply
 * and never an anonymous reflection (whose author could be inferred from their words beside the others').
 */
export async function listReviewMaterial(db: Db, teamId: string, review: { id: number; channelId: string }): Promise<{ reflections: Material[]; replies: Material[] }> {
  const readers = channelViewer(review.channelId, true);
  const [reflections, replies] = await Promise.all([
    sql<{ user_id: string; expected: string | null; actual: string | null; why_difference: string | null; next_time: string | null }>`
      select r.user_id, r.expected, r.actual, r.why_difference, r.next_time from reflection r
      join review rv on rv.team_id = r.team_id and rv.id = r.review_id
      where r.team_id = ${teamId} and r.review_id = ${review.id} and not r.anonymous and ${visibleTo(readers, reviewItemAudience('r.user_id', 'rv'))}
      order by r.id limit 60`.execute(db.withoutPlugins()),
    sql<{ user_id: string; text: string; permalink: string | null }>`
      select r.user_id, r.text, r.permalink from thread_reply r
      join tracked_thread t on t.team_id = r.team_id and t.id = r.thread_id
      where r.team_id = ${teamId} and t.kind = 'review' and t.subject_id = ${review.id} and ${visibleTo(readers, replyAudience('r'))}
      order by r.id limit 60`.execute(db.withoutPlugins()),
  ]);
  return {
    reflections: reflections.rows.map((r) => ({
      authorId: r.user_id,
      text: [
        r.expected && `Expected: ${r.expected}`,
        r.actual && `Happened: ${r.actual}`,
        r.why_difference && `Why: ${r.why_difference}`,
        r.next_time && `Next time: ${r.next_time}`,
      ]
        .filter(Boolean)
        .join('\n'),
      permalink: null,
    })),
    replies: replies.rows.map((r) => ({ authorId: r.user_id, text: r.text, permalink: r.permalink })),
  };
}

/** The week's public prompt replies and named team learnings of a channel that all its readers may read. */
export async function listChannelWeekMaterial(db: Db, teamId: string, channelId: string, from: Date, to: Date, limit: number): Promise<Material[]> {
  const readers = channelViewer(channelId, true);
  const rows = await sql<{ user_id: string; text: string; permalink: string | null; at: Date }>`
    (select r.user_id, r.text, r.permalink, r.created_at as at from thread_reply r
     join tracked_thread t on t.team_id = r.team_id and t.id = r.thread_id and t.kind = 'prompt'
     where r.team_id = ${teamId} and r.channel_id = ${channelId} and r.created_at >= ${from} and r.created_at < ${to} and ${visibleTo(readers, replyAudience('r'))}
     order by r.created_at desc limit ${limit})
    union all
    (select l.user_id, l.text, l.source_permalink, l.created_at from learning l
     where l.team_id = ${teamId} and (l.channel_id = ${channelId} or l.shared_channel_id = ${channelId}) and l.created_at >= ${from} and l.created_at < ${to}
       and ${visibleTo(readers, learningAudience('l'))} and not l.anonymous
     order by l.created_at desc limit ${limit})`.execute(db.withoutPlugins());
  return rows.rows
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .slice(0, limit)
    .map((r) => ({ authorId: r.user_id, text: r.text, permalink: r.permalink }));
}

export interface PostedPrompt {
  id: number;
  channelId: string;
  messageTs: string;
  questionText: string | null;
  requestedBy: string | null;
  scheduleCreatedBy: string | null;
}

/** The channel's newest posted prompt since `since`, with who set it up. */
export async function findLatestPrompt(db: Db, teamId: string, channelId: string, since: Date): Promise<PostedPrompt | undefined> {
  const row = await sql<{ id: number; channel_id: string; message_ts: string; question_text: string | null; requested_by: string | null; created_by: string | null }>`
    select p.id, p.channel_id, p.message_ts, p.question_text, p.requested_by, s.created_by from prompt p
    left join prompt_schedule s on s.team_id = p.team_id and s.id = p.schedule_id
    where p.team_id = ${teamId} and p.channel_id = ${channelId} and p.status = 'posted' and p.message_ts is not null and p.posted_at >= ${since}
    order by p.posted_at desc limit 1`.execute(db.withoutPlugins());
  const r = row.rows[0];
  return r && { id: r.id, channelId: r.channel_id, messageTs: r.message_ts, questionText: r.question_text, requestedBy: r.requested_by, scheduleCreatedBy: r.created_by };
}

/** A prompt's public replies (a private reply is its author's alone). */
export async function listPromptMaterial(db: Db, teamId: string, prompt: { id: number; channelId: string }, limit: number): Promise<Material[]> {
  const rows = await sql<{ user_id: string; text: string; permalink: string | null }>`
    select r.user_id, r.text, r.permalink from thread_reply r
    join tracked_thread t on t.team_id = r.team_id and t.id = r.thread_id
    where r.team_id = ${teamId} and t.kind = 'prompt' and t.subject_id = ${prompt.id} and ${visibleTo(channelViewer(prompt.channelId, true), replyAudience('r'))}
    order by r.id limit ${limit}`.execute(db.withoutPlugins());
  return rows.rows.map((r) => ({ authorId: r.user_id, text: r.text, permalink: r.permalink }));
}

export interface PostedDigest {
  id: number;
  teamId: string;
  channelId: string;
  messageTs: string;
  scheduledFor: Date;
  posterId: string;
}

/**
 * Digests posted since `since` whose themes have not been offered, in workspaces with the AI partner on and
 * channels that did not opt out. Its poster reads the draft: whoever asked with `digest now`, or the schedule's creator.
 */
export async function listDigestsAwaitingThemes(db: Db, teamId: string, since: Date): Promise<PostedDigest[]> {
  const rows = await sql<{ id: number; channel_id: string; message_ts: string; scheduled_for: Date; created_by: string }>`
    select d.id, d.channel_id, d.message_ts, d.scheduled_for, coalesce(d.requested_by, s.created_by) as created_by from digest d
    left join digest_schedule s on s.team_id = d.team_id and s.channel_id = d.channel_id
    join ai_setting a on a.team_id = d.team_id and a.enabled
    where d.team_id = ${teamId} and d.status = 'posted' and d.message_ts is not null and d.scheduled_for >= ${since}
      and not exists (select 1 from ai_channel_opt_out o where o.team_id = d.team_id and o.channel_id = d.channel_id)
      and coalesce(d.requested_by, s.created_by) is not null
      and not exists (select 1 from ai_draft x where x.team_id = d.team_id and x.kind = 'digest_themes' and x.subject_id = d.id)
    order by d.id limit 20`.execute(db.withoutPlugins());
  return rows.rows.map((r) => ({ id: r.id, teamId, channelId: r.channel_id, messageTs: r.message_ts, scheduledFor: new Date(r.scheduled_for), posterId: r.created_by }));
}
