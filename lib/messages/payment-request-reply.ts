import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { bookings, contacts } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { isUniqueViolation } from "@/lib/db/errors";
import { describeError } from "@/lib/errors/app-error";
import { cardOf, linkPaymentMessage } from "@/lib/payments/card";
import { createPaymentRequest, findIdempotentRequest, requestHashOf, requireIdempotencyKey } from "@/lib/payments/create";
import { payUrlOf, toPaymentRequestDto, type PaymentRequestDto, type PaymentRequestRow } from "@/lib/payments/dto";
import { paymentErrors } from "@/lib/payments/errors";
import { formatMoney, type Currency } from "@/lib/payments/money";
import { findRequestRow } from "@/lib/payments/queries";
import { payWithSandboxCard, type SandboxPayResult } from "@/lib/payments/sandbox-pay";
import type { CreatePaymentRequestInput, SandboxCardInput } from "@/lib/payments/schemas";
import { receiveProviderWebhook, type WebhookResult } from "@/lib/payments/webhook";
import { windowState } from "@/lib/whatsapp/window";
import { buildPaymentRequestContent } from "./payment-request-content";
import { sendMessage } from "./reply";

// The payment request's messages: asking (create + send, one transaction) and confirming (after
// a settlement). lib/payments owns the request; this is where it meets the one send path.

export const PAYMENTS_SENDER_NAME = "Payments";

class WindowClosed extends Error {}

/**
 * POST /api/payment-requests: creates the request and sends its message in ONE transaction (the
 * conversation locked): either both exist or neither. The Idempotency-Key binds to the body: the
 * same key and body answer the stored request again (`created: false` → 200), another body is
 * a 409. A retry racing the first call is serialised by the conversation lock and the key's
 * unique index.
 */
export async function requestPayment(
  db: Db,
  actor: Actor,
  { input, idempotencyKey }: { input: CreatePaymentRequestInput; idempotencyKey: string | null },
): Promise<{ request: PaymentRequestDto; created: boolean }> {
  const key = requireIdempotencyKey(idempotencyKey);
  const requestHash = requestHashOf(input);
  const again = async () => {
    const row = await findIdempotentRequest(db, { workspaceId: actor.workspaceId, key, requestHash });
    return row ? { request: toPaymentRequestDto(row), created: false } : null;
  };
  const existing = await again();
  if (existing) return existing;

  let created: PaymentRequestRow | null = null;
  try {
    const sent = await sendMessage(db, {
      actor,
      conversationId: input.conversationId,
      clientMessageId: `payreq-${createHash("sha256").update(key).digest("hex").slice(0, 40)}`,
      prepare: async (tx, conv) => {
        const { row, token } = await createPaymentRequest(tx, { actor, conv, input, idempotencyKey: key, requestHash });
        created = row;
        const [contact] = await tx.select({ profileName: contacts.profileName, username: contacts.username }).from(contacts).where(eq(contacts.id, conv.contactId)).limit(1);
        const [booking] = row.bookingId ? await tx.select({ pnr: bookings.pnr }).from(bookings).where(and(eq(bookings.id, row.bookingId), eq(bookings.workspaceId, actor.workspaceId))).limit(1) : [];
        return buildPaymentRequestContent({
          card: cardOf(row),
          currency: row.currency as Currency,
          reference: row.reference,
          description: row.description,
          lineItems: row.lineItems,
          amountSubtotal: row.amountSubtotal,
          amountTax: row.amountTax,
          amountDiscount: row.amountDiscount,
          amountTotal: row.amountTotal,
          expiresAt: row.expiresAt,
          payUrl: payUrlOf(row),
          token,
          firstName: contact?.profileName?.trim().split(/\s+/)[0] || contact?.username || "there",
          subject: booking?.pnr ?? row.reference,
          windowOpen: windowState(conv.lastInboundAt).open,
        });
      },
    });
    const row = created as PaymentRequestRow | null;
    if (sent.duplicate || !row) return (await again()) ?? Promise.reject(paymentErrors.notFound());
    await linkPaymentMessage(db, { workspaceId: actor.workspaceId, paymentRequestId: row.id, messageId: sent.id });
    return { request: toPaymentRequestDto({ ...row, messageId: sent.id }), created: true };
  } catch (err) {
    // The same key racing in another conversation's transaction: answer like a retry.
    if (isUniqueViolation(err)) {
      const raced = await again();
      if (raced) return raced;
      if (input.reference) throw paymentErrors.referenceTaken(input.reference);
    }
    throw err;
  }
}

/**
 * After a payment settles: the customer's confirmation. Inside the 24-hour window a text; outside
 * it nothing is sent (free text would fail with 131047, and no confirmation template is approved):
 * the pay page itself told the customer it worked.
 */
export async function sendPaymentConfirmation(db: Db, { workspaceId, paymentRequestId }: { workspaceId: string; paymentRequestId: string }): Promise<{ sent: boolean }> {
  const row = await findRequestRow(db, { workspaceId, id: paymentRequestId });
  const result = await sendMessage(db, {
    actor: { automation: true, workspaceId, name: PAYMENTS_SENDER_NAME },
    conversationId: row.conversationId,
    clientMessageId: `paid-${row.id}`,
    prepare: (_tx, conv) => {
      if (!windowState(conv.lastInboundAt).open) throw new WindowClosed();
      const amount = formatMoney(row.amountCaptured, row.currency as Currency, "en");
      return { kind: "text", text: `Thank you! We received your payment of ${amount} for ${row.description} (ref. ${row.reference}).`, payload: null };
    },
  }).catch((err) => {
    if (err instanceof WindowClosed) return null;
    throw err;
  });
  return { sent: !!result && !result.duplicate };
}

async function confirmSettled(db: Db, webhook: WebhookResult): Promise<void> {
  for (const s of webhook.settled) {
    // The payment is recorded either way; a confirmation that cannot go out is only logged.
    await sendPaymentConfirmation(db, s).catch((err) => console.error(`[payments] confirmation for ${s.paymentRequestId} not sent:`, describeError(err)));
  }
}

/** POST /api/webhooks/payments/:provider: verify, store, apply; then confirm what settled. */
export async function receivePaymentWebhook(db: Db, args: { provider: string; rawBody: string; headers: Headers }): Promise<WebhookResult> {
  const result = await receiveProviderWebhook(db, args);
  await confirmSettled(db, result);
  return result;
}

/** POST /api/pay/:token/sandbox: the hosted page's card form, settled through the webhook path. */
export async function payWithSandbox(db: Db, args: { token: string; card: SandboxCardInput }): Promise<Omit<SandboxPayResult, "webhook">> {
  const { webhook, ...result } = await payWithSandboxCard(db, args);
  await confirmSettled(db, webhook);
  return result;
}
