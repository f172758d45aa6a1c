/**
 * `npm run bench:communities`: the weekly community digest's queries (`countCommunityWeek` and
 * `listCommunityFlow(…, 3)`, as `post-community-digests` runs them) for 200 communities over 500,000 tagged
 * items of the last 12 months, on a real PostgreSQL (DATABASE_URL, or the embedded one) in a schema of its
 * own with the real migrations. Loopback only, bounded, stops itself. Prints p50/p95/max sequentially and at
 * concurrency 4 against a `select 1` baseline on the same pool, and the plans of the flow query; rewrites
 * the `## Communities` section of BENCHMARKS.md.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Client } from 'pg';
import { countCommunityWeek, listCommunityFlow, type Community } from '../src/features/communities/queries';
import type { Database } from '../src/platform/db/schema';
import { bounded, countForeignRows, explainQuery, fmt, ms, mulberry32, percentile, resultHeader, runBench, saveResult, stats, timeCalls, type CapturedQueries, type RunInfo, type Stats } from './support';

// The data set. TEAM's digests are measured; OTHER_TEAM holds a tenth as much and must never show up.
const TEAM = 'T0BENCH';
const OTHER_TEAM = 'T0OTHER';
const OTHER_SHARE = 0.1;
// BENCH_COMMUNITIES_SCALE=0.01 makes a quick smoke run of the script itself; figures are recorded at scale 1.
const SCALE = Math.min(1, Math.max(0.001, Number(process.env.BENCH_COMMUNITIES_SCALE ?? 1) || 1));
const LEARNINGS = Math.round(400_000 * SCALE);
const REPLIES = Math.round(100_000 * SCALE);
const COMMUNITIES = 200;
const MEMBERS = 5_000;
const TAGS = 300;
const CHANNELS = 100;
const TEAM_CHANNELS = 40;
const THREADS = 2_000;
const DAYS = 365;
const LOAD_BATCH = 100_000;

// The measurement.
const RUNS = 200;
const CONCURRENCY = 4;
const POOL = 10;
const TARGET_P95_MS = 200;
const WEEK_MS = 7 * 86_400_000;
const RUN_LIMIT_MS = 25 * 60_000;
const STATEMENT_LIMIT_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * One team's communities, members, questions, learnings and tagged replies, set-based. Tags are `tag0` …
 * `tag299`, drawn with a skew (tag0 is on about a fifth of the learnings, tag250 on a few a week); rows are
 * inserted in time order with both teams interleaved (every 11th row is the other team's), so ids,
 * created_at and the heap agree as in real life. User and channel ids are the same in both teams on purpose.
 */
