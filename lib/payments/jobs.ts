import "server-only";
import { sql } from "drizzle-orm";
import { describeError } from "@/lib/errors/app-error";
import { queryRows } from "@/lib/db/rows";
import type { Db } from "@/lib/db/types";
import type { JobModule } from "@/lib/jobs/boss";
import { expirePaymentRequests } from "./expire";

/**
 * Pending requests expire on their own (SKIP LOCKED makes the timer safe from every process), and
 * the list's kept totals are folded every 10 s (any number of processes may fold at once).
 */
export const paymentJobs: JobModule = {
  name: "payments",
  queues: [],
  async start({ database }) {
    const tick = () => expirePaymentRequests(database.db).catch((err) => console.error("[jobs] expiring payment requests:", describeError(err)));
    const fold = () => compactPaymentTotals(database.db).catch((err) => console.error("[jobs] folding the payment totals:", describeError(err)));
    const timers = [setInterval(tick, 30_000), setInterval(fold, 10_000)];
    for (const t of timers) t.unref();
    void tick();
    void fold();
    return { stop: async () => timers.forEach(clearInterval) };
  },
};

/**
 * Folds payment_totals' deltas into one row per workspace, status and currency (the database
 * function of migration 0021; safe from every process at once). Returns how many rows it folded.
 */
export async function compactPaymentTotals(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select compact_payment_totals() as folded`);
  return Number(row?.folded ?? 0);
}
