import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { openDatabase } from "./connect";
import type { Database } from "./types";

// One instance per process: PGlite has no directory lock, and Next evaluates modules more than once.
const g = globalThis as unknown as { __sportelloDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!g.__sportelloDb) {
    const env = getEnv();
    g.__sportelloDb = openDatabase(
      env.DATABASE_URL ? { url: env.DATABASE_URL } : { dir: path.resolve(env.PGLITE_DIR) },
    ).catch((err) => {
      g.__sportelloDb = undefined; // let the next request try again
      throw err;
    });
  }
  return g.__sportelloDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
