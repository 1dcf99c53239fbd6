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

type Subscription = { channel: string; onPayload: Listener; onReconnect?: () => void; onLost?: () => void };

/**
 * One session connection per process for every LISTEN of it (realtime, the session cache, the
 * webhook worker's wake-ups): behind a transaction pooler each is a connection to the primary
 * itself, so they share one instead of holding one per channel (docs/scaling.md).
 */
/** A subscriber's callback: one that throws must not keep the others from hearing. */
function tell(fn: () => void) {
  try {
    fn();
  } catch (err) {
    console.error("[db] a LISTEN subscriber failed:", err instanceof Error ? err.message : err);
  }
}

function createListener({ url, applicationName }: { url: string; applicationName?: string }) {
  const subscriptions = new Set<Subscription>();
  let client: pg.Client | undefined;
  // Each channel's LISTEN on the current connection, done or under way.
  let listened = new Map<string, Promise<unknown>>();
  let connecting: Promise<void> | undefined;
  let reconnecting = false;
  let closed = false;

  const connect = async (): Promise<void> => {
    // keepAlive: a half-open socket (a dead peer, a dropped NAT entry) is noticed and reported lost.
    const c = new pg.Client({ connectionString: url, keepAlive: true, ...(applicationName ? { application_name: `${applicationName}-listen` } : {}) });
    c.on("notification", (msg) => {
      if (!msg.payload) return;
      for (const s of subscriptions) if (s.channel === msg.channel) tell(() => s.onPayload(msg.payload!));
    });
    // A dead connection says so with `error` (killed backend, reset socket) or only `end` (the
    // server closed it): either way every LISTEN on it is gone.
    c.on("error", () => lost(c));
    c.on("end", () => lost(c));
    // Every channel subscribed by the time it is installed, including those added while connecting.
    const channels = new Set<string>();
    try {
      await c.connect();
      for (;;) {
        const missing = [...new Set([...subscriptions].map((s) => s.channel))].filter((ch) => !channels.has(ch));
        if (missing.length === 0) break;
        for (const channel of missing) {
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          channels.add(channel);
        }
      }
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed || subscriptions.size === 0) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    listened = new Map([...channels].map((channel) => [channel, Promise.resolve()]));
  };

  // Events sent while we were away are gone: say so, reconnect (retrying until the server is back,
  // e.g. through a crash recovery), then let every subscriber resync.
  const lost = (c: pg.Client) => {
    if (closed || client !== c || reconnecting) return;
    client = undefined;
    listened = new Map();
    reconnecting = true;
    for (const s of subscriptions) if (s.onLost) tell(s.onLost);
    void (async () => {
      for (let attempt = 0; !closed && subscriptions.size > 0; attempt++) {
        await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)).unref());
        if (closed || subscriptions.size === 0) break;
        try {
          await connect();
          reconnecting = false;
          for (const s of subscriptions) if (s.onReconnect) tell(s.onReconnect);
          return;
        } catch (err) {
          if (attempt === 0 || attempt % 10 === 9) console.error(`[db] LISTEN: reconnecting (${err instanceof Error ? err.message : err})`);
        }
      }
      reconnecting = false;
    })();
  };

  /** LISTENs on the connection there is, opening it if there is none; resolves once listening. */
  const ensure = async (channel: string): Promise<void> => {
    for (;;) {
      if (client) {
        let done = listened.get(channel);
        if (!done) listened.set(channel, (done = client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)));
        await done;
        return;
      }
      // Not listening, and not about to say so: the caller retries, as when the server is down at start.
      if (reconnecting) throw new Error("the LISTEN connection is reconnecting");
      connecting ??= connect().finally(() => (connecting = undefined));
      await connecting;
      if (!client) return;
    }
  };

  return {
    async listen(channel: string, onPayload: Listener, onReconnect?: () => void, onLost?: () => void): Promise<() => Promise<void>> {
      const subscription: Subscription = { channel, onPayload, onReconnect, onLost };
      subscriptions.add(subscription);
      try {
        await ensure(channel);
      } catch (err) {
        subscriptions.delete(subscription);
        throw err;
      }
      return async () => {
        if (!subscriptions.delete(subscription)) return;
        const c = client;
        if (!c) return;
        if (subscriptions.size === 0) {
          client = undefined;
          listened = new Map();
          await c.end().catch(() => undefined);
        } else if (![...subscriptions].some((s) => s.channel === channel)) {
          listened.delete(channel);
          await c.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
