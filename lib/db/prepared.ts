import { createHash } from "node:crypto";
import { Column, getTableName, is, SQL, Subquery, sql } from "drizzle-orm";
import type { Db } from "./types";

// The inbox's hottest reads have a handful of fixed shapes. Built once per shape and sent as a named
// statement, each is parsed and planned once per connection: PostgreSQL then runs a generic plan
// (planning 0.02 ms instead of 0.5–1.5 ms a call, docs/inbox-at-scale.md) and the app skips
// drizzle's SQL building. A generic plan is only as good as what it knows when planning, so a
// shape's statuses and page size are literals in its text and only ids and times are parameters:
// with `status in ($2, $3)` or `limit $4` the planner cannot use the partial index of live
// conversations or trust the LIMIT, and keeps re-planning every call.
//
// Named statements live on one server connection. Behind a transaction-mode pooler that does not
// track them (PgBouncer before 1.21, or without max_prepared_statements) the next Bind may land on
// another connection, so the database is opened without them there (lib/env.ts,
// DATABASE_PREPARED_STATEMENTS): the shape's SQL is still built once and sent unnamed. Should a
// server still answer that a statement does not exist or already exists (a pooler nobody told us
// about), this database stops naming statements and the read is sent again, unnamed.

const withNames = new WeakSet<Db>();

/** Lets `preparedRead` name its statements on this database's connections. */
export function allowNamedStatements(db: Db) {
  withNames.add(db);
}

// Shapes beyond this are built per call and sent unnamed: a bound on statements per connection.
const MAX_SHAPES = 400;
const built = new WeakMap<Db, Map<string, unknown>>();
// undefined_prepared_statement, duplicate_prepared_statement: named statements are not ours to keep here.
const POOLER_CODES = new Set(["26000", "42P05"]);

type Buildable<Q> = { toSQL(): { sql: string }; prepare(name: string): Q };
type Executable = { execute(values?: Record<string, unknown>): Promise<unknown> };

/**
 * The prepared query for `shape` on `db`, built by `build` on first use. `shape` must name
 * everything `build` writes into the SQL text; every other value is a `sql.placeholder`. The
 * statement's name is a hash of its text, so every process names the same SQL the same way.
 */
export function preparedRead<Q extends Executable>(db: Db, shape: string, build: () => Buildable<Q>): Pick<Q, "execute"> {
  let byShape = built.get(db);
  if (!byShape) built.set(db, (byShape = new Map()));
  const hit = byShape.get(shape);
  if (hit) return hit as Pick<Q, "execute">;
  const make = () => {
    const builder = build();
    const query = withNames.has(db)
      ? builder.prepare(`sportello_${createHash("sha1").update(builder.toSQL().sql).digest("hex").slice(0, 20)}`)
      : builder.prepare(undefined as unknown as string);
    return withCompiledMapper(query);
  };
  let query = make();
  const read: Pick<Q, "execute"> = {
    execute: (async (values?: Record<string, unknown>) => {
      try {
        return await query.execute(values);
      } catch (err) {
        // drizzle wraps the driver's error (DrizzleQueryError); the SQLSTATE is on its cause.
        const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
        const code = e?.code ?? e?.cause?.code;
        if (typeof code !== "string" || !POOLER_CODES.has(code) || !withNames.has(db)) throw err;
        console.warn(`[db] named statements refused (${code}): sending the hot reads unnamed from now on; set DATABASE_PREPARED_STATEMENTS=off behind this pooler`);
        withNames.delete(db);
        built.delete(db);
        query = make();
        return query.execute(values);
      }
    }) as Q["execute"],
  };
  if (byShape.size < MAX_SHAPES) byShape.set(shape, read);
  return read;
}

type FieldPath = { path: string[]; field: unknown };
type MappedQuery = { fields?: FieldPath[]; joinsNotNullableMap?: Record<string, boolean>; customResultMapper?: (rows: unknown[][]) => unknown };

/**
 * Rows mapped as drizzle's mapResultRow maps them, with each column's decoder, path and join
 * resolved once per statement instead of once per cell: drizzle checks every cell's field class
 * (`is`) and walks its path with an iterator, which was the largest piece of the payments list's
 * CPU (50 rows of 40 columns; bench:api profile, 12-03). Same objects, same nulls: a left-joined
 * table whose first column is null comes back as null, as drizzle decides it.
 */
function withCompiledMapper<Q>(query: Q): Q {
  const q = query as MappedQuery;
  if (!q.fields || q.customResultMapper) return query;
  const joins = q.joinsNotNullableMap;
  const columns = q.fields.map(({ path, field }) => {
    const f = field as { decoder?: unknown; _?: { sql: { decoder: unknown } }; sql?: { decoder: unknown }; table?: unknown };
    const decoder = (is(field, Column) ? field : is(field, SQL) ? f.decoder : is(field, Subquery) ? f._!.sql.decoder : f.sql!.decoder) as { mapFromDriverValue(v: unknown): unknown };
    const nullable = joins && is(field, Column) && path.length === 2 ? { object: path[0]!, table: getTableName(f.table as Parameters<typeof getTableName>[0]) } : null;
    return { parents: path.slice(0, -1), key: path[path.length - 1]!, decoder, nullable };
  });
  q.customResultMapper = (rows) =>
    rows.map((row) => {
      const result: Record<string, unknown> = {};
      let nullify: Record<string, string | false> | null = null;
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        let node = result;
        for (const p of c.parents) {
          if (!(p in node)) node[p] = {};
          node = node[p] as Record<string, unknown>;
        }
        const raw = row[i];
        const value = (node[c.key] = raw === null ? null : c.decoder.mapFromDriverValue(raw));
        if (c.nullable) {
          nullify ??= {};
          const seen = nullify[c.nullable.object];
          if (seen === undefined) nullify[c.nullable.object] = value === null ? c.nullable.table : false;
          else if (typeof seen === "string" && seen !== c.nullable.table) nullify[c.nullable.object] = false;
        }
      }
      if (nullify) for (const [object, table] of Object.entries(nullify)) if (typeof table === "string" && !joins![table]) result[object] = null;
      return result;
    });
  return query;
}

/** Named `sql.placeholder`s for a prepared read's values: `ph.workspaceId` binds `execute({ workspaceId })`. */
export function placeholders<K extends string>(...names: K[]): Record<K, ReturnType<typeof sql.placeholder<K>>> {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as Record<K, ReturnType<typeof sql.placeholder<K>>>;
}

/** A value that goes into a statement's text: only ever one of a closed list of words. */
export function literalOf<T extends string>(value: T, allowed: readonly T[]): string {
  if (!allowed.includes(value) || !/^[a-z_]+$/.test(value)) throw new Error(`not a literal: ${value}`);
  return `'${value}'`;
}

/** A LIMIT written into the statement's text (drizzle would bind a plain number as `$n`). */
export function literalLimit(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`not a page size: ${n}`);
  return sql.raw(String(n)) as unknown as number;
}

/**
 * The page size a shape is built for: the asked size rounded up to one of a few, so any number of
 * sizes asked for makes a handful of statements. Callers fetch this many (+1) and keep what was asked.
 */
export function pageSizeFor(limit: number, sizes: readonly number[] = [10, 20, 40, 50, 100, 200]): number {
  return sizes.find((s) => s >= limit) ?? limit;
}
