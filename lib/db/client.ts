import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { openDatabase } from "./connect";
import type { Database } from "./types";

// One instance per process: PGlite has no directory lock, and Next evaluates modules more than once.
const g = globalThis as unknown as { __sportelloDb?: Promise<Database>; __sportelloReadDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!g.__sportelloDb) {
    const env = getEnv();
    g.__sportelloDb = openDatabase(
      env.DATABASE_URL
        ? { url: env.DATABASE_URL, listenUrl: env.DATABASE_DIRECT_URL, poolMax: env.DATABASE_POOL_MAX, applicationName: "sportello", namedStatements: namedStatements(env) }
        : { dir: path.resolve(env.PGLITE_DIR) },
    ).catch((err) => {
      g.__sportelloDb = undefined; // let the next request try again
      throw err;
    });
  }
  return g.__sportelloDb;
}

/** Named statements unless DATABASE_URL is a transaction-mode pooler (a separate DATABASE_DIRECT_URL says so). */
function namedStatements(env: ReturnType<typeof getEnv>): boolean {
  if (env.DATABASE_PREPARED_STATEMENTS !== "auto") return env.DATABASE_PREPARED_STATEMENTS === "on";
  return !env.DATABASE_DIRECT_URL || env.DATABASE_DIRECT_URL === env.DATABASE_URL;
}

export async function getDb() {
  return (await getDatabase()).db;
}

/**
 * The database for read-only reporting (lib/reports): the replica at DATABASE_READ_URL, else the
 * primary. A replica is behind by its replication lag (milliseconds on a healthy link), so only
 * queries that can read a slightly older state belong here; never a read-then-write.
 */
export async function getReadDatabase(): Promise<Database> {
  const env = getEnv();
  if (!env.DATABASE_READ_URL || !env.DATABASE_URL) return getDatabase();
  // Reports run at most two queries at a time per request (lib/reports/report.ts): a small pool,
  // no LISTEN, no migrations.
  g.__sportelloReadDb ??= openDatabase({ url: env.DATABASE_READ_URL, poolMax: Math.min(4, env.DATABASE_POOL_MAX), applicationName: "sportello-reports" }).catch((err) => {
    g.__sportelloReadDb = undefined;
    throw err;
  });
  return g.__sportelloReadDb;
}
