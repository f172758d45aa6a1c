import { sql } from 'kysely';
import type { Db } from './connect';

// Not a workspace's rows: the migrations' own tables and OAuth states (kept before any workspace exists).
export const NOT_WORKSPACE_TABLES: ReadonlySet<string> = new Set(['kysely_migration', 'kysely_migration_lock', 'oauth_state']);

/**
 * Every table that holds workspace rows, children before the tables they reference, read from
 * PostgreSQL's catalog: a table added later is deleted from too, without this list being edited.
 */
export async function workspaceTablesInDeleteOrder(db: Db): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'team_id' order by table_name`.execute(db.withoutPlugins());
  const names = tables.rows.map((row) => row.table_name).filter((name) => !NOT_WORKSPACE_TABLES.has(name));
  const edges = await sql<{ child: string; parent: string }>`
    select t.relname as child, r.relname as parent from pg_constraint c
    join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and c.contype = 'f' and t.relname <> r.relname`.execute(db.withoutPlugins());
  const parentsOf = new Map(names.map((name) => [name, new Set<string>()]));
  for (const edge of edges.rows) parentsOf.get(edge.child)?.add(edge.parent);
  // Depth-first: a table is listed after every table that references it (its children come first).
  const childrenOf = new Map(names.map((name) => [name, [] as string[]]));
  for (const [child, parents] of parentsOf) for (const parent of parents) childrenOf.get(parent)?.push(child);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (table: string): void => {
    if (done.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const child of childrenOf.get(table) ?? []) visit(child);
    visiting.delete(table);
    done.add(table);
    ordered.push(table);
  };
  for (const name of names) visit(name);
  return ordered;
}

/** Deletes every row of one workspace, in one transaction; returns the rows deleted per table. */
export async function deleteWorkspaceData(db: Db, teamId: string): Promise<Record<string, number>> {
  const tables = await workspaceTablesInDeleteOrder(db);
  return db.transaction().execute(async (trx) => {
    const deleted: Record<string, number> = {};
    for (const table of tables) {
      const result = await sql`delete from ${sql.table(table)} where team_id = ${teamId}`.execute(trx.withoutPlugins());
      if (Number(result.numAffectedRows ?? 0) > 0) deleted[table] = Number(result.numAffectedRows);
    }
    return deleted;
  });
}
