import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { getBooking } from "@/lib/bookings/queries";
import { conversations, paymentRequests } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { getAppUrl, getPaymentSecrets } from "@/lib/env";
import type { PaymentRequestRow } from "./dto";
import { paymentErrors } from "./errors";
import { computeTotals, MoneyError, percentToBps, type Currency } from "./money";
import { DEFAULT_PROVIDER, getProvider } from "./providers";
import { generatePayNonce, generateReference, hashPayToken, payTokenOf } from "./reference";
import { DEFAULT_EXPIRY_MS, idempotencyKeySchema, MAX_EXPIRY_DAYS, type CreatePaymentRequestInput } from "./schemas";

type ConversationRow = typeof conversations.$inferSelect;

/** The Idempotency-Key header, or a 400 naming it. */
export function requireIdempotencyKey(value: string | null): string {
  const parsed = idempotencyKeySchema.safeParse(value ?? "");
  if (!parsed.success) throw paymentErrors.idempotencyKeyMissing();
  return parsed.data;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

/** The hash an idempotency key is bound to: the parsed body, keys sorted (so key order never matters). */
export function requestHashOf(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonical(input))).digest("hex");
}

/**
 * The request an Idempotency-Key already created: the same body answers it again, another body is
 * a 409. Null when the key is new.
 */
export async function findIdempotentRequest(db: Db, { workspaceId, key, requestHash }: { workspaceId: string; key: string; requestHash: string }): Promise<PaymentRequestRow | null> {
  const [row] = await db
    .select()
    .from(paymentRequests)
    .where(and(eq(paymentRequests.workspaceId, workspaceId), eq(paymentRequests.idempotencyKey, key)))
    .limit(1);
  if (!row) return null;
  if (row.requestHash !== requestHash) throw paymentErrors.idempotencyKeyReused();
  return row;
}

/**
 * Stores a new payment request in the caller's transaction, which holds the conversation locked
 * (lib/messages/payment-request-reply.ts creates it and sends its message in one transaction).
 * Every amount is computed here from the line items; the returned token is the pay link's.
 */
export async function createPaymentRequest(
  tx: Db,
  { actor, conv, input, idempotencyKey, requestHash, now = new Date() }: { actor: Actor; conv: ConversationRow; input: CreatePaymentRequestInput; idempotencyKey: string; requestHash: string; now?: Date },
): Promise<{ row: PaymentRequestRow; token: string }> {
  const currency = input.currency as Currency;
  let totals;
  let taxRateBps;
  try {
    taxRateBps = input.taxRate === undefined ? 0 : percentToBps(input.taxRate);
    totals = computeTotals({ lineItems: input.lineItems, taxRateBps, discount: input.discountAmount ?? 0 });
  } catch (e) {
    if (e instanceof MoneyError) throw paymentErrors.money(e);
    throw e;
  }

  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + DEFAULT_EXPIRY_MS);
  if (expiresAt.getTime() <= now.getTime() + 60_000 || expiresAt.getTime() > now.getTime() + MAX_EXPIRY_DAYS * 86_400_000) throw paymentErrors.expiryOutOfRange(MAX_EXPIRY_DAYS);

  if (input.bookingId) {
    const booking = await getBooking(tx, { workspaceId: actor.workspaceId, bookingId: input.bookingId });
    if (booking.contactId !== conv.contactId) throw paymentErrors.bookingNotCustomers();
  }

  const reference = input.reference ?? generateReference();
  const [taken] = await tx
    .select({ id: paymentRequests.id })
    .from(paymentRequests)
    .where(and(eq(paymentRequests.workspaceId, actor.workspaceId), eq(paymentRequests.reference, reference)))
    .limit(1);
  if (taken) throw paymentErrors.referenceTaken(reference);

  const nonce = generatePayNonce();
  const token = payTokenOf(nonce, getPaymentSecrets().linkSecret);
  const id = crypto.randomUUID();
  const provider = getProvider(input.provider ?? DEFAULT_PROVIDER);
  if (!provider) throw paymentErrors.providerUnavailable(input.provider ?? DEFAULT_PROVIDER);
  const checkout = await provider.createCheckout({
    paymentRequestId: id,
    reference,
    currency,
    amountTotal: totals.total,
    description: input.description,
    expiresAt,
    returnUrl: `${getAppUrl()}/pay/${token}`,
  });

  const [row] = await tx
    .insert(paymentRequests)
    .values({
      id,
      workspaceId: actor.workspaceId,
      conversationId: conv.id,
      contactId: conv.contactId,
      bookingId: input.bookingId ?? null,
      createdBy: actor.userId,
      reference,
      currency,
      lineItems: totals.lineItems,
      taxRateBps,
      amountDiscount: totals.discount,
      amountSubtotal: totals.subtotal,
      amountTax: totals.tax,
      amountTotal: totals.total,
      description: input.description,
      status: "pending",
      expiresAt,
      payTokenNonce: nonce,
      payTokenHash: hashPayToken(token),
      provider: provider.name,
      providerRef: checkout.providerRef,
      checkoutUrl: checkout.hosted ? null : checkout.redirectUrl,
      idempotencyKey,
      requestHash,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    conversationId: conv.id,
    action: "payment.created",
    data: { paymentRequestId: id, reference, currency, amountSubtotal: totals.subtotal, amountDiscount: totals.discount, amountTax: totals.tax, amountTotal: totals.total, taxRateBps, expiresAt: expiresAt.toISOString(), bookingId: input.bookingId ?? null },
  });
  return { row: row!, token };
}
