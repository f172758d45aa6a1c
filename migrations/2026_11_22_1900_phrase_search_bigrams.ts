import { sql, type Kysely } from 'kysely';

// Frozen once shipped. A quoted phrase of common words ("pull request") made PostgreSQL read every row
// holding both words to check that they are adjacent, because a GIN index on a tsvector keeps no word
// positions. Each searchable row now also keeps its adjacent word pairs (as stemmed lexemes), indexed,
// so a phrase search reads only the rows that hold its pairs and checks the phrase exactly on those.
export async function up(db: Kysely<any>): Promise<void> {
  // Every pair of lexemes at neighbouring positions: a superset of what any `a <-> b` phrase can match.
  await sql`
    create function learnloop_bigrams(v tsvector) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct a.lexeme || ' ' || b.lexeme), '{}')
      from (select lexeme, unnest(positions) as pos from unnest(v)) a
      join (select lexeme, unnest(positions) as pos from unnest(v)) b on b.pos = a.pos + 1
    $$`.execute(db);
  for (const table of ['learning', 'thread_reply']) {
    await sql`alter table ${sql.table(table)} add column search_bigrams text[] generated always as (learnloop_bigrams(to_tsvector('english'::regconfig, text))) stored`.execute(db);
    await sql`create index ${sql.raw(`${table}_search_bigrams_index`)} on ${sql.table(table)} using gin (search_bigrams)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['learning', 'thread_reply']) {
    await sql`alter table ${sql.table(table)} drop column search_bigrams`.execute(db);
  }
  await sql`drop function learnloop_bigrams(tsvector)`.execute(db);
}
