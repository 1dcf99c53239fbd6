import type { Db } from "./types";

// The inbox's hottest reads have a handful of fixed shapes. Built once per shape and sent as a named
// statement, each is parsed and planned once per connection: PostgreSQL then runs a generic plan
// (planning 0.02 ms instead of 0.5–1.5 ms a call, docs/inbox-at-scale.md) and the app skips
// drizzle's SQL building. A generic plan is only as good as what it knows when planning, so a
// shape's statuses and page size are literals in its text and only ids are parameters: with
// `status in ($2, $3)` or `limit $4` the planner cannot use the partial index of live
// conversations or trust the LIMIT, and keeps re-planning every call.
//
// Named statements live on one server connection. Behind a transaction-mode pooler that does not
// track them (PgBouncer before 1.21, or without max_prepared_statements) the next Bind may land on
// another connection, so the database is opened without them there (lib/env.ts,
// DATABASE_PREPARED_STATEMENTS): the shape's SQL is still built once and sent unnamed.

const withNames = new WeakSet<Db>();

/** Lets `preparedRead` name its statements on this database's connections. */
export function allowNamedStatements(db: Db) {
  withNames.add(db);
}

// A statement name per shape, the same for every database in this process.
const names = new Map<string, string>();
// Shapes beyond this are run unnamed: a bound on statements kept per server connection.
const MAX_NAMED_SHAPES = 400;
const built = new WeakMap<Db, Map<string, unknown>>();

/**
 * The prepared query for `shape` on `db`, built by `build` on first use. `shape` must name
 * everything `build` writes into the SQL text; every other value is a `sql.placeholder`.
 */
export function preparedRead<Q>(db: Db, shape: string, build: (name: string | undefined) => Q): Q {
  let byShape = built.get(db);
  if (!byShape) built.set(db, (byShape = new Map()));
  const hit = byShape.get(shape);
  if (hit) return hit as Q;
  let name = names.get(shape);
  if (!name && names.size < MAX_NAMED_SHAPES) names.set(shape, (name = `sportello_${names.size + 1}`));
  const query = build(withNames.has(db) ? name : undefined);
  if (name) byShape.set(shape, query);
  return query;
}

/** A value that goes into a statement's text: only ever one of a closed list of words. */
export function literalOf<T extends string>(value: T, allowed: readonly T[]): string {
  if (!allowed.includes(value) || !/^[a-z_]+$/.test(value)) throw new Error(`not a literal: ${value}`);
  return `'${value}'`;
}
