import type { Db } from "@/lib/db/types";
import { conversations, messages } from "@/lib/db/schema";
import type { SystemEventPayload } from "@/lib/content/message-content";
import { publishEvent } from "@/lib/realtime/events";
import { csatLevel } from "@/lib/content/csat";

type ConversationRow = typeof conversations.$inferSelect;

const CSAT_WORDS = { good: "Good", okay: "Okay", poor: "Poor" } as const;
const STATUS_WORDS: Record<string, string> = { open: "open", pending: "pending", snoozed: "snoozed", resolved: "resolved" };

/**
 * The English sentence of an event, kept in `text` for logs, exports and API users. The thread
 * renders the event from its data in the reader's language (lib/client/system-event.ts).
 */
export function describeSystemEvent(e: SystemEventPayload): string {
  const by = e.byName ?? "Someone";
  switch (e.action) {
    case "assigned":
      if (!e.to && e.queued) return `${by} returned this to the ${e.team ?? "team"} queue`;
      if (!e.to) return `${by} unassigned this conversation`;
      if (e.auto && !e.by) return `Assigned automatically to ${e.toName ?? "a teammate"}`;
      return e.to === e.by ? `${by} took this conversation` : `${by} assigned this conversation to ${e.toName ?? "a teammate"}`;
    case "status_changed":
      if (!e.by && e.from === "snoozed") return "Snooze ended — the conversation is open again";
      if (e.from === "resolved" && e.to === "open") return `${by} reopened`;
      return `${by} marked this ${STATUS_WORDS[e.to] ?? e.to}`;
    case "team_changed":
      return e.to ? `${by} moved this to ${e.toName ?? "another team"}` : `${by} removed the team`;
    case "payment_changed":
      return describePaymentEvent(e, by);
    case "labels_changed": {
      const parts = [e.added.length ? `added ${e.added.join(", ")}` : "", e.removed.length ? `removed ${e.removed.join(", ")}` : ""].filter(Boolean);
      return `${by} ${parts.join(" and ")}`;
    }
    case "csat_requested":
      return "Rating request sent";
    case "csat_rated":
      return `${e.byName ?? "The customer"} rated the conversation: ${CSAT_WORDS[csatLevel(e.rating)]} (${e.rating}/5)`;
  }
}

function describePaymentEvent(e: Extract<SystemEventPayload, { action: "payment_changed" }>, by: string): string {
  switch (e.status) {
    case "pending":
      return `${by} requested a payment of ${e.amountText} (${e.reference})`;
    case "paid":
      return `${e.byName ?? "The customer"} paid ${e.amountText} (${e.reference})`;
    case "cancelled":
      return `${by} cancelled the payment request ${e.reference}`;
    case "expired":
      return `The payment request ${e.reference} expired`;
    case "refund_requested":
      return `${by} asked to refund ${e.amountText} of ${e.reference}`;
    case "refund_declined":
      return `${by} declined a refund of ${e.amountText} of ${e.reference}`;
    case "partially_refunded":
    case "refunded":
      return `${by} refunded ${e.amountText} of ${e.reference}`;
    default:
      return `Payment request ${e.reference}: ${e.status}`;
  }
}

/** An inline timeline entry ("Marco assigned this to Giulia"): internal, never sent to WhatsApp. */
export async function insertSystemEvent(tx: Db, conv: ConversationRow, event: SystemEventPayload, at: Date) {
  const [row] = await tx
    .insert(messages)
    .values({
      workspaceId: conv.workspaceId,
      conversationId: conv.id,
      channelId: conv.channelId,
      direction: "internal",
      authorType: "system",
      kind: "event",
      text: describeSystemEvent(event),
      payload: event,
      createdAt: at,
    })
    .returning({ id: messages.id });
  await publishEvent(tx, { type: "message.created", workspaceId: conv.workspaceId, conversationId: conv.id, messageId: row!.id });
}
