import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";
import type { Database, Db, Listener } from "./types";
import { allowNamedStatements } from "./prepared";
import { createListener } from "./listener";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib/db/migrations");

export type PostgresOptions = {
  url: string;
  /**
   * A session connection to the server for LISTEN (default: `url`). LISTEN belongs to a session,
   * so behind a transaction-mode pooler it needs the primary directly (or a session-mode pool).
   */
  listenUrl?: string;
  /** The query pool's size in this process (default 10). */
  poolMax?: number;
  /** Names this process's connections in pg_stat_activity. */
  applicationName?: string;
  /**
   * Whether fixed-shape reads may be sent as named statements (default true; lib/db/prepared.ts).
   * Off behind a transaction-mode pooler that does not keep them per client.
   */
  namedStatements?: boolean;
};

export type ConnectOptions = PostgresOptions | { dir: string } | { memory: true };

/** Opens a database. Plain module: scripts, tests and the app share it. */
export async function openDatabase(opts: ConnectOptions): Promise<Database> {
  if ("url" in opts) return openPostgres(opts);
  return openPglite("dir" in opts ? opts.dir : undefined);
}

async function openPglite(dir: string | undefined): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const client = dir ? new PGlite(dir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    async listen(channel: string, onPayload: Listener) {
      const unsub = await client.listen(channel, onPayload);
      return async () => unsub();
    },
    async query<T>(text: string, values?: unknown[]) {
      const res = await client.query(text, values as unknown[] | undefined);
      return res.rows as T[];
    },
    async exec(text: string) {
      await client.exec(text);
    },
    async close() {
      await client.close();
    },
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
  };
}

// Through PgBouncer in transaction mode every query here works: node-postgres sends unnamed
// prepared statements (parse/bind/execute in one round trip; named ones only when
// `namedStatements`, which a pooler older than 1.21 cannot keep), transactions keep their server
// connection until COMMIT, advisory locks are transaction-scoped (pg_advisory_xact_lock) and no
// session state is SET. Only LISTEN needs a session: every channel shares one client on `listenUrl`.
async function openPostgres({ url, listenUrl = url, poolMax = 10, applicationName, namedStatements = true }: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, ...(applicationName ? { application_name: applicationName } : {}) });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.error("[db] idle client error", err.message));
  // A checked-out client whose connection dies (server crash, PgBouncer closing it) emits `error`
  // with no listener of the pool's: unhandled, that is an uncaughtException. Its query or
  // transaction already fails with the same error; the pool drops the client when released.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  if (namedStatements) allowNamedStatements(db);
  const listener = createListener({ url: listenUrl, applicationName });
  return {
    kind: "postgres",
    db,
    listen: (channel, onPayload, onReconnect, onLost) => listener.listen(channel, onPayload, onReconnect, onLost),
    async query<T>(text: string, values?: unknown[]) {
      const res = await pool.query(text, values);
      return res.rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
  };
}

