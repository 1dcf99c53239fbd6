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
// session state is SET. Only LISTEN needs a session: it gets its own client on `listenUrl`.
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
  const listeners = new Set<pg.Client>();
  let closed = false;
  return {
    kind: "postgres",
    db,
    async listen(channel: string, onPayload: Listener, onReconnect?: () => void) {
      let client: pg.Client | undefined;
      let stopped = false;
      let reconnecting = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: listenUrl, ...(applicationName ? { application_name: `${applicationName}-listen` } : {}) });
        c.on("notification", (msg) => {
          if (msg.channel === channel && msg.payload) onPayload(msg.payload);
        });
        // A dead connection says so with `error` (killed backend, reset socket) or only `end`
        // (the server closed it): either way the LISTEN is gone.
        c.on("error", () => lost(c));
        c.on("end", () => lost(c));
        try {
          await c.connect();
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (err) {
          await c.end().catch(() => undefined);
          throw err;
        }
        if (stopped || closed) {
          await c.end().catch(() => undefined);
          return;
        }
        client = c;
        listeners.add(c);
      };
      // Events sent while we were away are gone: reconnect (retrying until the server is back,
      // e.g. through a crash recovery), then let subscribers resync.
      const lost = (c: pg.Client) => {
        listeners.delete(c);
        if (stopped || closed || client !== c || reconnecting) return;
        client = undefined;
        reconnecting = true;
        void (async () => {
          for (let attempt = 0; !stopped && !closed; attempt++) {
            await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)).unref());
            if (stopped || closed) break;
            try {
              await connect();
              reconnecting = false;
              if (!stopped) onReconnect?.();
              return;
            } catch (err) {
              if (attempt === 0 || attempt % 10 === 9) console.error(`[db] LISTEN ${channel}: reconnecting (${err instanceof Error ? err.message : err})`);
            }
          }
          reconnecting = false;
        })();
      };
      await connect();
      return async () => {
        stopped = true;
        if (client) {
          listeners.delete(client);
          await client.end().catch(() => undefined);
        }
      };
    },
    async query<T>(text: string, values?: unknown[]) {
      const res = await pool.query(text, values);
      return res.rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
  };
}

