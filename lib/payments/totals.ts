import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/db/rows";
import type { Db } from "@/lib/db/types";

/**
 * Folds payment_totals' deltas into one row per workspace, status and currency (the database
 * function of migration 0021; safe from every process at once). Returns how many rows it folded.
 */
export async function compactPaymentTotals(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select compact_payment_totals() as folded`);
  return Number(row?.folded ?? 0);
}
