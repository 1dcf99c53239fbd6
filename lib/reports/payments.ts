import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { inRange, num, queryRows, type ReportScope } from "./scope";

/**
 * Payment requests per currency, in the currency's minor unit (cents): asked for (created in the
 * range: count, amount_total) and collected (paid in the range: count, amount_captured, and what
 * of it was refunded since). The team filter is the conversation's team; the agent filter is
 * who asked for the payment (created_by).
 */
export type PaymentsRow = { currency: string; requestedCount: number; requestedAmount: number; paidCount: number; collectedAmount: number; refundedAmount: number };

export async function getPayments(db: Db, scope: ReportScope): Promise<PaymentsRow[]> {
  const filter = sql.join(
    [
      sql`p.workspace_id = ${scope.workspaceId}::uuid`,
      ...(scope.teamId ? [sql`c.team_id = ${scope.teamId}::uuid`] : []),
      ...(scope.agentId ? [sql`p.created_by = ${scope.agentId}::uuid`] : []),
    ],
    sql` and `,
  );
  // Only the team filter needs the conversation: joined always, every conversation of the
  // workspace was read (100k at scale, 40 ms) to scope a few thousand payment requests. Each half
  // is its own range of an index (created_at; paid_at, migration 0023) over the few columns it
  // sums: one CTE of every request of the workspace, whole rows, was 5 of the figure's 7 ms.
  const teamJoin = scope.teamId ? sql`join conversations c on c.id = p.conversation_id and c.workspace_id = p.workspace_id` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with requested as (
        select p.currency, count(*)::int as n, sum(p.amount_total)::float8 as amount
          from payment_requests p ${teamJoin}
         where ${filter} and ${inRange(scope, sql`p.created_at`)}
         group by p.currency),
      paid as (
        select p.currency, count(*)::int as n, sum(p.amount_captured)::float8 as captured, sum(p.amount_refunded)::float8 as refunded
          from payment_requests p ${teamJoin}
         where ${filter} and ${inRange(scope, sql`p.paid_at`)}
         group by p.currency)
      select coalesce(r.currency, p.currency) as currency,
             coalesce(r.n, 0) as requested_count, coalesce(r.amount, 0) as requested_amount,
             coalesce(p.n, 0) as paid_count, coalesce(p.captured, 0) as collected_amount, coalesce(p.refunded, 0) as refunded_amount
        from requested r
        full join paid p on p.currency = r.currency
       order by 1`,
  );
  return rows.map((r) => ({
    currency: String(r.currency),
    requestedCount: num(r.requested_count),
    requestedAmount: num(r.requested_amount),
    paidCount: num(r.paid_count),
    collectedAmount: num(r.collected_amount),
    refundedAmount: num(r.refunded_amount),
  }));
}
