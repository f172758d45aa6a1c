import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { ProjectModuleTable, ProjectPersonTable, ProjectRole, ProjectStatus, ProjectTable } from '../../platform/db/schema';
import { channelViewer, type Viewer } from '../../platform/audience/rules';
import { authorFor, learningAudience, replyAudience, visibleTo } from '../../platform/audience/queries';
import type { Charter } from './rules';

export type Project = Selectable<ProjectTable>;
export type ProjectPerson = Selectable<ProjectPersonTable>;
export type ProjectModule = Selectable<ProjectModuleTable>;

/**
 * Stores a charter with its people (in one transaction; inside the caller's when given one), claimed by
 * the form submission it came from: undefined when that submission already made a project.
 */
export async function insertProject(
  db: Db,
  input: { teamId: string; charter: Charter; timeZone: string; createdBy: string; privateChannelId: string | null; scheduleId: number | null; nextSponsorCheckInAt: Date; submissionKey: string | null },
): Promise<Project | undefined> {
  const { charter } = input;
  const run = async (trx: Db): Promise<Project | undefined> => {
    const project = await trx
      .insertInto('project')
      .values({
        teamId: input.teamId,
        name: charter.name,
        challenge: charter.challenge,
        channelId: charter.channelId,
        privateChannelId: input.privateChannelId,
        startsOn: charter.startsOn,
        endsOn: charter.endsOn,
        hoursPerWeek: charter.hoursPerWeek,
        setCadence: charter.setCadence,
        timeZone: input.timeZone,
        wave: charter.wave,
        scheduleId: input.scheduleId,
        charterTs: null,
        createdBy: input.createdBy,
        nextSponsorCheckInAt: input.nextSponsorCheckInAt,
        lastSponsorCheckInAt: null,
        midpointReviewId: null,
        midpointClaimedAt: null,
        finalProposedAt: null,
        closedAt: null,
        submissionKey: input.submissionKey,
      })
      .onConflict((oc) => oc.columns(['teamId', 'submissionKey']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!project) return undefined;
    const people: { userId: string; role: ProjectRole }[] = [
      { userId: charter.sponsorId, role: 'sponsor' },
      ...(charter.coachId ? [{ userId: charter.coachId, role: 'coach' as const }] : []),
      ...charter.memberIds.map((userId) => ({ userId, role: 'member' as const })),
    ];
    await trx
      .insertInto('projectPerson')
      .values(people.map((person) => ({ teamId: input.teamId, projectId: project.id, ...person, supervisorId: null, supervisorAnswer: null, supervisorAnsweredAt: null })))
      .execute();
    return project;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export async function setProjectSchedule(db: Db, teamId: string, id: number, scheduleId: number): Promise<Project> {
  return db.updateTable('project').set({ scheduleId }).where('teamId', '=', teamId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findProject(db: Db, teamId: string, id: number): Promise<Project | undefined> {
  return db.selectFrom('project').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function listPeople(db: Db, teamId: string, projectId: number): Promise<ProjectPerson[]> {
  return db.selectFrom('projectPerson').selectAll().where('teamId', '=', teamId).where('projectId', '=', projectId).orderBy('role').orderBy('userId').execute();
}

export async function findPerson(db: Db, teamId: string, projectId: number, userId: string): Promise<ProjectPerson | undefined> {
  return db.selectFrom('projectPerson').selectAll().where('teamId', '=', teamId).where('projectId', '=', projectId).where('userId', '=', userId).executeTakeFirst();
}

/** The projects a person takes part in (any role), newest first, with their role. */
export async function listProjectsOf(db: Db, teamId: string, userId: string): Promise<(Project & { role: ProjectRole })[]> {
  return db
    .selectFrom('project')
    .innerJoin('projectPerson', (join) => join.onRef('projectPerson.teamId', '=', 'project.teamId').onRef('projectPerson.projectId', '=', 'project.id'))
    .selectAll('project')
    .select('projectPerson.role')
    .where('project.teamId', '=', teamId)
    .where('projectPerson.userId', '=', userId)
    .orderBy('project.id', 'desc')
    .execute();
}

export async function listProjectsOfWave(db: Db, teamId: string, wave: string): Promise<Project[]> {
  return db.selectFrom('project').selectAll().where('teamId', '=', teamId).where(sql<boolean>`lower(wave) = lower(${wave})`).orderBy('id').execute();
}

export async function listActiveProjects(db: Db, teamId: string): Promise<Project[]> {
  return db.selectFrom('project').selectAll().where('teamId', '=', teamId).where('status', '=', 'active').orderBy('id').execute();
}

export async function setProjectStatus(db: Db, teamId: string, id: number, from: readonly ProjectStatus[], status: ProjectStatus, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('project')
    .set({ status, ...(status === 'closed' ? { closedAt: now } : {}) })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setCharterTs(db: Db, teamId: string, id: number, ts: string): Promise<void> {
  await db.updateTable('project').set({ charterTs: ts }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/**
 * Names a member's supervisor: 'named' when it changed (their answer starts again), 'same' when that
 * supervisor was named already (a second press: they are not asked twice), 'not-member' otherwise.
 */
export async function setSupervisor(db: Db, teamId: string, projectId: number, memberId: string, supervisorId: string): Promise<'named' | 'same' | 'not-member'> {
  const result = await db
    .updateTable('projectPerson')
    .set({ supervisorId, supervisorAnswer: null, supervisorAnsweredAt: null })
    .where('teamId', '=', teamId)
    .where('projectId', '=', projectId)
    .where('userId', '=', memberId)
    .where('role', '=', 'member')
    .where(sql<boolean>`supervisor_id is distinct from ${supervisorId}`)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'named';
  const member = await findPerson(db, teamId, projectId, memberId);
  return member?.role === 'member' && member.supervisorId === supervisorId ? 'same' : 'not-member';
}

/**
 * Records the supervisor's answer once; only the named supervisor's answer counts. "Let's talk" may
 * later become "I agree", never the other way, and the same answer twice records (and tells) nothing.
 */
export async function answerSupervisor(db: Db, teamId: string, projectId: number, memberId: string, supervisorId: string, answer: 'agreed' | 'talk', now: Date): Promise<boolean> {
  const result = await db
    .updateTable('projectPerson')
    .set({ supervisorAnswer: answer, supervisorAnsweredAt: now })
    .where('teamId', '=', teamId)
    .where('projectId', '=', projectId)
    .where('userId', '=', memberId)
    .where('supervisorId', '=', supervisorId)
    .where((eb) => (answer === 'agreed' ? eb.or([eb('supervisorAnswer', 'is', null), eb('supervisorAnswer', '=', 'talk')]) : eb('supervisorAnswer', 'is', null)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertModule(db: Db, module: { teamId: string; projectId: number; title: string; link: string | null; dueOn: string; question: string | null; createdBy: string }): Promise<ProjectModule> {
  return db.insertInto('projectModule').values({ ...module, postClaimedAt: null, postedAt: null, messageTs: null }).returningAll().executeTakeFirstOrThrow();
}

export async function listModules(db: Db, teamId: string, projectId: number): Promise<ProjectModule[]> {
  return db.selectFrom('projectModule').selectAll().where('teamId', '=', teamId).where('projectId', '=', projectId).orderBy('dueOn').orderBy('id').execute();
}

/**
 * Claims modules due by `today` (each project's own date) of active projects: once across processes; a
 * claim older than `staleMs` (a stopped process) may be taken again, and is then looked for first.
 */
export async function claimDueModules(db: Db, teamId: string, now: Date, staleMs: number): Promise<(ProjectModule & { channelId: string; timeZone: string; stale: boolean })[]> {
  const rows = await sql<{ id: number; stale: boolean }>`
    update project_module m set post_claimed_at = ${now}
    from project p
    where m.team_id = ${teamId} and p.team_id = m.team_id and p.id = m.project_id and p.status = 'active'
      and m.posted_at is null
      and (m.post_claimed_at is null or m.post_claimed_at < ${new Date(now.getTime() - staleMs)})
      and m.due_on <= (${now}::timestamptz at time zone p.time_zone)::date
    returning m.id, (m.post_claimed_at is not null) as stale`.execute(db.withoutPlugins());
  if (rows.rows.length === 0) return [];
  const stale = new Map(rows.rows.map((row) => [row.id, row.stale]));
  const modules = await db
    .selectFrom('projectModule')
    .innerJoin('project', (join) => join.onRef('project.teamId', '=', 'projectModule.teamId').onRef('project.id', '=', 'projectModule.projectId'))
    .selectAll('projectModule')
    .select(['project.channelId', 'project.timeZone'])
    .where('projectModule.teamId', '=', teamId)
    .where('projectModule.id', 'in', [...stale.keys()])
    .execute();
  return modules.map((module) => ({ ...module, stale: stale.get(module.id) ?? false }));
}

export async function markModulePosted(db: Db, teamId: string, id: number, ts: string, now: Date): Promise<void> {
  await db.updateTable('projectModule').set({ postedAt: now, messageTs: ts }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

export async function findModule(db: Db, teamId: string, id: number): Promise<ProjectModule | undefined> {
  return db.selectFrom('projectModule').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function recordModuleDone(db: Db, teamId: string, moduleId: number, userId: string, now: Date): Promise<boolean> {
  const result = await db.insertInto('projectModuleDone').values({ teamId, moduleId, userId, doneAt: now }).onConflict((oc) => oc.columns(['teamId', 'moduleId', 'userId']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countModuleDone(db: Db, teamId: string, moduleId: number): Promise<number> {
  const row = await db.selectFrom('projectModuleDone').select((eb) => eb.fn.countAll<number>().as('n')).where('teamId', '=', teamId).where('moduleId', '=', moduleId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Learning sets posted since the project's schedule began that have no row yet: claimed here (one row
 * per prompt), so their buttons are posted once across processes.
 */
export async function claimNewLearningSets(db: Db, teamId: string): Promise<{ promptId: number; projectId: number; channelId: string; messageTs: string }[]> {
  const rows = await sql<{ prompt_id: number; project_id: number; channel_id: string; message_ts: string }>`
    with fresh as (
      select pr.id as prompt_id, p.id as project_id, pr.channel_id, pr.message_ts
      from project p join prompt pr on pr.team_id = p.team_id and pr.schedule_id = p.schedule_id
      where p.team_id = ${teamId} and p.status = 'active' and pr.status = 'posted' and pr.message_ts is not null
        and not exists (select 1 from project_set s where s.team_id = pr.team_id and s.prompt_id = pr.id)
    ), claimed as (
      insert into project_set (team_id, prompt_id, project_id) select ${teamId}, prompt_id, project_id from fresh
      on conflict do nothing returning prompt_id
    )
    select fresh.* from fresh join claimed using (prompt_id)`.execute(db.withoutPlugins());
  return rows.rows.map((row) => ({ promptId: row.prompt_id, projectId: row.project_id, channelId: row.channel_id, messageTs: row.message_ts }));
}

export async function markSetButtons(db: Db, teamId: string, promptId: number, ts: string): Promise<void> {
  await db.updateTable('projectSet').set({ buttonsTs: ts }).where('teamId', '=', teamId).where('promptId', '=', promptId).execute();
}

/** Stores a flag; with a `dedupeKey`, once: undefined when a flag with that key is there already. */
export async function insertFlag(
  db: Db,
  flag: { teamId: string; projectId: number; kind: 'stuck' | 'recognition'; userId: string | null; recipientId: string | null; feedbackId: number | null; note: string | null; dedupeKey?: string | null },
): Promise<{ id: number } | undefined> {
  return db
    .insertInto('projectFlag')
    .values({ ...flag, dedupeKey: flag.dedupeKey ?? null })
    .onConflict((oc) => oc.columns(['teamId', 'projectId', 'dedupeKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Projects whose sponsor check-in is due: claimed by moving the next one a month on, once across processes. */
export async function claimSponsorCheckIns(db: Db, teamId: string, now: Date, next: (project: Project) => Date): Promise<Project[]> {
  const due = await db.selectFrom('project').selectAll().where('teamId', '=', teamId).where('status', '=', 'active').where('nextSponsorCheckInAt', '<=', now).execute();
  const claimed: Project[] = [];
  for (const project of due) {
    const result = await db
      .updateTable('project')
      .set({ nextSponsorCheckInAt: next(project), lastSponsorCheckInAt: now })
      .where('teamId', '=', teamId)
      .where('id', '=', project.id)
      .where('nextSponsorCheckInAt', '=', project.nextSponsorCheckInAt)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) claimed.push(project);
  }
  return claimed;
}

/** Claims a milestone (the mid-point review, or the end proposal) once across processes. */
export async function claimMilestone(db: Db, teamId: string, id: number, column: 'midpointClaimedAt' | 'finalProposedAt', now: Date): Promise<boolean> {
  const result = await db.updateTable('project').set({ [column]: now }).where('teamId', '=', teamId).where('id', '=', id).where(column, 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setMidpointReview(db: Db, teamId: string, id: number, reviewId: number): Promise<void> {
  await db.updateTable('project').set({ midpointReviewId: reviewId }).where('teamId', '=', teamId).where('id', '=', id).execute();
}

/** What a project produced since `since`, as `viewer` may see it: the team's learnings in its channel. */
export async function listProjectLearnings(db: Db, project: Project, since: Date, viewer: Viewer, limit = 5): Promise<{ text: string; userId: string | null }[]> {
  const memberIds = (await listPeople(db, project.teamId, project.id)).filter((p) => p.role === 'member').map((p) => p.userId);
  if (memberIds.length === 0) return [];
  const rows = await sql<{ text: string; user_id: string | null }>`
    select l.text, ${authorFor(viewer, 'l.user_id', 'l.anonymous')} as user_id from learning l
    where l.team_id = ${project.teamId} and l.user_id = any(${memberIds}::text[]) and l.created_at >= ${since}
      and (l.channel_id = ${project.channelId} or l.shared_channel_id = ${project.channelId})
      and ${visibleTo(viewer, learningAudience('l'))}
    order by l.created_at desc limit ${limit}`.execute(db.withoutPlugins());
  return rows.rows.map((row) => ({ text: row.text, userId: row.user_id }));
}

/** A project's figures since `since`: learning-set replies and repliers, learnings, commitments, reviews, sessions, flags. */
export interface ProjectFigures {
  sets: number;
  setRepliers: number;
  members: number;
  learnings: number;
  commitmentsDone: number;
  commitmentsOpen: number;
  commitmentsOverdue: number;
  reviews: number;
  sessions: number;
  stuck: number;
  recognitions: number;
}

export async function countProjectFigures(db: Db, project: Project, since: Date, today: string): Promise<ProjectFigures> {
  const t = project.teamId;
  // The channel's readers: counted as private, since a public channel's items never carry its id as private.
  const channelReaders = channelViewer(project.channelId, true);
  const rows = await sql<Record<keyof ProjectFigures, string>>`
    select
      (select count(*) from project_set s join prompt pr on pr.team_id = s.team_id and pr.id = s.prompt_id where s.team_id = ${t} and s.project_id = ${project.id} and pr.posted_at >= ${since}) as sets,
      (select count(distinct r.user_id) from project_set s join tracked_thread th on th.team_id = s.team_id and th.kind = 'prompt' and th.subject_id = s.prompt_id
        join thread_reply r on r.team_id = th.team_id and r.thread_id = th.id
        where s.team_id = ${t} and s.project_id = ${project.id} and r.created_at >= ${since} and ${visibleTo(channelReaders, replyAudience('r'))}
          and r.user_id in (select user_id from project_person where team_id = ${t} and project_id = ${project.id} and role = 'member')) as set_repliers,
      (select count(*) from project_person where team_id = ${t} and project_id = ${project.id} and role = 'member') as members,
      (select count(*) from learning l where l.team_id = ${t} and l.created_at >= ${since} and ${visibleTo(channelReaders, learningAudience('l'))} and (l.channel_id = ${project.channelId} or l.shared_channel_id = ${project.channelId})) as learnings,
      (select count(*) from commitment c join review rv on rv.team_id = c.team_id and rv.id = c.review_id where c.team_id = ${t} and rv.channel_id = ${project.channelId} and c.status = 'done' and c.done_at >= ${since}) as commitments_done,
      (select count(*) from commitment c join review rv on rv.team_id = c.team_id and rv.id = c.review_id where c.team_id = ${t} and rv.channel_id = ${project.channelId} and c.status = 'open') as commitments_open,
      (select count(*) from commitment c join review rv on rv.team_id = c.team_id and rv.id = c.review_id where c.team_id = ${t} and rv.channel_id = ${project.channelId} and c.status = 'open' and c.due_date < ${today}) as commitments_overdue,
      (select count(*) from review rv where rv.team_id = ${t} and rv.channel_id = ${project.channelId} and rv.created_at >= ${since}) as reviews,
      (select count(*) from learning_session s where s.team_id = ${t} and s.channel_id = ${project.channelId} and s.status = 'held' and s.starts_at >= ${since}) as sessions,
      (select count(*) from project_flag f where f.team_id = ${t} and f.project_id = ${project.id} and f.kind = 'stuck' and f.created_at >= ${since}) as stuck,
      (select count(*) from project_flag f where f.team_id = ${t} and f.project_id = ${project.id} and f.kind = 'recognition' and f.created_at >= ${since}) as recognitions`.execute(db.withoutPlugins());
  const row = rows.rows[0]!;
  const n = (key: string) => Number((row as Record<string, string>)[key] ?? 0);
  return {
    sets: n('sets'),
    setRepliers: n('set_repliers'),
    members: n('members'),
    learnings: n('learnings'),
    commitmentsDone: n('commitments_done'),
    commitmentsOpen: n('commitments_open'),
    commitmentsOverdue: n('commitments_overdue'),
    reviews: n('reviews'),
    sessions: n('sessions'),
    stuck: n('stuck'),
    recognitions: n('recognitions'),
  };
}
