/**
 * `npm run bench:growth`: latency of the team growth map (`loadTeamMap`, `/learnloop growth team`) and of one
 * person's growth (`loadPersonGrowth`, `/learnloop growth` and `growth @mentee`) for a workspace with 2,000
 * people, 50 competencies and 1,000,000 evidence items over two years, against a real PostgreSQL
 * (DATABASE_URL, or the embedded one) in a schema of its own with the real migrations. Prints a summary
 * and rewrites the `## Growth` section of BENCHMARKS.md.
 *
 * Everything is local (127.0.0.1), bounded in count and time, and stops by itself: the benchmark schema is
 * dropped and an embedded server it started is stopped.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Client } from 'pg';
import type { Database } from '../src/platform/db/schema';
import { loadPersonGrowth, loadTeamMap, type CompetencyGrowth } from '../src/features/growth/flows/load-growth';
import { DEFAULT_LEVELS } from '../src/features/growth/rules';
import { personViewer, type Viewer } from '../src/platform/audience/rules';
import { bounded, explainQuery, fmt, ms, mulberry32, resultHeader, runBench, saveResult, stats, timeCalls, type CapturedQueries, type RunInfo, type Stats } from './support';

// The data set. TEAM is measured; OTHER holds a tenth as much under the same user ids, tags and
// competency names, and must never show up.
const TEAM = 'T0BENCH';
const OTHER = 'T0OTHER';
const OTHER_SHARE = 0.1;
// BENCH_GROWTH_SCALE=0.01 makes a quick smoke run of the script itself; figures are recorded at scale 1.
const SCALE = Math.min(1, Math.max(0.001, Number(process.env.BENCH_GROWTH_SCALE ?? 1) || 1));
const PEOPLE = 2_000;
const COMPETENCIES = 50;
const CHANNELS = 120;
const PRIVATE_CHANNELS = 8; // C000…C007 are private
const SKILL_TAGS = 120; // skill-0…skill-119 belong to competencies
const GAPS = 2; // the last two competencies, with skill-116…skill-119, have no evidence yet
const USED_SKILL_TAGS = SKILL_TAGS - 2 * GAPS;
const OTHER_TAGS = 40; // topic-0…topic-39 belong to none
// Evidence items of TEAM at scale 1: learnings make up the rest of 1,000,000.
const ITEMS = 1_000_000;
const SOURCES = { feedback: 25_000, reviews: 3_000, reflectionsPerReview: 5, commitments: 12_000, checkIns: 6_000, sessions: 2_000 };
const PAIRS = PEOPLE / 2; // every even-numbered person has an active mentor
const GOALS = { confirmed: 3_000, open: 300, claimed: 60, withdrawn: 60 };
const TIME_ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];
const HEAVY = 200; // U0000…U0199 are the heavy contributors; U1000…U1999 the light ones

// The measurement.
const NOW = new Date('2026-12-05T12:00:00Z');
const MIN_GROUP_SIZE = 3;
const WARM_UP = 10;
const RUNS = 200;
const CONCURRENCY = 4;
const POOL_SIZE = 10;
const TARGET_P95_MS = 200;

// Bounds: the whole run, and any one statement.
const RUN_LIMIT_MS = 30 * 60_000;
const STATEMENT_LIMIT_MS = 10 * 60_000;

const user = (u: number): string => `U${String(u).padStart(4, '0')}`;
const round = (n: number): number => Math.max(0, Math.round(n));

// ---------------------------------------------------------------------------------------------
// Loading

interface Counts {
  learnings: number;
  feedback: number;
  reviews: number;
  reflections: number;
  commitments: number;
  checkIns: number;
  sessions: number;
}

function countsFor(share: number): Counts {
  const s = SCALE * share;
  const reviews = round(SOURCES.reviews * s);
  const counts = {
    feedback: round(SOURCES.feedback * s),
    reviews,
    reflections: reviews * SOURCES.reflectionsPerReview,
    commitments: round(SOURCES.commitments * s),
    checkIns: round(SOURCES.checkIns * s),
    sessions: round(SOURCES.sessions * s),
  };
  const others = counts.feedback + counts.reflections + counts.commitments + counts.checkIns + counts.sessions;
  return { ...counts, learnings: round(ITEMS * s) - others };
}

// A person's share of the learnings: U0000 writes about 150 times as many as the lightest.
const ACTIVITY_SQL = `(20 + 3000 * power(1 - u::float8 / ${PEOPLE}, 6))`;
const ACTIVITY_SUM = Array.from({ length: PEOPLE }, (_, u) => 20 + 3000 * (1 - u / PEOPLE) ** 6).reduce((a, b) => a + b, 0);
// A random moment of the last two years (the lateral subqueries refer to the row so random() runs per row).
const AGO = (days = 730): string => `$now::timestamptz - random() * interval '${days} days'`;
const RANDOM_USER = `'U' || lpad(floor(power(random(), 2) * ${PEOPLE})::int::text, 4, '0')`;

async function run(client: Client, what: string, text: string, values: Record<string, unknown>): Promise<number> {
  // Named parameters ($team, $now…) become positional ones, only those used: PostgreSQL refuses untyped unused ones.
  const used = Object.keys(values).filter((name) => new RegExp(`\\$${name}\\b`).test(text));
  const out = used.reduce((sqlText, name, i) => sqlText.replace(new RegExp(`\\$${name}\\b`, 'g'), () => `$${i + 1}`), text);
  const started = performance.now();
  const result = await bounded(client.query(out, used.map((name) => values[name])), STATEMENT_LIMIT_MS, what);
  console.log(`    ${what}: ${fmt(result.rowCount ?? 0)} rows in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return result.rowCount ?? 0;
}

/** Both workspaces, in set-based statements; random() is seeded, so every run loads the same rows. */
async function load(client: Client): Promise<{ ms: number; rows: Record<string, number> }> {
  const started = performance.now();
  await client.query('select setseed(0.2026)');
  const teams = [
    { team: TEAM, label: '', counts: countsFor(1), goalShare: 1 },
    { team: OTHER, label: 'other team ', counts: countsFor(OTHER_SHARE), goalShare: OTHER_SHARE },
  ];
  const common = { now: NOW };

  for (const { team, label } of teams) {
    // 50 competencies with 2–3 tags each: two of their own, and every other one a third shared with another.
    // The last GAPS were added lately: nobody has used their tags or picked them yet.
    await run(client, `${team} competencies`, `
      insert into competency (team_id, name, description, tags, levels, created_by, created_at)
      select $team, 'Competency ' || c, $label || 'what competency ' || c || ' looks like',
        case when c >= ${COMPETENCIES - GAPS} then array['skill-' || (${USED_SKILL_TAGS} + 2 * (c - ${COMPETENCIES - GAPS})), 'skill-' || (${USED_SKILL_TAGS + 1} + 2 * (c - ${COMPETENCIES - GAPS}))]
             else array['skill-' || (2 * c), 'skill-' || (2 * c + 1)] || case when c % 2 = 0 then array['skill-' || (100 + c % 16)] else array[]::text[] end end,
        $levels::text[], 'U0000', $now::timestamptz - interval '800 days'
      from generate_series(0, ${COMPETENCIES - 1}) c order by c`, { team, label, levels: [...DEFAULT_LEVELS], now: NOW });
    await run(client, `${team} people`, `
      insert into person (team_id, user_id, time_zone, open_to_mentoring)
      select $team, 'U' || lpad(u::text, 4, '0'), ($zones::text[])[1 + u % ${TIME_ZONES.length}], u % 10 = 1
      from generate_series(0, ${PEOPLE} - 1) u`, { team, zones: TIME_ZONES, ...common });
    await run(client, `${team} channel privacy`, `
      insert into channel_privacy (team_id, channel_id, is_private, checked_at)
      select $team, 'C' || lpad(n::text, 3, '0'), n < ${PRIVATE_CHANNELS}, $now from generate_series(0, ${CHANNELS - 1}) n`, { team, now: NOW });
  }

  // Learnings of both workspaces in one statement, in time order (ids, created_at and the heap agree, and the
  // two workspaces' rows lie interleaved as they would). 70 % carry a competency's tag; 5 % "Only me"; a
  // channel for 80 %, C000–C007 being private; 3 % anonymous.
  await run(client, 'learnings (both workspaces)', `
    insert into learning (team_id, user_id, text, tags, visibility, anonymous, channel_id, private_channel_id, source_permalink, created_at)
    select t.team_id, 'U' || lpad(u::text, 4, '0'), t.label || 'learned about skill ' || x.skill || ' the hard way, note ' || k,
      case when x.r < 0.7 then array['skill-' || x.skill, 'topic-' || x.topic]
           when x.r < 0.85 then array['topic-' || x.topic]
           else array[]::text[] end,
      case when random() < 0.05 then 'private' else 'team' end, random() < 0.03,
      case when x.channel < ${CHANNELS} then 'C' || lpad(x.channel::text, 3, '0') end,
      case when x.channel < ${PRIVATE_CHANNELS} then 'C' || lpad(x.channel::text, 3, '0') end,
      case when x.channel < ${CHANNELS} then 'https://bench.slack.com/archives/C' || lpad(x.channel::text, 3, '0') || '/p' || k end,
      x.at
    from (values ($team::text, '', $main::int), ($other::text, 'other team ', $otherTotal::int)) t(team_id, label, total)
      cross join generate_series(0, ${PEOPLE} - 1) u
      cross join lateral generate_series(1, round(t.total * ${ACTIVITY_SQL} / ${ACTIVITY_SUM})::int) k
      cross join lateral (select random() as r, floor(power(random(), 1.3) * ${USED_SKILL_TAGS})::int as skill, floor(random() * ${OTHER_TAGS})::int as topic,
        case when random() < 0.8 then floor(random() * ${CHANNELS})::int else ${CHANNELS} end as channel, ${AGO()} as at where k = k) x
    order by x.at`,
    { team: TEAM, other: OTHER, main: teams[0]!.counts.learnings, otherTotal: teams[1]!.counts.learnings, ...common });

  for (const { team, label, counts, goalShare } of teams) {
    await run(client, `${team} feedback`, `
      insert into feedback (team_id, sender_id, recipient_id, text, status, created_at)
      select $team, 'U' || lpad(x.sender::text, 4, '0'), 'U' || lpad(((x.sender + 1 + x.shift) % ${PEOPLE})::text, 4, '0'),
        $label || 'the way you ran the retro helped, feedback ' || g, 'delivered', x.at
      from generate_series(1, $n) g
        cross join lateral (select floor(power(random(), 2) * ${PEOPLE})::int as sender, floor(random() * (${PEOPLE} - 1))::int as shift, ${AGO()} as at where g = g) x
      order by x.at`, { team, label, n: counts.feedback, ...common });
    await run(client, `${team} reviews`, `
      insert into review (team_id, channel_id, private_channel_id, title, started_by, trigger, status, closed_at, created_at)
      select $team, 'C' || lpad(x.channel::text, 3, '0'), case when x.channel < ${PRIVATE_CHANNELS} then 'C' || lpad(x.channel::text, 3, '0') end,
        $label || 'review ' || g, ${RANDOM_USER}, 'command', 'closed', x.at + interval '2 days', x.at
      from generate_series(1, $n) g cross join lateral (select floor(random() * ${CHANNELS})::int as channel, ${AGO()} as at where g = g) x
      order by x.at`, { team, label, n: counts.reviews, ...common });
    // Five reflections per review, by five different people; 5 % anonymous.
    await run(client, `${team} reflections`, `
      insert into reflection (team_id, review_id, user_id, expected, actual, next_time, anonymous, created_at)
      select rv.team_id, rv.id, 'U' || lpad(((rv.n * 37 + k * 131) % ${PEOPLE})::text, 4, '0'), 'a quiet release', 'a noisy one',
        $label || 'next time we check the flags first, ' || rv.id || '/' || k, random() < 0.05, rv.created_at + k * interval '1 hour'
      from (select *, row_number() over (order by id) as n from review where team_id = $team) rv cross join generate_series(0, ${SOURCES.reflectionsPerReview - 1}) k
      order by rv.id, k`, { team, label });
    await run(client, `${team} commitments`, `
      insert into commitment (team_id, review_id, owner_id, text, due_date, status, created_by, done_at, created_at)
      select $team, case when g % 10 = 0 then null else rv.id end, ${RANDOM_USER}, $label || 'try the checklist, commitment ' || g,
        (rv.created_at + interval '14 days')::date, case when g % 3 = 0 then 'open' else 'done' end, rv.started_by,
        case when g % 3 = 0 then null else rv.created_at + interval '10 days' end, rv.created_at + interval '1 hour'
      from generate_series(1, $n) g
        join (select *, row_number() over (order by id) - 1 as n from review where team_id = $team) rv on rv.n = g % $reviews
      order by rv.created_at, g`, { team, label, n: counts.commitments, reviews: Math.max(1, counts.reviews), ...common });
    await run(client, `${team} mentoring pairs`, `
      insert into mentoring_pair (team_id, mentor_id, mentee_id, status, requested_by, accepted_at, created_at)
      select $team, 'U' || lpad((2 * p + 1)::text, 4, '0'), 'U' || lpad((2 * p)::text, 4, '0'), 'active', 'U' || lpad((2 * p)::text, 4, '0'),
        $now::timestamptz - interval '700 days', $now::timestamptz - interval '701 days'
      from generate_series(0, $pairs - 1) p`, { team, now: NOW, pairs: team === TEAM ? PAIRS : round(PAIRS * OTHER_SHARE) });
    await run(client, `${team} check-ins`, `
      insert into check_in (team_id, pair_id, mentor_id, mentee_id, mentee_learned, mentor_learned, held_at)
      select p.team_id, p.id, p.mentor_id, p.mentee_id, $label || 'asked for help earlier, check-in ' || g, 'listened more', x.at
      from generate_series(1, $n) g
        cross join lateral (select floor(random() * $pairs)::int as pair, ${AGO()} as at where g = g) x
        join (select *, row_number() over (order by id) - 1 as n from mentoring_pair where team_id = $team) p on p.n = x.pair
      order by x.at`, { team, label, n: counts.checkIns, pairs: team === TEAM ? PAIRS : round(PAIRS * OTHER_SHARE), ...common });
    await run(client, `${team} sessions`, `
      insert into learning_session (team_id, channel_id, topic, organiser_id, leader_id, backup_leader_id, confirmed_leader_id, starts_at, length_minutes, time_zone, status, created_at)
      select $team, 'C' || lpad(x.channel::text, 3, '0'), $label || 'lunch and learn ' || g, 'U' || lpad(x.leader::text, 4, '0'),
        'U' || lpad(x.leader::text, 4, '0'), 'U' || lpad(((x.leader + 1) % ${PEOPLE})::text, 4, '0'),
        case when g % 4 = 0 then 'U' || lpad(((x.leader + 1) % ${PEOPLE})::text, 4, '0') end, x.at, 45, 'Europe/Berlin',
        case when g % 10 = 0 then 'cancelled' else 'held' end, x.at - interval '14 days'
      from generate_series(1, $n) g
        cross join lateral (select floor(random() * ${CHANNELS})::int as channel, floor(power(random(), 2) * ${PEOPLE})::int as leader, ${AGO()} as at where g = g) x
      order by x.at`, { team, label, n: counts.sessions, ...common });

    // Picks: the competency someone chose in the item's form. A learning in 25 (on top of its tags), most of the rest.
    const comp = `(select id, row_number() over (order by id) - 1 as n from competency where team_id = $team)`;
    const picks: [string, string, string, string, string][] = [
      ['learning', 'learning', 'user_id', 'created_at', 'i.id % 25 = 0'],
      ['feedback', 'feedback', 'sender_id', 'created_at', 'i.id % 5 < 3'],
      ['reflection', 'reflection', 'user_id', 'created_at', 'i.id % 5 < 3'],
      ['commitment', 'commitment', 'owner_id', 'created_at', 'i.id % 2 = 0'],
      ['check_in', 'check_in', 'mentor_id', 'held_at', 'i.id % 2 = 0'],
      ['session', 'learning_session', 'organiser_id', 'starts_at', `i.status = 'held' and i.id % 5 < 4`],
    ];
    for (const [kind, table, by, at, which] of picks) {
      await run(client, `${team} ${kind} picks`, `
        insert into competency_pick (team_id, item_kind, item_id, competency_id, picked_by, created_at)
        select i.team_id, '${kind}', i.id, c.id, i.${by}, i.${at}
        from ${table} i join ${comp} c on c.n = (i.id * 7 + i.id / 50) % ${COMPETENCIES - GAPS}
        where i.team_id = $team and ${which} order by i.id`, { team });
    }

    // Goals over people, competencies and levels (lower levels more often); confirmed ones over two years.
    const goal = (status: string, n: number, at: string, extra: string): [string, string, Record<string, unknown>] => [
      `${team} ${status} goals`,
      `insert into growth_goal (team_id, user_id, competency_id, target_level, due_date, time_zone, was_goal, status, confirmer_id, claimed_at, confirmed_by, confirmed_at, started_at, created_at)
       select $team, 'U' || lpad(x.u::text, 4, '0'), c.id, x.level, case when g % 3 = 0 then (x.at + interval '120 days')::date end,
         ($zones::text[])[1 + g % ${TIME_ZONES.length}], g % 7 <> 0, '${status}', ${extra}, x.at - x.took, x.at - x.took
       from generate_series(1, $n) g
         cross join lateral (select floor(power(random(), 1.5) * ${PEOPLE})::int as u, floor(random() * ${COMPETENCIES - GAPS})::int as comp,
           1 + floor(power(random(), 1.6) * 4)::int as level, ${at} as at, (20 + random() * 300) * interval '1 day' as took where g = g) x
         join ${comp} c on c.n = x.comp
       order by x.at`,
      { team, n: round(n * goalShare), zones: TIME_ZONES, ...common },
    ];
    const confirmer = `'U' || lpad(((x.u + 1) % ${PEOPLE})::text, 4, '0')`;
    for (const [what, text, values] of [
      goal('confirmed', GOALS.confirmed, AGO(), `${confirmer}, x.at - interval '2 days', ${confirmer}, x.at`),
      goal('open', GOALS.open, AGO(60), 'null, null, null, null'),
      goal('claimed', GOALS.claimed, AGO(30), `${confirmer}, $now::timestamptz - interval '1 day', null, null`),
      goal('withdrawn', GOALS.withdrawn, AGO(365), 'null, null, null, null'),
    ]) await run(client, what, text, values);
  }

  // Steady state: autovacuum would have merged the GIN pending lists and gathered statistics by now.
  await bounded(client.query('vacuum (analyze)'), STATEMENT_LIMIT_MS, 'vacuum analyze');
  const rows: Record<string, number> = {};
  for (const table of ['learning', 'feedback', 'review', 'reflection', 'commitment', 'check_in', 'learning_session', 'competency_pick', 'growth_goal']) {
    const counts = await client.query<{ team_id: string; n: number }>(`select team_id, count(*)::int as n from ${table} group by team_id order by team_id`);
    for (const row of counts.rows) rows[`${table} ${row.team_id}`] = row.n;
  }
  return { ms: performance.now() - started, rows };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** `RUNS` calls of `work`, `concurrency` at a time on the shared pool, after an untimed warm-up; each call timed alone. */
async function measure(what: string, concurrency: number, work: (i: number) => Promise<unknown>): Promise<{ all: number[]; figures: Stats }> {
  const { times, stats: result } = await timeCalls(RUNS, concurrency, work, { what, warmUp: WARM_UP, limitMs: 120_000 });
  console.log(`    ${what.padEnd(44)} p50 ${ms(result.p50).padStart(9)}  p95 ${ms(result.p95).padStart(9)}  max ${ms(result.max).padStart(9)}`);
  return { all: times, figures: result };
}

interface Subject {
  userId: string;
  heavy: boolean;
  self: Viewer;
  mentor: Viewer;
}

// A person reads with the private channels they are in: two of the eight.
const privateChannelsOf = (u: number): string[] => [...new Set([u % PRIVATE_CHANNELS, (u * 3 + 1) % PRIVATE_CHANNELS])].map((n) => `C${String(n).padStart(3, '0')}`);

/** RUNS people, alternately a heavy contributor and a light one, each with an active mentor. */
function subjects(): Subject[] {
  const random = mulberry32(20261205);
  return Array.from({ length: RUNS }, (_, i) => {
    const heavy = i % 2 === 0;
    const u = 2 * Math.floor(heavy ? random() * (HEAVY / 2) : PEOPLE / 4 + random() * (PEOPLE / 4)); // even: mentee of u + 1
    return { userId: user(u), heavy, self: personViewer(user(u), privateChannelsOf(u)), mentor: personViewer(user(u + 1), privateChannelsOf(u + 1)) };
  });
}

const TABLE_OF: Record<string, string> = { learning: 'learning', feedback: 'feedback', reflection: 'reflection', commitment: 'commitment', check_in: 'check_in', session: 'learning_session' };

/** Rows of the other workspace that either view returned (must be 0), and whether the views show anything. */
async function checkTenancy(db: Kysely<Database>, client: Client, people: Subject[]): Promise<{ leaks: number; evidence: number; mapRows: number }> {
  let leaks = 0;
  let evidence = 0;
  const map = await loadTeamMap(db, TEAM, NOW, MIN_GROUP_SIZE);
  const competencyIds = map.map((row) => row.competencyId);
  const foreign = async (table: string, ids: number[]): Promise<number> =>
    ids.length === 0 ? 0 : Number((await client.query<{ n: number }>(`select count(*)::int as n from ${table} where id = any($1::int[]) and team_id <> $2`, [ids, TEAM])).rows[0]?.n ?? 0);
  leaks += await foreign('competency', competencyIds);
  for (const person of people.slice(0, 40)) {
    for (const viewer of [person.self, person.mentor]) {
      const growth = await loadPersonGrowth(db, TEAM, person.userId, viewer, NOW);
      leaks += await foreign('competency', growth.map((g) => g.competency.id));
      leaks += await foreign('growth_goal', growth.flatMap((g) => g.openGoals.map((goal) => goal.id)));
      for (const [kind, table] of Object.entries(TABLE_OF)) {
        const items = growth.flatMap((g) => g.evidence.filter((e) => e.kind === kind));
        evidence += items.length;
        leaks += await foreign(table, items.map((e) => e.itemId));
        leaks += items.filter((e) => e.text?.startsWith('other team')).length;
      }
    }
  }
  return { leaks, evidence, mapRows: map.length };
}

/** A fingerprint of what the views return, to show a query change kept the results identical. */
async function fingerprint(db: Kysely<Database>, people: Subject[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(await loadTeamMap(db, TEAM, NOW, MIN_GROUP_SIZE)));
  const plain = (growth: CompetencyGrowth[]): unknown => growth.map((g) => ({ ...g, openGoals: g.openGoals.map((goal) => goal.id) }));
  for (const person of people.slice(0, 40)) {
    hash.update(JSON.stringify(plain(await loadPersonGrowth(db, TEAM, person.userId, person.self, NOW))));
    hash.update(JSON.stringify(plain(await loadPersonGrowth(db, TEAM, person.userId, person.mentor, NOW))));
  }
  return hash.digest('hex').slice(0, 16);
}

// The statements of the team map, named by what they read.
const STATEMENTS: [string, RegExp][] = [
  ['the competencies', /from "competency" where/],
  ['people per level', /max\(target_level\) as level/],
  ["this month's workspace-visible evidence", /public_evidence/],
  ['whether any evidence exists (gaps)', /recent_tag/],
  ['days to competency of every confirmation', /from growth_goal where/],
];

/** EXPLAIN (ANALYZE, BUFFERS) of each distinct statement the team map sends, trimmed to its nodes. */
async function explainTeamMap(db: Kysely<Database>, captured: CapturedQueries, client: Client): Promise<{ name: string; ms: number; plan: string }[]> {
  captured.queries = [];
  await loadTeamMap(db, TEAM, NOW, MIN_GROUP_SIZE);
  const queries = captured.queries;
  captured.queries = undefined;
  const seen = new Set<string>();
  const plans = [];
  for (const query of queries) {
    if (seen.has(query.sql)) continue;
    seen.add(query.sql);
    const name = STATEMENTS.find(([, pattern]) => pattern.test(query.sql))?.[0] ?? query.sql.replace(/\s+/g, ' ').slice(0, 60);
    const lines = await explainQuery(client, query);
    const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
    plans.push({ name, ms: executionMs, plan: trimPlan(lines) });
  }
  return plans.sort((a, b) => STATEMENTS.findIndex(([n]) => n === a.name) - STATEMENTS.findIndex(([n]) => n === b.name));
}

/**
 * Plan nodes with their actual rows and times, the top node's buffers, planning and execution time. An
 * Append of one branch per competency keeps its first branch and its last two (the gaps), and counts the rest.
 */
function trimPlan(all: string[]): string {
  const branches = all.map((line, i) => (/^  ->  /.test(line) ? i : -1)).filter((i) => i >= 0);
  let lines = all;
  if (/^Append/.test(all[0] ?? '') && branches.length > 4) {
    const end = all.findIndex((line, i) => i > branches[branches.length - 1]! && !/^   /.test(line));
    const cut = (from: number, to: number): string[] => all.slice(from, to);
    lines = [
      ...cut(0, branches[1]!),
      `  ->  … ${branches.length - 3} more branches like it …`,
      ...cut(branches[branches.length - 2]!, end < 0 ? all.length : end),
      ...(end < 0 ? [] : all.slice(end)),
    ];
  }
  const kept = lines.filter((line, i) => i === 0 || /->|One-Time Filter|Planning Time|Execution Time/.test(line) || (i === 1 && /Buffers/.test(line)) || /^\s+(Index Cond|Hash Cond|Join Filter|Rows Removed by Filter|Rows Removed by Join Filter)/.test(line));
  return kept
    .map((line) => line.replace(/\(cost=[\d.]+\.\.[\d.]+ rows=\d+ width=\d+\) /, ''))
    .map((line) => (line.length > 160 ? `${line.slice(0, 157)}...` : line))
    .slice(0, 60)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// BENCHMARKS.md

interface Row {
  label: string;
  concurrency: number;
  figures: Stats;
  baseline: Stats;
  target: boolean;
}

function growthSection(results: string[]): string {
  const main = countsFor(1);
  return `## Growth

\`npm run bench:growth\` builds, then runs \`bench/growth.ts\` against the embedded PostgreSQL, or against
\`DATABASE_URL\` when it is set. It works in a schema of its own (dropped afterwards), runs the real migrations,
and loads in set-based SQL (\`generate_series\`, \`random()\` seeded so every run loads the same rows): one
workspace with ${fmt(PEOPLE)} people, ${COMPETENCIES} competencies (2–3 tags each from a pool of ${SKILL_TAGS}, the default four
levels; ${GAPS} of them new, with no evidence yet: the map's gaps) and ${fmt(ITEMS)} evidence items over the last 24 months — ${fmt(main.learnings)} learnings (70 % carry a competency's
tag, some tags far more often than others, 5 % "Only me", 3 % anonymous, about 5 % in one of ${PRIVATE_CHANNELS} private channels; U0000 writes about 150 times as many
as the lightest), ${fmt(main.feedback)} feedbacks, ${fmt(main.reviews)} reviews with ${fmt(main.reflections)} reflections,
${fmt(main.commitments)} commitments, ${fmt(main.checkIns)} mentor check-ins in ${fmt(PAIRS)} active pairs and ${fmt(main.sessions)} sessions (9 in 10 held) —
with a picked competency on one learning in 25 and on most other items; ${fmt(GOALS.confirmed)} confirmed goals over people,
competencies and levels, ${GOALS.open} open, ${GOALS.claimed} claimed and ${GOALS.withdrawn} withdrawn. A second workspace holds a tenth as much under the
same user ids, tags and competency names; a check asserts none of it shows up. Then \`VACUUM (ANALYZE)\`.

Measured through Learnloop's own Kysely setup on one pool of ${POOL_SIZE} connections, at "now" = ${NOW.toISOString().slice(0, 10)}
(the month's fifth day): ${WARM_UP} untimed calls, then ${RUNS} timed calls one after another, then ${RUNS} more with ${CONCURRENCY}
running at once. "Team map" is \`loadTeamMap\` (\`/learnloop growth team\`: people per level, this month's
workspace-visible evidence, time to competency, gaps; five statements, run in parallel on the pool).
"Person" is \`loadPersonGrowth\` (\`/learnloop growth\`: every source's evidence of the last 90 days under the
audience rule, levels, goals, the 12-week counts) for a person who is alternately a heavy contributor (among the
${HEAVY} most active) and a light one (the less active half), read by themselves and by their mentor, each with
two private channels. The baseline is a \`select 1\` round trip on the same pool at the same concurrency; the
ratio is p95 ÷ the baseline's p95. Slack calls, the mentor check and the chart's PNG are not included.
Target: p95 under ${TARGET_P95_MS} ms for each view. Each run replaces the result for its kind of database below.

Four changes to \`src/features/growth/queries.ts\` brought this here, measured on this data on 2026-12-05; the results
fingerprint (the team map and 80 person views, at scale 0.1) was the same before and after the last three:
- The team map's picked items are joined one kind at a time with inner joins driven by the item's date (2b3a76e).
  With it, and before the three below, the first run at scale 1 gave the team map p95 151 ms one at a time and
  600 ms four at once (on data without gap competencies yet), and a person 142–162 ms and 217–251 ms.
- Gaps: the map looked, per competency, for one workspace-visible learning carrying its tags. For a tag nobody has
  used yet that means reading every learning of the workspace: 930 ms for the two gap competencies (EXPLAIN
  ANALYZE on Debian's PostgreSQL 15). The planner cannot tell an unused tag from a rare one, and sending every
  tag through the tags index instead costs more for the common ones. Now the tags of the newest 2,000
  workspace-visible learnings settle nearly every competency at once, and only the tags left over are looked
  up in the tags index, which holds nothing for an unused tag (4–7 ms).
- Time to competency: the process worked out both local dates of every confirmation with \`Intl\` (about 70 ms
  of CPU for 3,000 confirmations, which four maps at once queue behind on one Node thread). The statement now
  returns the days, by the same calendar arithmetic in the goal's zone (test/features/growth/queries.test.ts
  checks it against \`daysToCompetency\` across DST changes and zones).
- One person's growth copied every pick of the workspace into a materialised CTE and scanned the copy once
  per source: about 80 ms for a light contributor as for a heavy one. The CTE is no longer materialised, so
  each source looks up the picks of the person's own items by key (10 ms for a light contributor).

${results.join('\n')}`;
}

function resultMarkdown(
  info: RunInfo & { load: string },
  loaded: { ms: number; rows: Record<string, number> },
  rows: Row[],
  split: string,
  tenancy: { leaks: number; evidence: number; mapRows: number },
  print: string,
  plans: { name: string; ms: number; plan: string }[],
): string {
  const counts = Object.entries(loaded.rows).map(([key, n]) => `${key} ${fmt(n)}`).join(', ');
  return `${resultHeader(info)}
${SCALE < 1 ? `\n**Smoke run at scale ${SCALE}: not a measurement.**\n` : ''}
Loaded in ${fmt(loaded.ms / 1000, 1)} s (with \`VACUUM ANALYZE\`): ${counts}. ${info.load}

| view | at once | runs | p50 | p95 | max | baseline p50 / p95 | p95 ÷ baseline p95 | p95 under ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows
  .map((r) => `| ${r.label} | ${r.concurrency} | ${r.figures.runs} | ${ms(r.figures.p50)} | **${ms(r.figures.p95)}** | ${ms(r.figures.max)} | ${ms(r.baseline.p50)} / ${ms(r.baseline.p95)} | ${fmt(r.figures.p95 / Math.max(0.001, r.baseline.p95))}× | ${r.target ? (r.figures.p95 < TARGET_P95_MS ? 'met' : '**missed**') : '—'} |`)
  .join('\n')}

${split}

Other workspace's rows returned (must be 0): ${tenancy.leaks}, over the team map (${tenancy.mapRows} competencies) and 80 person views
(${fmt(tenancy.evidence)} evidence items). Results fingerprint ${print}.

The team map's statements, \`EXPLAIN (ANALYZE, BUFFERS)\` of the exact SQL it sends, trimmed to the plan nodes:

${plans.map((p) => `${p.name} (${ms(p.ms)}):

\`\`\`
${p.plan}
\`\`\``).join('\n\n')}
`;
}

// ---------------------------------------------------------------------------------------------

runBench({ name: 'growth', runLimitMs: RUN_LIMIT_MS, logLevel: 'error', poolSize: POOL_SIZE, migrateLimitMs: 120_000, exitWhenDone: true }, async ({ database, db, captured, client, info: run, log }) => {
  const info = { ...run, load: '' };
  console.log(`scale ${SCALE}`);

  console.log('loading…');
  const loaded = await load(client);
  console.log(`    loaded in ${fmt(loaded.ms / 1000, 1)} s`);
  const loadBefore = loadavg()[0] ?? 0;

  const people = subjects();
  const rows: Row[] = [];
  const byKind: Record<string, number[]> = {};
  for (const concurrency of [1, CONCURRENCY]) {
    console.log(`timing ${RUNS} calls of each, ${concurrency} at a time…`);
    const baseline = (await measure(`baseline select 1 (${concurrency})`, concurrency, () => sql`select 1`.execute(db))).figures;
    const map = await measure(`team map (${concurrency})`, concurrency, () => loadTeamMap(db, TEAM, NOW, MIN_GROUP_SIZE));
    const self = await measure(`person, as themselves (${concurrency})`, concurrency, (i) => loadPersonGrowth(db, TEAM, people[i]!.userId, people[i]!.self, NOW));
    const mentor = await measure(`person, as their mentor (${concurrency})`, concurrency, (i) => loadPersonGrowth(db, TEAM, people[i]!.userId, people[i]!.mentor, NOW));
    rows.push(
      { label: 'baseline `select 1`', concurrency, figures: baseline, baseline, target: false },
      { label: 'team map', concurrency, figures: map.figures, baseline, target: true },
      { label: 'person, as themselves', concurrency, figures: self.figures, baseline, target: true },
      { label: 'person, as their mentor', concurrency, figures: mentor.figures, baseline, target: true },
    );
    for (const [key, result] of [[`self ${concurrency}`, self], [`mentor ${concurrency}`, mentor]] as const) byKind[key] = result.all;
  }
  info.load = `Load average (1 min) on the machine ${fmt(loadBefore, 2)} before timing, ${fmt(loadavg()[0] ?? 0, 2)} after.`;

  // Heavy and light contributors apart, one after another.
  const part = (times: number[], heavy: boolean): Stats => stats(times.filter((_, i) => people[i]!.heavy === heavy));
  const evidenceCounts = async (heavy: boolean): Promise<string> => {
    const sample = people.filter((p) => p.heavy === heavy).slice(0, 20);
    let total = 0;
    for (const p of sample) total += (await loadPersonGrowth(db, TEAM, p.userId, p.self, NOW)).reduce((sum, g) => sum + g.evidence.length, 0);
    return fmt(total / sample.length);
  };
  const split = `One after another, heavy contributors (${await evidenceCounts(true)} evidence items in 90 days on average) vs light ones (${await evidenceCounts(false)}):
as themselves p95 ${ms(part(byKind['self 1']!, true).p95)} vs ${ms(part(byKind['self 1']!, false).p95)}; as their mentor p95 ${ms(part(byKind['mentor 1']!, true).p95)} vs ${ms(part(byKind['mentor 1']!, false).p95)}.`;
  console.log(split);

  const tenancy = await checkTenancy(db, client, people);
  console.log(`other workspace's rows returned: ${tenancy.leaks} (must be 0); ${tenancy.mapRows} competencies, ${fmt(tenancy.evidence)} evidence items checked`);
  const print = await fingerprint(db, people);
  console.log(`results fingerprint ${print}`);
  const plans = await explainTeamMap(db, captured, client);
  for (const p of plans) console.log(`plan of ${p.name} (${ms(p.ms)}):\n${p.plan}`);

  const missed = rows.filter((r) => r.target && r.figures.p95 >= TARGET_P95_MS);
  for (const r of missed) console.log(`target missed: ${r.label} at ${r.concurrency} at once, p95 ${ms(r.figures.p95)}`);
  saveResult({ database, log }, { heading: '## Growth', markdown: resultMarkdown(info, loaded, rows, split, tenancy, print, plans), sectionOf: growthSection, smokeScale: SCALE });
  if (tenancy.leaks > 0 || tenancy.mapRows !== COMPETENCIES) throw new Error(`the other workspace showed up (${tenancy.leaks} rows) or the map is incomplete (${tenancy.mapRows} competencies)`);
  if (missed.length > 0) process.exitCode = 1;
});