async function load(client: Client, now: Date, log: (line: string) => void): Promise<{ ms: number; rows: Record<string, number> }> {
  const started = performance.now();
  // The same data on every run: random() follows the seed within this session.
  await client.query('select setseed(0.20261205)');
  for (const [team, share] of [[TEAM, 1], [OTHER_TEAM, OTHER_SHARE]] as const) {
    const communities = Math.round(COMMUNITIES * share);
    const members = Math.round(MEMBERS * share);
    // 1–3 tags each, skewed toward the common ones (so some follow a popular tag, most a niche one).
    await client.query(
      `insert into community (team_id, name, purpose, tags, home_channel_id, created_by, next_digest_at, created_at)
       select $1, 'Community ' || c, 'People who care about the same things',
         array(select distinct 'tag' || floor(power(random(), 1.4) * ${TAGS})::int from generate_series(0, c % 3) where c = c),
         'CH' || lpad(c::text, 3, '0'), 'U00000', $2::timestamptz + interval '1 day', $2::timestamptz - interval '300 days'
       from generate_series(1, $3::int) c`,
      [team, now, communities],
    );
    const first = (await client.query<{ id: number }>('select min(id)::int as id from community where team_id = $1', [team])).rows[0]!.id;
    // Each person in 1–5 communities (popular communities get more), with the channel of the team they come from.
    await client.query(
      `insert into community_member (team_id, community_id, user_id, role, home_team_channel_id, pairing, joined_at)
       select $1, x.community_id, 'U' || lpad(p::text, 5, '0'), case when random() < 0.02 then 'lead' else 'member' end,
         'CT' || lpad((p % ${TEAM_CHANNELS})::text, 2, '0'), random() < 0.3, $2::timestamptz - random() * interval '300 days'
       from generate_series(0, $3::int - 1) p,
         lateral (select distinct $4::int + floor(power(random(), 1.3) * $5::int)::int as community_id from generate_series(0, p % 5) where p = p) x`,
      [team, now, members, first, communities],
    );
    // 0–29 questions per community over the year, 40 % marked as helped.
    await client.query(
      `insert into community_question (team_id, community_id, asker_id, anonymous, text, helped_at, created_at)
       select c.team_id, c.id, 'U' || lpad(floor(random() * $2::int)::text, 5, '0'), random() < 0.1, 'How do you go about this?',
         case when random() < 0.4 then q.at + interval '1 day' end, q.at
       from community c, generate_series(1, 29) n,
         lateral (select $3::timestamptz - random() * interval '${DAYS} days' as at where n <= c.id % 30) q
       where c.team_id = $1`,
      [team, members, now],
    );
    // Followed prompt threads, each in one of the channels (thread i in channel i % CHANNELS).
    await client.query(
      `insert into tracked_thread (team_id, channel_id, thread_ts, kind, subject_id)
       select $1, 'CC' || lpad((i % ${CHANNELS})::text, 3, '0'), (1600000000 + i)::text || '.000100', 'prompt', i
       from generate_series(0, ${THREADS - 1}) i order by i`,
      [team],
    );
  }
  const threadOf = async (team: string): Promise<number> => (await client.query<{ id: number }>('select min(id)::int as id from tracked_thread where team_id = $1', [team])).rows[0]!.id;
  const threads = [await threadOf(TEAM), await threadOf(OTHER_TEAM)];

  // Learnings: 1–3 tags, across the channels (some busier), a quarter shared to a channel, 10 % private,
  // 5 % from a private channel, 3 % anonymous, reactions skewed (most none, a few dozens).
  const totalLearnings = Math.round(LEARNINGS * (1 + OTHER_SHARE));
  for (let from = 0; from < totalLearnings; from += LOAD_BATCH) {
    const to = Math.min(totalLearnings, from + LOAD_BATCH) - 1;
    await bounded(
      client.query(
        `insert into learning (team_id, user_id, text, tags, visibility, source, channel_id, private_channel_id, shared_channel_id, anonymous, reaction_count, created_at)
         select case when g % 11 = 10 then $2 else $1 end, 'U' || lpad(floor(power(random(), 1.3) * ${MEMBERS})::int::text, 5, '0'),
           'We learned ' || (array['to ship smaller changes','to ask earlier','to write the test first','to pair on the hard parts','to check the logs','to say no to scope creep'])[1 + g % 6] || ' (' || g || ')',
           array(select distinct 'tag' || floor(power(random(), 2.5) * ${TAGS})::int from generate_series(0, g % 3) where g = g),
           case when x.r < 0.10 then 'private' else 'team' end, 'experience', x.channel,
           case when x.p < 0.05 then x.channel end, case when x.s < 0.25 then 'CS' || lpad((g % 10)::text, 2, '0') end,
           x.a < 0.03, floor(power(random(), 8) * 60)::int,
           $3::timestamptz - interval '${DAYS} days' + (g::float / $4::int) * interval '${DAYS} days'
         from generate_series($5::int, $6::int) g,
           lateral (select random() as r, random() as p, random() as s, random() as a,
             'CC' || lpad(floor(power(random(), 1.5) * ${CHANNELS})::int::text, 3, '0') as channel where g = g) x`,
        [TEAM, OTHER_TEAM, now, totalLearnings, from, to],
      ),
      STATEMENT_LIMIT_MS,
      'loading learnings',
    );
    log(`    ${fmt(to + 1)} / ${fmt(totalLearnings)} learnings`);
  }

  // Prompt replies naming one or two #tags (a tenth capitalised), 5 % private, 5 % from a private channel.
  const totalReplies = Math.round(REPLIES * (1 + OTHER_SHARE));
  for (let from = 0; from < totalReplies; from += LOAD_BATCH) {
    const to = Math.min(totalReplies, from + LOAD_BATCH) - 1;
    await bounded(
      client.query(
        `insert into thread_reply (team_id, thread_id, channel_id, user_id, text, ts, visibility, private_channel_id, created_at)
         select case when g % 11 = 10 then $2 else $1 end, case when g % 11 = 10 then $4::int else $3::int end + x.thread,
           'CC' || lpad((x.thread % ${CHANNELS})::text, 3, '0'), 'U' || lpad(floor(power(random(), 1.3) * ${MEMBERS})::int::text, 5, '0'),
           'What worked for us: ' || (array['smaller pull requests','a checklist','asking the customer','a dry run','feature flags'])[1 + g % 5]
             || ' #' || case when random() < 0.1 then 'Tag' else 'tag' end || floor(power(random(), 2.5) * ${TAGS})::int
             || case when random() < 0.3 then ', also #tag' || floor(power(random(), 2.5) * ${TAGS})::int || '.' else '' end,
           (1700000000 + g)::text || '.000200',
           case when x.r < 0.05 then 'private' else 'public' end,
           case when x.p < 0.05 then 'CC' || lpad((x.thread % ${CHANNELS})::text, 3, '0') end,
           $5::timestamptz - interval '${DAYS} days' + (g::float / $6::int) * interval '${DAYS} days'
         from generate_series($7::int, $8::int) g,
           lateral (select floor(random() * ${THREADS})::int as thread, random() as r, random() as p where g = g) x`,
        [TEAM, OTHER_TEAM, threads[0], threads[1], now, totalReplies, from, to],
      ),
      STATEMENT_LIMIT_MS,
      'loading replies',
    );
    log(`    ${fmt(to + 1)} / ${fmt(totalReplies)} replies`);
  }

  // Steady state: autovacuum would have merged the GIN pending lists and gathered statistics by now.
  await bounded(client.query('vacuum (analyze) community, community_member, community_question, tracked_thread, thread_reply, learning'), STATEMENT_LIMIT_MS, 'vacuum analyze');
  const rows: Record<string, number> = {};
  for (const table of ['community', 'community_member', 'community_question', 'learning', 'thread_reply']) {
    const counts = await client.query<{ team_id: string; n: number }>(`select team_id, count(*)::int as n from ${table} group by team_id order by team_id`);
    for (const row of counts.rows) rows[`${table} ${row.team_id}`] = row.n;
  }
  return { ms: performance.now() - started, rows };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** One community's digest queries, as the weekly job runs them. */
const digest = (db: Kysely<Database>, community: Community, since: Date) => Promise.all([countCommunityWeek(db, community, since), listCommunityFlow(db, community, since, 3)]);

interface Size {
  items: number;
  learnings: number;
  replies: number;
}

/** The week's flow of a community counted independently of the code under test (the public items that carry one of its tags). */
async function weekSizes(client: Client, since: Date): Promise<Map<number, Size>> {
  const rows = await client.query<{ id: number; learnings: number; replies: number }>(
    `select c.id,
       (select count(*)::int from learning l where l.team_id = c.team_id and l.tags && c.tags and l.created_at >= $2
          and l.visibility = 'team' and l.private_channel_id is null and not l.anonymous) as learnings,
       (select count(*)::int from thread_reply r where r.team_id = c.team_id and r.created_at >= $2 and r.visibility = 'public'
          and r.private_channel_id is null and exists (select 1 from regexp_matches(r.text, '#([[:alnum:]_-]+)', 'g') m where lower(m[1]) = any (c.tags))) as replies
     from community c where c.team_id = $1`,
    [TEAM, since],
  );
  return new Map(rows.rows.map((row) => [row.id, { learnings: row.learnings, replies: row.replies, items: row.learnings + row.replies }]));
}

type SizeClass = 'niche' | 'mid' | 'popular';
const sizeClass = (items: number): SizeClass => (items < 100 ? 'niche' : items < 1_000 ? 'mid' : 'popular');
const CLASS_TEXT: Record<SizeClass, string> = { niche: 'niche (< 100 items in the week)', mid: 'mid (100–999)', popular: 'popular (≥ 1,000)' };

/** EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL listCommunityFlow sends. */
async function explainFlow(db: Kysely<Database>, captured: CapturedQueries, client: Client, community: Community, since: Date, limit: number): Promise<string> {
  captured.queries = [];
  await listCommunityFlow(db, community, since, limit);
  const query = captured.queries.find((q) => q.sql.includes('union all'));
  captured.queries = undefined;
  if (!query) throw new Error('the flow query was not captured');
  return (await explainQuery(client, query))
    .filter((line) => !/^\s*(Output|Worker \d|Planning:$)/.test(line))
    .map((line) => line.replace(/'\{[^}]*\}'::text\[\]/g, 'tags').replace(/'\(\^\|\[\[:space:\]\]\)#[^']*'::text/g, 'pattern'))
    .map((line) => (line.length > 150 ? `${line.slice(0, 147)}...` : line))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// BENCHMARKS.md

function communitiesSection(results: string[]): string {
  return `## Communities

\`npm run bench:communities\` builds, then runs \`bench/communities.ts\` against the embedded PostgreSQL, or against
\`DATABASE_URL\` when it is set. It works in a schema of its own (dropped afterwards), runs the real migrations,
and loads in SQL (\`generate_series\`, batches of ${fmt(LOAD_BATCH)} rows, in time order, \`setseed\` so every run has
the same data): for team \`${TEAM}\`, ${COMMUNITIES} communities each following 1–3 of ${TAGS} tags, ${fmt(MEMBERS)} people in 1–5
communities each (with the channel of their home team), 0–29 questions per community, and ${fmt(LEARNINGS + REPLIES)} tagged
items over the last 12 months: ${fmt(LEARNINGS)} learnings (1–3 tags, skewed so the commonest tag is on about a fifth of them
and the rarest on a handful a year; across ${CHANNELS} channels; 10 % private, 5 % from a private channel, 3 % anonymous,
a quarter shared to a channel; reactions skewed, most none) and ${fmt(REPLIES)} prompt replies naming one or two \`#tags\`
(5 % private, 5 % from a private channel). A second team \`${OTHER_TEAM}\` has a tenth as much with the same user,
channel and tag names; none of its rows may appear (asserted on every community's digest). Then
\`VACUUM (ANALYZE)\`, one untimed pass over all ${COMMUNITIES} communities (which also gives a checksum of every
digest, to show a change to the queries keeps their results), and ${RUNS} timed digests of communities picked at
random with a fixed seed (the same picks every run; popular and niche tags come mixed), first one after another, then ${CONCURRENCY} at a time on a
pool of ${POOL}. One digest is what \`post-community-digests\` runs for a community: \`countCommunityWeek\` and
\`listCommunityFlow(…, 3)\` in parallel, \`since\` a week ago. A \`select 1\` round trip on the same pool, timed the
same way, is the baseline. The plans are \`EXPLAIN (ANALYZE, BUFFERS)\` of the exact flow SQL for the most popular
community (the count's call, limit 10,000) and for a niche one (limit 3).
Target: p95 under ${TARGET_P95_MS} ms. Each run replaces the result for its kind of database below.

${results.join('\n')}`;
}

interface Run {
  label: string;
  stats: Stats;
  wallMs: number;
  baseline: Stats;
}

function resultMarkdown(
  info: RunInfo,
  loaded: { ms: number; rows: Record<string, number> },
  runs: Run[],
  byClass: { cls: SizeClass; communities: number; runs: number; stats: Stats; items: number }[],
  leaks: number,
  checksum: string,
  plans: { title: string; text: string }[],
): string {
  const rows = Object.entries(loaded.rows).map(([key, n]) => `${key} ${fmt(n)}`).join(', ');
  const ratio = (run: Run): string => `${fmt(run.stats.p95 / Math.max(0.001, run.baseline.p95), 0)}×`;
  return `${resultHeader(info)}

Loaded in ${fmt(loaded.ms / 1000, 1)} s (with \`VACUUM ANALYZE\`): ${rows}.

| ${RUNS} digests | p50 | p95 | max | mean | \`select 1\` p50 / p95 | p95 ÷ baseline p95 | digests/s | p95 under ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${runs.map((run) => `| ${run.label} | ${ms(run.stats.p50)} | **${ms(run.stats.p95)}** | ${ms(run.stats.max)} | ${ms(run.stats.mean)} | ${ms(run.baseline.p50)} / ${ms(run.baseline.p95)} | ${ratio(run)} | ${fmt((RUNS * 1000) / run.wallMs, 0)} | ${run.stats.p95 < TARGET_P95_MS ? 'met' : '**missed**'} |`).join('\n')}

| communities by their week (sequential runs) | communities | runs | median items in the week | p50 | p95 | max |
| --- | --- | --- | --- | --- | --- | --- |
${byClass.map((c) => `| ${CLASS_TEXT[c.cls]} | ${c.communities} | ${c.runs} | ${fmt(c.items)} | ${ms(c.stats.p50)} | ${ms(c.stats.p95)} | ${ms(c.stats.max)} |`).join('\n')}

Rows of \`${OTHER_TEAM}\` in any digest of \`${TEAM}\` (must be 0): ${leaks}. Checksum of all ${COMMUNITIES} digests: \`${checksum}\`.

${plans.map((plan) => `${plan.title}:

\`\`\`
${plan.text}
\`\`\``).join('\n\n')}
`;
}

// ---------------------------------------------------------------------------------------------

runBench({ name: 'communities', runLimitMs: RUN_LIMIT_MS, logLevel: 'error', poolSize: POOL }, async ({ database, db, captured, client, info, log }) => {
  const now = new Date();
  const since = new Date(now.getTime() - WEEK_MS);
  log(`loading ${fmt(LEARNINGS)} learnings and ${fmt(REPLIES)} tagged replies (+${OTHER_SHARE * 100} % for a second team)…`);
  const loaded = await load(client, now, log);
  log(`    loaded in ${fmt(loaded.ms / 1000, 1)} s`);

  const communities = await db.selectFrom('community').selectAll().where('teamId', '=', TEAM).orderBy('id').execute();
  const sizes = await weekSizes(client, since);

  // The untimed pass: warms the cache as a running server's would be, checks that no other team's row
  // shows up and that the count agrees with an independent one, and sums every digest up in a checksum.
  const hash = createHash('sha256');
  let leaks = 0;
  let miscounts = 0;
  for (const community of communities) {
    const [week, top] = await bounded(digest(db, community, since), 60_000, `digest of community ${community.id}`);
    hash.update(JSON.stringify([community.id, week, top.map((item) => [item.kind, item.id, item.reactions])]));
    const flow = await listCommunityFlow(db, community, since, 10_000);
    const learningIds = flow.filter((item) => item.kind === 'learning').map((item) => item.id);
    const replyIds = flow.filter((item) => item.kind === 'reply').map((item) => item.id);
    leaks += await countForeignRows(client, TEAM, { learningIds, replyIds });
    if (week.items !== sizes.get(community.id)?.items) {
      miscounts += 1;
      if (miscounts <= 5) console.error(`community ${community.id}: countCommunityWeek says ${week.items} items, an independent count ${sizes.get(community.id)?.items}`);
    }
  }
  const checksum = hash.digest('hex').slice(0, 16);
  log(`    other team's rows in ${TEAM}'s digests: ${leaks}; counts that disagree with an independent count: ${miscounts}; checksum ${checksum}`);

  const random = mulberry32(20261205);
  const picks = Array.from({ length: RUNS }, () => communities[Math.floor(random() * communities.length)]!);
  const runs: Run[] = [];
  let sequentialTimes: number[] = [];
  for (const concurrency of [1, CONCURRENCY]) {
    const label = concurrency === 1 ? 'one after another' : `${concurrency} at a time, pool of ${POOL}`;
    log(`timing ${RUNS} digests, ${label}…`);
    const baseline = await timeCalls(RUNS, concurrency, () => sql`select 1`.execute(db), { what: 'select 1' });
    const measured = await timeCalls(RUNS, concurrency, (i) => digest(db, picks[i]!, since), { what: 'a digest' });
    if (concurrency === 1) sequentialTimes = measured.times;
    const run: Run = { label, stats: stats(measured.times), wallMs: measured.wallMs, baseline: stats(baseline.times) };
    runs.push(run);
    log(`    p50 ${ms(run.stats.p50)}, p95 ${ms(run.stats.p95)}, max ${ms(run.stats.max)}; select 1 p95 ${ms(run.baseline.p95)} (${fmt(run.stats.p95 / Math.max(0.001, run.baseline.p95))}×); target p95 < ${TARGET_P95_MS} ms: ${run.stats.p95 < TARGET_P95_MS ? 'met' : 'MISSED'}`);
  }

  const byClass = (['niche', 'mid', 'popular'] as const)
    .map((cls) => {
      const members = communities.filter((c) => sizeClass(sizes.get(c.id)?.items ?? 0) === cls);
      const times = picks.flatMap((c, i) => (sizeClass(sizes.get(c.id)?.items ?? 0) === cls ? [sequentialTimes[i]!] : []));
      const items = members.map((c) => sizes.get(c.id)?.items ?? 0).sort((a, b) => a - b);
      return { cls, communities: members.length, runs: times.length, stats: stats(times), items: percentile(items, 50) };
    })
    .filter((c) => c.communities > 0);
  for (const c of byClass) log(`    ${CLASS_TEXT[c.cls].padEnd(32)} ${String(c.communities).padStart(3)} communities, ${String(c.runs).padStart(3)} runs: p50 ${ms(c.stats.p50)}, p95 ${ms(c.stats.p95)}, max ${ms(c.stats.max)}`);

  const bySize = [...communities].sort((a, b) => (sizes.get(b.id)?.items ?? 0) - (sizes.get(a.id)?.items ?? 0));
  const popular = bySize[0]!;
  // The niche one: the quietest community that still has something in its week.
  const niche = [...bySize].reverse().find((c) => c !== popular && (sizes.get(c.id)?.items ?? 0) > 0) ?? bySize[bySize.length - 1]!;
  const count = (n: number, one: string, many: string): string => `${fmt(n)} ${n === 1 ? one : many}`;
  const describe = (c: Community): string => `community ${c.id} (${c.tags.map((t) => `#${t}`).join(' ')}; ${count(sizes.get(c.id)?.learnings ?? 0, 'learning', 'learnings')} and ${count(sizes.get(c.id)?.replies ?? 0, 'reply', 'replies')} in the week)`;
  const plans = [
    { title: `Flow query of the most popular ${describe(popular)}, as \`countCommunityWeek\` sends it (limit 10,000)`, text: await explainFlow(db, captured, client, popular, since, 10_000) },
    { title: `Flow query of a niche ${describe(niche)}, the top 3`, text: await explainFlow(db, captured, client, niche, since, 3) },
  ];
  for (const plan of plans) log(`${plan.title}:\n${plan.text}`);

  const markdown = resultMarkdown(info, loaded, runs, byClass, leaks, checksum, plans);
  saveResult({ database, log }, { heading: '## Communities', markdown, sectionOf: communitiesSection, smokeScale: SCALE });
  if (leaks > 0 || miscounts > 0) process.exitCode = 1;
});
