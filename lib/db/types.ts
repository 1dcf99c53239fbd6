import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** A database or a transaction: every lib function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Listener = (payload: string) => void;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /**
   * Subscribe to a NOTIFY channel; resolves once listening, returns an unsubscribe. `onLost` is
   * told when the connection drops (events may be missed from then), `onReconnect` when it is back.
   */
  listen(channel: string, onPayload: Listener, onReconnect?: () => void, onLost?: () => void): Promise<() => Promise<void>>;
  /** Run raw SQL with positional params (pg-boss and benchmarks use it). */
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Run several statements without params. */
  exec(text: string): Promise<void>;
  /** Apply the committed migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
