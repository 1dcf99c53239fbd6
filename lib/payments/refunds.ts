import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { paymentRefunds } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { insertPaymentEvent, publishPaymentChanged } from "./card";
import { requestHashOf } from "./create";
import { toPaymentRequestDto, toRefundDto, type PaymentRequestDto, type PaymentRequestRow, type RefundDto, type RefundRow } from "./dto";
import { paymentErrors } from "./errors";
import type { Currency } from "./money";
import { getProvider } from "./providers";
import { lockRequestRow } from "./queries";
import type { RefundInput } from "./schemas";
import { refundableAmount, type PaymentStatus } from "./state";
import { applyTransition, snapshotOf, tryTransition } from "./transitions";

// Refunds: a lead's or admin's goes straight to the provider; an agent's is a request that a lead
// or admin approves (then it goes to the provider) or declines. Amounts waiting for a decision
// count against what is refundable, so two approvals can never refund more than was captured.

export type RefundResult = { refund: RefundDto; request: PaymentRequestDto; created: boolean };

async function waitingAmount(tx: Db, paymentRequestId: string, except?: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<string>`coalesce(sum(${paymentRefunds.amount}), 0)::text` })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.paymentRequestId, paymentRequestId), eq(paymentRefunds.status, "requested"), except ? sql`${paymentRefunds.id} <> ${except}` : undefined));
  return Number(r?.n ?? 0);
}

/** Sends the refund to the provider and applies it: the request becomes partially_refunded or refunded. */
async function executeRefund(tx: Db, actor: Actor, row: PaymentRequestRow, refund: RefundRow, now: Date): Promise<{ row: PaymentRequestRow; refund: RefundRow }> {
  const check = tryTransition(row, { type: "refund", amount: refund.amount, at: now });
  if (!check.ok) throw paymentErrors.illegal(check.reason, check.message, row.status);
  const provider = getProvider(row.provider);
  if (!provider) throw paymentErrors.providerFailed(`The payment provider ${row.provider} is not configured.`);
  // The sandbox answers in-process; a real acquirer's refund would be confirmed by its webhook.
  const done = await provider.refund({ providerRef: row.providerRef, paymentRef: row.providerPaymentRef, amount: refund.amount, currency: row.currency as Currency, refundId: refund.id });
  const { row: updated } = await applyTransition(tx, row, { type: "refund", amount: refund.amount, at: now }, { now });
  const [saved] = await tx
    .update(paymentRefunds)
    .set({ status: done.status === "succeeded" ? "succeeded" : "approved", providerRef: done.providerRef, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
    .where(eq(paymentRefunds.id, refund.id))
    .returning();
  await recordAudit(tx, {
    workspaceId: row.workspaceId,
    actorUserId: actor.userId,
    conversationId: row.conversationId,
    action: "payment.refunded",
    data: { paymentRequestId: row.id, reference: row.reference, refundId: refund.id, currency: row.currency, amount: refund.amount, amountRefunded: updated.amountRefunded, requestedBy: refund.requestedBy },
  });
  await insertPaymentEvent(tx, updated, { by: actor.userId, byName: actor.name, status: updated.status, amount: refund.amount, at: now });
  return { row: updated, refund: saved! };
}

/** POST /api/payment-requests/:id/refund (Idempotency-Key like creation). No amount: all that is refundable. */
export async function refundPaymentRequest(
  db: Db,
  { actor, id, input, idempotencyKey, now = new Date() }: { actor: Actor; id: string; input: RefundInput; idempotencyKey: string; now?: Date },
): Promise<RefundResult> {
  const requestHash = requestHashOf(input);
  return db.transaction(async (tx) => {
    const row = await lockRequestRow(tx, { workspaceId: actor.workspaceId, id });
    const [previous] = await tx
      .select()
      .from(paymentRefunds)
      .where(and(eq(paymentRefunds.paymentRequestId, row.id), eq(paymentRefunds.idempotencyKey, idempotencyKey)))
      .limit(1);
    if (previous) {
      if (previous.requestHash !== requestHash) throw paymentErrors.idempotencyKeyReused();
      return { refund: toRefundDto(previous), request: toPaymentRequestDto(row), created: false };
    }
    const status = row.status as PaymentStatus;
    const refundable = refundableAmount(snapshotOf(row)) - (await waitingAmount(tx, row.id));
    const amount = input.amount ?? refundable;
    // The state machine says whether this request can be refunded at all (409 with its reason).
    const check = tryTransition(row, { type: "refund", amount: Math.max(amount, 1), at: now });
    if (!check.ok && check.reason !== "payment.refund_too_large") throw paymentErrors.illegal(check.reason, check.message, status);
    if (amount <= 0 || amount > refundable) throw paymentErrors.refundTooLarge(Math.max(refundable, 0));

    const direct = can(actor.role, "payment:approve_refund");
    const [refund] = await tx
      .insert(paymentRefunds)
      .values({ workspaceId: row.workspaceId, paymentRequestId: row.id, amount, reason: input.reason, status: "requested", requestedBy: actor.userId, idempotencyKey, requestHash, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: actor.userId,
      conversationId: row.conversationId,
      action: "refund.requested",
      data: { paymentRequestId: row.id, reference: row.reference, refundId: refund!.id, currency: row.currency, amount, reason: input.reason, direct },
    });
    if (!direct) {
      await insertPaymentEvent(tx, row, { by: actor.userId, byName: actor.name, status: "refund_requested", amount, at: now });
      await publishPaymentChanged(tx, row);
      return { refund: toRefundDto(refund!), request: toPaymentRequestDto(row), created: true };
    }
    const done = await executeRefund(tx, actor, row, refund!, now);
    return { refund: toRefundDto(done.refund), request: toPaymentRequestDto(done.row), created: true };
  });
}

async function lockWaitingRefund(tx: Db, actor: Actor, id: string, refundId: string) {
  const row = await lockRequestRow(tx, { workspaceId: actor.workspaceId, id });
  const [refund] = await tx
    .select()
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.workspaceId, actor.workspaceId), eq(paymentRefunds.paymentRequestId, row.id), eq(paymentRefunds.id, refundId)))
    .for("update")
    .limit(1);
  if (!refund) throw paymentErrors.refundNotFound();
  if (refund.status !== "requested") throw paymentErrors.refundNotWaiting(refund.status);
  return { row, refund };
}

