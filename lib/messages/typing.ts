import "server-only";
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { conversationErrors } from "@/lib/conversations/errors";
import { conversations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { windowState } from "@/lib/whatsapp/window";
import { scheduleTypingIndicator } from "./delivery";
import { findReadReceiptTarget } from "./read-receipt";

/** WhatsApp shows the indicator for 25 s at most; refreshing it every 20 s keeps it steady while someone types. */
export const TYPING_INTERVAL_SECONDS = 20;

export type TypingResult = { sent: boolean; reason?: "window_closed" | "no_customer_message" | "throttled" };

/**
 * An agent is typing a reply: the customer sees "typing…" on WhatsApp. It goes with the read
 * receipt of their newest message (that is how the Cloud API carries it), at most once per
 * conversation every 20 seconds across every agent and process, and only while the 24-hour
 * window is open (WhatsApp refuses it otherwise).
 */
export async function signalTyping(db: Db, { actor, conversationId }: { actor: Actor; conversationId: string }): Promise<TypingResult> {
  const [conv] = await db
    .select({ lastInboundAt: conversations.lastInboundAt })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, conversationId)))
    .limit(1);
  if (!conv) throw conversationErrors.notFound();
  if (!windowState(conv.lastInboundAt).open) return { sent: false, reason: "window_closed" };
  const target = await findReadReceiptTarget(db, actor.workspaceId, conversationId);
  if (!target) return { sent: false, reason: "no_customer_message" };
  const queued = await scheduleTypingIndicator(conversationId, target, TYPING_INTERVAL_SECONDS);
  return queued ? { sent: true } : { sent: false, reason: "throttled" };
}
