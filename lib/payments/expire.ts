import "server-only";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { paymentRequests } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { insertPaymentEvent } from "./card";
import { applyTransition, tryTransition } from "./transitions";

/**
 * Expires pending requests past their expires_at, at most `limit` per call. Idempotent and safe
 * from every process: rows are claimed with SKIP LOCKED (a payment being settled holds its row,
 * so it is skipped and settles first), and each is re-judged by the state machine under its lock,
 * so a payment that landed is never overridden.
 */
export async function expirePaymentRequests(db: Db, now = new Date(), limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(paymentRequests)
      .where(and(eq(paymentRequests.status, "pending"), lte(paymentRequests.expiresAt, now)))
      .orderBy(asc(paymentRequests.expiresAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    let expired = 0;
    for (const row of due) {
      if (!tryTransition(row, { type: "expire", at: now }).ok) continue;
      const { row: done } = await applyTransition(tx, row, { type: "expire", at: now }, { now });
      await recordAudit(tx, {
        workspaceId: row.workspaceId,
        actorUserId: null,
        conversationId: row.conversationId,
        action: "payment.expired",
        data: { paymentRequestId: row.id, reference: row.reference, currency: row.currency, amountTotal: row.amountTotal, expiresAt: row.expiresAt.toISOString() },
      });
      await insertPaymentEvent(tx, done, { by: null, status: "expired", amount: row.amountTotal, at: now });
      expired++;
    }
    return expired;
  });
}

/** Pending requests still waiting (for tests and the ops view). */
export async function countPending(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(paymentRequests).where(eq(paymentRequests.status, "pending"));
  return r?.n ?? 0;
}
