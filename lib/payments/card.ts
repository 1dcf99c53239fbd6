import { and, eq, sql } from "drizzle-orm";
import { conversations, messages, paymentRequests } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { PaymentCardRef, SystemEventPayload } from "@/lib/content/message-content";
import { insertSystemEvent } from "@/lib/conversations/system-events";
import { publishEvent } from "@/lib/realtime/events";
import type { PaymentRequestRow } from "./dto";
import { formatMoney, type Currency } from "./money";

// What every change of a request does to the thread: the card (the message that carried the
// request) shows the new status through `message.updated`, and a system event says who did what.
// Every change also publishes `payment.updated`: lib/live reads the request with its refunds once
// and every open card and the leads' page patch their caches (refund requests and decisions
// change no card snapshot, so they need this one).

/** Tells every open card and list that this request (or one of its refunds) changed; delivered at commit. */
export async function publishPaymentChanged(tx: Db, row: Pick<PaymentRequestRow, "id" | "workspaceId" | "conversationId">): Promise<void> {
  await publishEvent(tx, { type: "payment.updated", workspaceId: row.workspaceId, conversationId: row.conversationId, paymentRequestId: row.id });
}

export function cardOf(row: PaymentRequestRow): PaymentCardRef {
  return { id: row.id, reference: row.reference, status: row.status, currency: row.currency, amountTotal: row.amountTotal, amountRefunded: row.amountRefunded };
}

/** Moves the card's snapshot along and tells every open thread (inside the caller's transaction). */
export async function syncPaymentCard(tx: Db, row: PaymentRequestRow): Promise<void> {
  await publishPaymentChanged(tx, row);
  if (!row.messageId) return;
  const updated = await tx
    .update(messages)
    .set({ payload: sql`jsonb_set(coalesce(${messages.payload}, '{}'::jsonb), '{payment}', ${JSON.stringify(cardOf(row))}::jsonb)` })
    .where(and(eq(messages.workspaceId, row.workspaceId), eq(messages.id, row.messageId)))
    .returning({ id: messages.id });
  if (updated.length) await publishEvent(tx, { type: "message.updated", workspaceId: row.workspaceId, conversationId: row.conversationId, messageId: row.messageId });
}

/** Links the request to the message that carried it, and puts the card's snapshot on it. */
export async function linkPaymentMessage(db: Db, { workspaceId, paymentRequestId, messageId }: { workspaceId: string; paymentRequestId: string; messageId: string }) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(paymentRequests)
      .set({ messageId })
      .where(and(eq(paymentRequests.workspaceId, workspaceId), eq(paymentRequests.id, paymentRequestId)))
      .returning();
    if (row) await syncPaymentCard(tx, row);
  });
}

export async function insertPaymentEvent(
  tx: Db,
  row: PaymentRequestRow,
  e: { by: string | null; byName?: string; status: string; amount: number; at: Date },
): Promise<void> {
  const [conv] = await tx.select().from(conversations).where(and(eq(conversations.workspaceId, row.workspaceId), eq(conversations.id, row.conversationId))).limit(1);
  if (!conv) return;
  const event: SystemEventPayload = {
    action: "payment_changed",
    by: e.by,
    ...(e.byName ? { byName: e.byName } : {}),
    paymentRequestId: row.id,
    reference: row.reference,
    status: e.status,
    amount: e.amount,
    currency: row.currency,
    amountText: formatMoney(e.amount, row.currency as Currency, "en"),
  };
  await insertSystemEvent(tx, conv, event, e.at);
}
