import { sql } from "drizzle-orm";
import type { Db } from "./types";

/**
 * A read of many rows (a report, a search) in a transaction of its own, planned for a machine
 * shared by many such reads at once:
 * - no parallel workers: their start-up and hand-over cost more than they share when every core
 *   is already busy (bench:api at 1M/10M, 8 clients: a search's contact lookup drew one worker and
 *   the common-word search went from p95 97 to 225 ms; eight reports p50 450–470 → 553–599 ms);
 * - no JIT: the estimates of large scans call for it, and compiling took longer than running the
 *   query (0.5 s for a report's per-agent table at a million messages);
 * - `workMem` for sorts that would otherwise spill (a report's percentiles).
 * Settings are local to the transaction (set_config …, true): nothing leaks to the pooled session.
 */
export function readTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, opts: { workMem?: string } = {}): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)${opts.workMem ? sql`, set_config('work_mem', ${opts.workMem}, true)` : sql``}`,
    );
    return fn(tx);
  });
}