/** A lead or admin approves an agent's refund: it goes to the provider now. */
export async function approveRefund(db: Db, { actor, id, refundId, now = new Date() }: { actor: Actor; id: string; refundId: string; now?: Date }): Promise<RefundResult> {
  return db.transaction(async (tx) => {
    const { row, refund } = await lockWaitingRefund(tx, actor, id, refundId);
    const refundable = refundableAmount(snapshotOf(row)) - (await waitingAmount(tx, row.id, refund.id));
    if (refund.amount > refundable) throw paymentErrors.refundTooLarge(Math.max(refundable, 0));
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: actor.userId,
      conversationId: row.conversationId,
      action: "refund.approved",
      data: { paymentRequestId: row.id, reference: row.reference, refundId, currency: row.currency, amount: refund.amount, requestedBy: refund.requestedBy },
    });
    const done = await executeRefund(tx, actor, row, refund, now);
    return { refund: toRefundDto(done.refund), request: toPaymentRequestDto(done.row), created: false };
  });
}

/** A lead or admin declines an agent's refund: nothing moves. */
export async function declineRefund(db: Db, { actor, id, refundId, now = new Date() }: { actor: Actor; id: string; refundId: string; now?: Date }): Promise<RefundResult> {
  return db.transaction(async (tx) => {
    const { row, refund } = await lockWaitingRefund(tx, actor, id, refundId);
    const [saved] = await tx
      .update(paymentRefunds)
      .set({ status: "declined", decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(eq(paymentRefunds.id, refund.id))
      .returning();
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: actor.userId,
      conversationId: row.conversationId,
      action: "refund.declined",
      data: { paymentRequestId: row.id, reference: row.reference, refundId, currency: row.currency, amount: refund.amount, requestedBy: refund.requestedBy },
    });
    await insertPaymentEvent(tx, row, { by: actor.userId, byName: actor.name, status: "refund_declined", amount: refund.amount, at: now });
    await publishPaymentChanged(tx, row);
    return { refund: toRefundDto(saved!), request: toPaymentRequestDto(row), created: false };
  });
}
