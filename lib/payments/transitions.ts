import "server-only";
import { eq } from "drizzle-orm";
import { paymentRequests } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { syncPaymentCard } from "./card";
import type { PaymentRequestRow } from "./dto";
import { paymentErrors } from "./errors";
import { transition, type PaymentEvent, type PaymentSnapshot, type PaymentStatus, type TransitionResult } from "./state";

export function snapshotOf(row: PaymentRequestRow): PaymentSnapshot {
  return { status: row.status as PaymentStatus, amountTotal: row.amountTotal, amountCaptured: row.amountCaptured, amountRefunded: row.amountRefunded, expiresAt: row.expiresAt };
}

export function tryTransition(row: PaymentRequestRow, event: PaymentEvent): TransitionResult {
  return transition(snapshotOf(row), event);
}

/**
 * Applies one event to a row the caller holds locked, through the state machine (an illegal one
 * is a 409), writes the new state and moves the thread's card along. `extra` columns ride along.
 */
export async function applyTransition(
  tx: Db,
  row: PaymentRequestRow,
  event: PaymentEvent,
  { now = new Date(), extra = {} }: { now?: Date; extra?: Partial<typeof paymentRequests.$inferInsert> } = {},
): Promise<{ row: PaymentRequestRow; changed: boolean }> {
  const r = tryTransition(row, event);
  if (!r.ok) throw paymentErrors.illegal(r.reason, r.message, row.status);
  if (!r.changed && !Object.keys(extra).length) return { row, changed: false };
  const stamps: Partial<typeof paymentRequests.$inferInsert> = {};
  if (r.changed && r.next.status !== row.status) {
    if (r.next.status === "paid") stamps.paidAt = now;
    if (r.next.status === "cancelled") stamps.cancelledAt = now;
    if (r.next.status === "expired") stamps.expiredAt = now;
  }
  const [updated] = await tx
    .update(paymentRequests)
    .set({ status: r.next.status, amountCaptured: r.next.amountCaptured, amountRefunded: r.next.amountRefunded, updatedAt: now, ...stamps, ...extra })
    .where(eq(paymentRequests.id, row.id))
    .returning();
  await syncPaymentCard(tx, updated!);
  return { row: updated!, changed: r.changed };
}
