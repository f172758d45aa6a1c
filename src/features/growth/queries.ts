import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/connect';
import type { CompetencyTable, EvidenceKind, GrowthGoalTable } from '../../platform/db/schema';
import { visibleTo, learningAudience, reviewItemAudience } from '../../platform/audience/queries';
import { WORKSPACE_VIEWER, type Viewer } from '../../platform/audience/rules';
import { DEFAULT_LEVELS, STARTER_MAP, TEACHING_LEVEL } from './rules';

export type Competency = Selectable<CompetencyTable>;
export type GrowthGoal = Selectable<GrowthGoalTable>;

export async function listCompetencies(db: Db, teamId: string): Promise<Competency[]> {
  return db.selectFrom('competency').selectAll().where('teamId', '=', teamId).where('retiredAt', 'is', null).orderBy(sql`lower(name)`).execute();
}

export async function findCompetency(db: Db, teamId: string, name: string): Promise<Competency | undefined> {
  return db.selectFrom('competency').selectAll().where('teamId', '=', teamId).where('retiredAt', 'is', null).where(sql<boolean>`lower(name) = lower(${name.trim()})`).executeTakeFirst();
}

export async function findCompetencyById(db: Db, teamId: string, id: number): Promise<Competency | undefined> {
  return db.selectFrom('competency').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Adds a competency; undefined when an active one already has the name. */
export async function insertCompetency(
  db: Db,
  input: { teamId: string; name: string; description: string | null; tags: string[]; levels?: readonly string[]; createdBy: string },
): Promise<Competency | undefined> {
  return db
    .insertInto('competency')
    .values({ teamId: input.teamId, name: input.name, description: input.description, tags: input.tags, levels: [...(input.levels ?? DEFAULT_LEVELS)], createdBy: input.createdBy, retiredAt: null })
    .onConflict((oc) => oc.expression(sql`team_id, lower(name)`).where('retiredAt', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Changes an active competency; false when it is gone or the new name is taken. */
export async function updateCompetency(db: Db, teamId: string, id: number, change: Partial<Pick<Competency, 'name' | 'description' | 'tags' | 'levels'>>): Promise<boolean> {
  try {
    const result = await db.updateTable('competency').set(change).where('teamId', '=', teamId).where('id', '=', id).where('retiredAt', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  }
}

/** Retires a competency: it leaves the map and the pickers; goals and evidence already recorded stay. */
export async function retireCompetency(db: Db, teamId: string, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('competency').set({ retiredAt: now }).where('teamId', '=', teamId).where('id', '=', id).where('retiredAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Adds the starter map's competencies the workspace does not have yet; returns how many. */
export async function insertStarterMap(db: Db, teamId: string, createdBy: string): Promise<number> {
  let added = 0;
  for (const starter of STARTER_MAP) if (await insertCompetency(db, { teamId, ...starter, createdBy })) added += 1;
  return added;
}

/** Records the competency someone picked for an item in its form (at most one per item and competency). */
export async function recordPick(db: Db, pick: { teamId: string; itemKind: EvidenceKind; itemId: number; competencyId: number; pickedBy: string }): Promise<void> {
  await db.insertInto('competencyPick').values(pick).onConflict((oc) => oc.columns(['teamId', 'itemKind', 'itemId', 'competencyId']).doNothing()).execute();
}

/** One piece of evidence as a viewer may see it: which competency, what, when, and where to open it. */
export interface Evidence {
  competencyId: number;
  kind: EvidenceKind;
  itemId: number;
  at: Date;
  text: string | null;
  link: string | null;
}

/**
 * A person's evidence since `since`, as `viewer` may see it (the audience rule on every source). An item
 * counts when it carries one of a competency's tags (learnings) or someone picked the competency for it.
 * Anonymous items count only in the person's own view: listed under their name, they would name them.
 */
export async function listPersonEvidence(db: Db, teamId: string, userId: string, viewer: Viewer, since: Date): Promise<Evidence[]> {
  const own = viewer.userId === userId;
  const notAnonymous = (column: string): RawBuilder<boolean> => (own ? sql<boolean>`true` : sql<boolean>`not ${sql.ref(column)}`);
  const pairSees = viewer.userId === null ? sql<boolean>`false` : sql<boolean>`${viewer.userId} in (f.sender_id, f.recipient_id)`;
  const checkInSees = viewer.userId === null ? sql<boolean>`false` : sql<boolean>`${viewer.userId} in (ci.mentor_id, ci.mentee_id)`;
  const result = await sql<{ competency_id: number; kind: EvidenceKind; item_id: number; at: Date; text: string | null; link: string | null }>`
    with comp as (select id, tags from competency where team_id = ${teamId} and retired_at is null),
    -- Not materialized: each source below then looks up the picks of the person's own items by key,
    -- instead of every branch reading a copy of the whole workspace's picks.
    picks as not materialized (select item_kind, item_id, competency_id from competency_pick where team_id = ${teamId})
    select distinct on (competency_id, kind, item_id) * from (
      select c.id as competency_id, 'learning' as kind, l.id as item_id, l.created_at as at, l.text, l.source_permalink as link
      from learning l join comp c on l.tags && c.tags
      where l.team_id = ${teamId} and l.user_id = ${userId} and l.created_at >= ${since} and ${visibleTo(viewer, learningAudience('l'))} and ${notAnonymous('l.anonymous')}
      union all
      select p.competency_id, 'learning', l.id, l.created_at, l.text, l.source_permalink
      from picks p join learning l on l.team_id = ${teamId} and l.id = p.item_id
      where p.item_kind = 'learning' and l.user_id = ${userId} and l.created_at >= ${since} and ${visibleTo(viewer, learningAudience('l'))} and ${notAnonymous('l.anonymous')}
      union all
      select p.competency_id, 'feedback', f.id, f.created_at, coalesce(f.text, f.behaviour), null
      from picks p join feedback f on f.team_id = ${teamId} and f.id = p.item_id
      where p.item_kind = 'feedback' and f.recipient_id = ${userId} and f.created_at >= ${since} and ${pairSees}
      union all
      select p.competency_id, 'reflection', r.id, r.created_at, r.next_time, null
      from picks p join reflection r on r.team_id = ${teamId} and r.id = p.item_id join review rv on rv.team_id = r.team_id and rv.id = r.review_id
      where p.item_kind = 'reflection' and r.user_id = ${userId} and r.created_at >= ${since} and ${visibleTo(viewer, reviewItemAudience('r.user_id', 'rv'))} and ${notAnonymous('r.anonymous')}
      union all
      select p.competency_id, 'commitment', cm.id, cm.created_at, cm.text, null
      from picks p join commitment cm on cm.team_id = ${teamId} and cm.id = p.item_id left join review rv on rv.team_id = cm.team_id and rv.id = cm.review_id
      where p.item_kind = 'commitment' and cm.owner_id = ${userId} and cm.created_at >= ${since}
        and (${own ? sql`true` : sql`false`} or (rv.id is not null and ${visibleTo(viewer, reviewItemAudience('cm.owner_id', 'rv'))}))
      union all
      select p.competency_id, 'check_in', ci.id, ci.held_at, case when ci.mentee_id = ${userId} then ci.mentee_learned else ci.mentor_learned end, null
      from picks p join check_in ci on ci.team_id = ${teamId} and ci.id = p.item_id
      where p.item_kind = 'check_in' and ${userId} in (ci.mentor_id, ci.mentee_id) and ci.held_at >= ${since} and ${checkInSees}
      union all
      select p.competency_id, 'session', s.id, s.starts_at, s.topic, null
      from picks p join learning_session s on s.team_id = ${teamId} and s.id = p.item_id
        left join channel_privacy cp on cp.team_id = s.team_id and cp.channel_id = s.channel_id
      where p.item_kind = 'session' and coalesce(s.confirmed_leader_id, s.leader_id) = ${userId} and s.status = 'held' and s.starts_at >= ${since}
        and (not coalesce(cp.is_private, false) or s.channel_id = any(${[...viewer.privateChannelIds]}::text[]) or ${own ? sql`true` : sql`false`})
    ) evidence
    order by competency_id, kind, item_id`.execute(db.withoutPlugins());
  return result.rows.map((row) => ({ competencyId: row.competency_id, kind: row.kind, itemId: row.item_id, at: new Date(row.at), text: row.text, link: row.link })).sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** When a person's first evidence for a competency was recorded (their own view: every item of theirs). */
export async function findFirstEvidenceAt(db: Db, teamId: string, userId: string, competencyId: number): Promise<Date | null> {
  const evidence = await listPersonEvidence(db, teamId, userId, { userId, privateChannelIds: [] }, new Date(0));
  const times = evidence.filter((item) => item.competencyId === competencyId).map((item) => item.at.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** Each competency's confirmed level for a person (the highest confirmed goal). */
export async function listConfirmedLevels(db: Db, teamId: string, userId: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('growthGoal')
    .select(['competencyId', (eb) => eb.fn.max('targetLevel').as('level')])
    .where('teamId', '=', teamId)
    .where('userId', '=', userId)
    .where('status', '=', 'confirmed')
    .groupBy('competencyId')
    .execute();
  return new Map(rows.map((row) => [row.competencyId, Number(row.level)]));
}

export async function insertGoal(
  db: Db,
  goal: { teamId: string; userId: string; competencyId: number; targetLevel: number; dueDate: string | null; timeZone: string; wasGoal: boolean; startedAt: Date | null; confirmerId: string | null },
): Promise<GrowthGoal> {
  return db.insertInto('growthGoal').values({ ...goal, status: goal.wasGoal ? 'open' : 'claimed', claimedAt: goal.wasGoal ? null : new Date() }).returningAll().executeTakeFirstOrThrow();
}

export async function findGoal(db: Db, teamId: string, id: number): Promise<GrowthGoal | undefined> {
  return db.selectFrom('growthGoal').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** A person's goals still open or waiting for confirmation, soonest due first. */
export async function listOpenGoals(db: Db, teamId: string, userId: string): Promise<GrowthGoal[]> {
  return db
    .selectFrom('growthGoal')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('userId', '=', userId)
    .where('status', 'in', ['open', 'claimed'])
    .orderBy(sql`due_date nulls last`)
    .orderBy('id')
    .execute();
}

export async function listConfirmedGoals(db: Db, teamId: string, userId: string): Promise<GrowthGoal[]> {
  return db.selectFrom('growthGoal').selectAll().where('teamId', '=', teamId).where('userId', '=', userId).where('status', '=', 'confirmed').orderBy('confirmedAt', 'desc').execute();
}

/** The owner says the goal is reached; it waits for a mentor or the person they chose. */
export async function claimGoal(db: Db, teamId: string, id: number, userId: string, confirmerId: string | null, now: Date): Promise<GrowthGoal | undefined> {
  return db
    .updateTable('growthGoal')
    .set({ status: 'claimed', claimedAt: now, confirmerId })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('status', 'in', ['open', 'claimed'])
    .returningAll()
    .executeTakeFirst();
}

/** Confirms a claimed goal once; the confirmation records who and when. */
export async function confirmGoal(db: Db, teamId: string, id: number, confirmedBy: string, now: Date): Promise<GrowthGoal | undefined> {
  return db
    .updateTable('growthGoal')
    .set({ status: 'confirmed', confirmedBy, confirmedAt: now })
    .where('teamId', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'claimed')
    .where('userId', '<>', confirmedBy)
    .returningAll()
    .executeTakeFirst();
}

export async function withdrawGoal(db: Db, teamId: string, id: number, userId: string): Promise<boolean> {
  const result = await db.updateTable('growthGoal').set({ status: 'withdrawn' }).where('teamId', '=', teamId).where('id', '=', id).where('userId', '=', userId).where('status', 'in', ['open', 'claimed']).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The person's active mentors (a goal's confirmation and their growth are theirs to see). */
export async function listMentorsOf(db: Db, teamId: string, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('mentoringPair').select('mentorId').where('teamId', '=', teamId).where('menteeId', '=', userId).where('status', '=', 'active').execute();
  return [...new Set(rows.map((row) => row.mentorId))];
}

export async function setOpenToMentoring(db: Db, teamId: string, userId: string, open: boolean): Promise<void> {
  await db
    .insertInto('person')
    .values({ teamId, userId, timeZone: null, mutedUntil: null, openToMentoring: open })
    .onConflict((oc) => oc.columns(['teamId', 'userId']).doUpdateSet({ openToMentoring: open }))
    .execute();
}

export async function isOpenToMentoring(db: Db, teamId: string, userId: string): Promise<boolean> {
  return (await db.selectFrom('person').select('openToMentoring').where('teamId', '=', teamId).where('userId', '=', userId).executeTakeFirst())?.openToMentoring ?? false;
}

/** Up to `limit` people at Fluent or Teaching others in the competency who are open to mentoring. */
export async function suggestMentors(db: Db, teamId: string, competencyId: number, excludeUserId: string, limit = 3): Promise<{ userId: string; level: number }[]> {
  const rows = await db
    .selectFrom('growthGoal as g')
    .innerJoin('person as p', (join) => join.onRef('p.teamId', '=', 'g.teamId').onRef('p.userId', '=', 'g.userId'))
    .select(['g.userId', (eb) => eb.fn.max('g.targetLevel').as('level')])
    .where('g.teamId', '=', teamId)
    .where('g.competencyId', '=', competencyId)
    .where('g.status', '=', 'confirmed')
    .where('g.targetLevel', '>=', TEACHING_LEVEL - 1)
    .where('g.userId', '<>', excludeUserId)
    .where('p.openToMentoring', '=', true)
    .groupBy('g.userId')
    // Not a ranking: the most experienced first, then by id, so the same people are not always left out at random.
    .orderBy(sql`max(g.target_level)`, 'desc')
    .orderBy('g.userId')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ userId: row.userId, level: Number(row.level) }));
}

/** Per competency, the workspace's figures before the minimum group size is applied. */
export interface CompetencyFigures {
  competencyId: number;
  /** People per confirmed level (index 0 = level 1). */
  peopleAtLevel: number[];
  /** Workspace-visible evidence since the month's start, and how many people it came from. */
  evidenceThisMonth: number;
  evidencePeopleThisMonth: number;
  /** Whether any workspace-visible evidence exists at all. */
  hasEvidence: boolean;
  /** Each confirmation's days from the goal's start to its confirmation, in the goal's zone (as `daysToCompetency`). */
  confirmationDays: number[];
}

/**
 * The team map's raw figures: only evidence whose audience is the whole workspace (a public channel or
 * none, shared with the team; never a private reply, a private channel, a feedback or a check-in), so a
 * figure shown in a channel or a digest never rests on what some of its readers may not see.
 */
export async function listCompetencyFigures(db: Db, teamId: string, monthStart: Date): Promise<CompetencyFigures[]> {
  const competencies = await listCompetencies(db, teamId);
  const figures = new Map<number, CompetencyFigures>(
    competencies.map((c) => [c.id, { competencyId: c.id, peopleAtLevel: [0, 0, 0, 0], evidenceThisMonth: 0, evidencePeopleThisMonth: 0, hasEvidence: false, confirmationDays: [] }]),
  );
  const [levels, evidence, ever, confirmations] = await Promise.all([
    sql<{ competency_id: number; level: number; people: string }>`
      select competency_id, level, count(*) as people from (
        select competency_id, user_id, max(target_level) as level from growth_goal
        where team_id = ${teamId} and status = 'confirmed' group by competency_id, user_id
      ) levels group by competency_id, level`.execute(db.withoutPlugins()),
    sql<{ competency_id: number; items: string; people: string }>`
      with comp_tag as (select id as competency_id, unnest(tags) as tag from competency where team_id = ${teamId} and retired_at is null),
      public_evidence as (
        select ct.competency_id, l.id as item_id, 'learning' as kind, l.user_id from learning l
        cross join lateral unnest(l.tags) as t(tag) join comp_tag ct on ct.tag = t.tag
        where l.team_id = ${teamId} and l.created_at >= ${monthStart} and ${visibleTo(WORKSPACE_VIEWER, learningAudience('l'))}
        union
        -- Picked items, one kind at a time (inner joins the planner can drive from the item's date).
        select p.competency_id, p.item_id, p.item_kind, l.user_id from competency_pick p
        join learning l on l.team_id = p.team_id and l.id = p.item_id
        where p.team_id = ${teamId} and p.item_kind = 'learning' and l.created_at >= ${monthStart} and ${visibleTo(WORKSPACE_VIEWER, learningAudience('l'))}
        union
        select p.competency_id, p.item_id, p.item_kind, r.user_id from competency_pick p
        join reflection r on r.team_id = p.team_id and r.id = p.item_id
        join review rv on rv.team_id = r.team_id and rv.id = r.review_id
        where p.team_id = ${teamId} and p.item_kind = 'reflection' and r.created_at >= ${monthStart} and ${visibleTo(WORKSPACE_VIEWER, reviewItemAudience('r.user_id', 'rv'))}
        union
        select p.competency_id, p.item_id, p.item_kind, cm.owner_id from competency_pick p
        join commitment cm on cm.team_id = p.team_id and cm.id = p.item_id
        join review rv on rv.team_id = cm.team_id and rv.id = cm.review_id
        where p.team_id = ${teamId} and p.item_kind = 'commitment' and cm.created_at >= ${monthStart} and ${visibleTo(WORKSPACE_VIEWER, reviewItemAudience('cm.owner_id', 'rv'))}
        union
        select p.competency_id, p.item_id, p.item_kind, coalesce(s.confirmed_leader_id, s.leader_id) from competency_pick p
        join learning_session s on s.team_id = p.team_id and s.id = p.item_id and s.status = 'held'
        where p.team_id = ${teamId} and p.item_kind = 'session' and s.starts_at >= ${monthStart}
          and not exists (select 1 from channel_privacy cp where cp.team_id = s.team_id and cp.channel_id = s.channel_id and cp.is_private)
      )
      select competency_id, count(*) as items, count(distinct user_id) as people from public_evidence group by competency_id`.execute(db.withoutPlugins()),
    // Whether a competency has any workspace-visible evidence at all (a gap when not). Searching the learnings
    // for one row with a tag reads every learning of the workspace when nobody uses the tag, so: the tags of
    // the newest learnings settle nearly every competency at once, and the few tags left over are looked up in
    // the tags index, which holds nothing for a tag nobody uses.
    sql<{ competency_id: number }>`
      with recent_tag as materialized (
        select distinct t.tag from (
          select tags from learning where team_id = ${teamId} and ${visibleTo(WORKSPACE_VIEWER, learningAudience('learning'))}
          order by created_at desc limit 2000
        ) r cross join lateral unnest(r.tags) as t(tag)
      ),
      other_tag as materialized (
        select unnest(tags) as tag from competency where team_id = ${teamId} and retired_at is null
        except select tag from recent_tag
      ),
      older_tag as materialized (
        select distinct t.tag from learning l cross join lateral unnest(l.tags) as t(tag)
        where l.team_id = ${teamId} and ${visibleTo(WORKSPACE_VIEWER, learningAudience('l'))}
          and l.tags && (select array_agg(tag) from other_tag) and t.tag in (select tag from other_tag)
      )
      select c.id as competency_id from competency c
      where c.team_id = ${teamId} and c.retired_at is null and (
        exists (select 1 from recent_tag rt where rt.tag = any(c.tags))
        or exists (select 1 from older_tag ot where ot.tag = any(c.tags))
        or exists (select 1 from competency_pick p where p.team_id = c.team_id and p.competency_id = c.id and p.item_kind in ('learning', 'reflection', 'commitment', 'session'))
      )`.execute(db.withoutPlugins()),
    // daysToCompetency in SQL: whole local calendar days in the goal's zone, never negative. Working it out
    // here spares the process a time-zone conversion per confirmation (thousands per map).
    sql<{ competency_id: number; days: number }>`
      select competency_id, greatest(0, (confirmed_at at time zone time_zone)::date - (coalesce(started_at, created_at) at time zone time_zone)::date) as days
      from growth_goal where team_id = ${teamId} and status = 'confirmed' and confirmed_at is not null`.execute(db.withoutPlugins()),
  ]);
  for (const row of levels.rows) {
    const entry = figures.get(row.competency_id);
    if (entry && row.level >= 1 && row.level <= 4) entry.peopleAtLevel[row.level - 1] = Number(row.people);
  }
  for (const row of evidence.rows) {
    const entry = figures.get(row.competency_id);
    if (entry) Object.assign(entry, { evidenceThisMonth: Number(row.items), evidencePeopleThisMonth: Number(row.people) });
  }
  for (const row of ever.rows) {
    const entry = figures.get(row.competency_id);
    if (entry) entry.hasEvidence = true;
  }
  for (const row of confirmations.rows) {
    const entry = figures.get(row.competency_id);
    if (entry) entry.confirmationDays.push(row.days);
  }
  return [...figures.values()];
}
