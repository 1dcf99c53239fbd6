import type { SQL } from "drizzle-orm";
import type { Db } from "./types";

/** Rows of a raw query, whichever driver (PGlite answers `{ rows }`, so does node-postgres; be lenient). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
