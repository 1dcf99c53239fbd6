import { and, eq } from "drizzle-orm";
import { messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";
import { explainWhatsAppError } from "./error-text";
import { parseTimestamp, type StatusUpdate } from "./payload";
import type { ChannelRef } from "./inbound-message";

type Delivery = "queued" | "sent" | "delivered" | "read" | "failed";

// Statuses arrive out of order and repeatedly: a message only moves forward. `failed` sits
// between sent and delivered: it beats queued/sent, but proof of delivery beats it.
const RANK: Record<Delivery, number> = { queued: 0, sent: 1, failed: 1.5, delivered: 2, read: 3 };

function normalise(status: string): Delivery | null {
  const s = status.toLowerCase();
  if (s === "played") return "read"; // voice messages
  return s === "sent" || s === "delivered" || s === "read" || s === "failed" ? s : null;
}

export type StatusOutcome = "applied" | "unchanged" | "unknown_message" | "ignored";

/** Applies a delivery status of one of our messages. An unknown wamid is ignored (not an error). */
export async function applyMessageStatus(tx: Db, channel: ChannelRef, update: StatusUpdate, now = new Date()): Promise<StatusOutcome> {
  const next = normalise(update.status);
  if (!next) return "ignored";
  const [msg] = await tx
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      direction: messages.direction,
      status: messages.status,
      sentAt: messages.sentAt,
      deliveredAt: messages.deliveredAt,
      readAt: messages.readAt,
    })
    .from(messages)
    .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, update.id)))
    .for("update")
    .limit(1);
  if (!msg || msg.direction !== "outbound") return "unknown_message";

  const at = parseTimestamp(update.timestamp, now);
  const set: Partial<typeof messages.$inferInsert> = {};
  const current = msg.status ? RANK[msg.status] : -1;
  if (next === "failed") {
    if (msg.status !== "failed" && current < RANK.delivered) {
      set.status = "failed";
      set.error = failureOf(update);
    }
  } else if (RANK[next] > current) {
    set.status = next;
    if (msg.status === "failed") set.error = null; // delivered after all
  }
  // Fill each milestone's time once, even when it arrives after a later status.
  if (next === "sent" && !msg.sentAt) set.sentAt = at;
  if (next === "delivered" && !msg.deliveredAt) set.deliveredAt = at;
  if (next === "read" && !msg.readAt) set.readAt = at;
  if (Object.keys(set).length === 0) return "unchanged";

  await tx.update(messages).set(set).where(eq(messages.id, msg.id));
  await publishEvent(tx, { type: "message.updated", workspaceId: channel.workspaceId, conversationId: msg.conversationId, messageId: msg.id });
  return "applied";
}

function failureOf(update: StatusUpdate): { code: number | string; title: string; message: string } {
  const e = update.errors[0];
  const code = e?.code ?? "unknown";
  const title = e?.title ?? e?.message ?? "Message failed";
  return { code, title, message: explainWhatsAppError(e?.code, e?.error_data?.details ?? e?.message ?? e?.title) };
}
