import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { contacts, paymentEvents, paymentRefunds, paymentRequests } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { insertPaymentEvent } from "./card";
import type { PaymentRequestRow } from "./dto";
import { paymentErrors } from "./errors";
import { getProvider } from "./providers";
import type { ProviderEvent } from "./providers/types";
import { applyTransition, tryTransition } from "./transitions";

// Provider webhooks are at-least-once. Each event is stored by (provider, event id) first: a
// replay finds the row and changes nothing. An event for a request we do not know is stored and
// ignored. The request is locked before the state machine decides, so two payments at once (two
// tabs) capture once, and a payment racing the expiry job is decided by the machine's rule.

export type EventOutcome = { eventId: string; outcome: "applied" | "replay" | `ignored:${string}` };
export type WebhookResult = { events: EventOutcome[]; settled: { workspaceId: string; paymentRequestId: string }[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Verifies (bad signature → 400, nothing stored), stores and applies a provider's webhook body. */
export async function receiveProviderWebhook(
  db: Db,
  { provider: providerName, rawBody, headers, now = new Date() }: { provider: string; rawBody: string; headers: Headers; now?: Date },
): Promise<WebhookResult> {
  const provider = getProvider(providerName);
  if (!provider) throw paymentErrors.notFound();
  const events = provider.parseWebhook(rawBody, headers, now);
  const result: WebhookResult = { events: [], settled: [] };
  for (const e of events) {
    const r = await db.transaction((tx) => applyProviderEvent(tx, providerName, e, now));
    result.events.push({ eventId: e.eventId, outcome: r.outcome });
    if (r.settled) result.settled.push(r.settled);
  }
  return result;
}

async function findTarget(tx: Db, provider: string, e: ProviderEvent): Promise<PaymentRequestRow | null> {
  const byId = e.paymentRequestId && UUID.test(e.paymentRequestId) ? eq(paymentRequests.id, e.paymentRequestId) : null;
  const byRef = e.providerRef ? eq(paymentRequests.providerRef, e.providerRef) : null;
  const byPayment = e.paymentRef ? eq(paymentRequests.providerPaymentRef, e.paymentRef) : null;
  const match = byId ?? byRef ?? byPayment;
  if (!match) return null;
  const [row] = await tx
    .select()
    .from(paymentRequests)
    .where(and(match, eq(paymentRequests.provider, provider)))
    .for("update")
    .limit(1);
  return row ?? null;
}

async function applyProviderEvent(
  tx: Db,
  provider: string,
  e: ProviderEvent,
  now: Date,
): Promise<{ outcome: EventOutcome["outcome"]; settled?: { workspaceId: string; paymentRequestId: string } }> {
  const [stored] = await tx
    .insert(paymentEvents)
    .values({ provider, eventId: e.eventId, type: e.type, payload: e.payload, receivedAt: now })
    .onConflictDoNothing({ target: [paymentEvents.provider, paymentEvents.eventId] })
    .returning({ id: paymentEvents.id });
  if (!stored) return { outcome: "replay" };

  const done = async (outcome: EventOutcome["outcome"], row: PaymentRequestRow | null) => {
    await tx
      .update(paymentEvents)
      .set({ processed: true, outcome, processedAt: now, paymentRequestId: row?.id ?? null })
      .where(eq(paymentEvents.id, stored.id));
    return outcome;
  };

  if (e.type === "other") return { outcome: await done("ignored:unhandled_type", null) };
  const row = await findTarget(tx, provider, e);
  if (!row) return { outcome: await done("ignored:unknown_request", null) };
  if (e.currency && e.currency !== row.currency) return { outcome: await done("ignored:currency_mismatch", row) };
  const audit = (action: string, data: Record<string, unknown>) =>
    recordAudit(tx, { workspaceId: row.workspaceId, actorUserId: null, conversationId: row.conversationId, action, data: { paymentRequestId: row.id, reference: row.reference, provider, eventId: e.eventId, currency: row.currency, ...data } });

  switch (e.type) {
    case "payment.captured": {
      const event = { type: "capture" as const, amount: e.amount ?? -1, at: e.occurredAt };
      const check = tryTransition(row, event);
      if (!check.ok) return { outcome: await done(`ignored:${check.reason}`, row) };
      const { row: paid } = await applyTransition(tx, row, event, { now, extra: { lastFailure: null, ...(e.paymentRef ? { providerPaymentRef: e.paymentRef } : {}) } });
      await audit("payment.paid", { amountCaptured: paid.amountCaptured, occurredAt: e.occurredAt.toISOString() });
      const [customer] = await tx.select({ name: contacts.profileName, username: contacts.username }).from(contacts).where(eq(contacts.id, row.contactId)).limit(1);
      await insertPaymentEvent(tx, paid, { by: null, byName: customer?.name ?? customer?.username ?? undefined, status: "paid", amount: paid.amountCaptured, at: now });
      return { outcome: await done("applied", row), settled: { workspaceId: row.workspaceId, paymentRequestId: row.id } };
    }
    case "payment.declined":
    case "payment.failed": {
      if (row.status !== "pending") return { outcome: await done("ignored:payment.not_pending", row) };
      const failure = { code: e.failure?.code ?? (e.type === "payment.declined" ? "card_declined" : "processing_error"), message: e.failure?.message ?? "The payment did not go through.", at: now.toISOString() };
      await applyTransition(tx, row, { type: "decline", at: e.occurredAt }, { now, extra: { lastFailure: failure } });
      await audit(e.type === "payment.declined" ? "payment.declined" : "payment.failed", { code: failure.code, amount: e.amount ?? row.amountTotal });
      return { outcome: await done("applied", row) };
    }
    case "payment.expired": {
      const check = tryTransition(row, { type: "expire", at: now });
      if (!check.ok) return { outcome: await done(`ignored:${check.reason}`, row) };
      const { row: expired } = await applyTransition(tx, row, { type: "expire", at: now }, { now });
      await audit("payment.expired", { amountTotal: row.amountTotal });
      await insertPaymentEvent(tx, expired, { by: null, status: "expired", amount: row.amountTotal, at: now });
      return { outcome: await done("applied", row) };
    }
    case "refund.succeeded": {
      // Refunds we started are recorded when the provider accepts them; only one made elsewhere
      // (the provider's dashboard) is applied from its event.
      if (e.refundRef) {
        const [known] = await tx.select({ id: paymentRefunds.id }).from(paymentRefunds).where(and(eq(paymentRefunds.paymentRequestId, row.id), eq(paymentRefunds.providerRef, e.refundRef))).limit(1);
        if (known) return { outcome: await done("ignored:refund_already_recorded", row) };
      }
      const event = { type: "refund" as const, amount: e.amount ?? -1, at: e.occurredAt };
      const check = tryTransition(row, event);
      if (!check.ok) return { outcome: await done(`ignored:${check.reason}`, row) };
      const { row: refunded } = await applyTransition(tx, row, event, { now });
      await tx.insert(paymentRefunds).values({ workspaceId: row.workspaceId, paymentRequestId: row.id, amount: event.amount, reason: "Refunded at the provider", status: "succeeded", providerRef: e.refundRef ?? null, decidedAt: now, createdAt: now, updatedAt: now });
      await audit("payment.refunded", { amount: event.amount, amountRefunded: refunded.amountRefunded });
      await insertPaymentEvent(tx, refunded, { by: null, status: refunded.status, amount: event.amount, at: now });
      return { outcome: await done("applied", row) };
    }
  }
}

/** How many events a provider sent that we stored (tests and the ops view). */
export async function countPaymentEvents(db: Db, provider: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(paymentEvents).where(eq(paymentEvents.provider, provider));
  return r?.n ?? 0;
}
