import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messages } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { conversationErrors } from "@/lib/conversations/errors";
import { scheduleDelivery } from "./delivery";
import { messageErrors } from "./errors";
import { lockConversation } from "@/lib/conversations/mutations";
import { needsOpenWindow, windowState } from "@/lib/whatsapp/window";

const MAX_HISTORY = 10;

/**
 * Puts a failed outbound message back in the outbox (`queued`, error cleared) and, after the
 * commit, hands it to the outbox: it is really sent again: as a new WhatsApp message with a new wamid, the old
 * one (if any) kept in payload.failures for the record.
 */
export async function retryMessage(db: Db, actor: Actor, conversationId: string, messageId: string): Promise<{ id: string }> {
  const result = await db.transaction(async (tx) => {
    const conv = await lockConversation(tx, actor.workspaceId, conversationId);
    const [msg] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.conversationId, conversationId), eq(messages.id, messageId)))
      .for("update")
      .limit(1);
    if (!msg) throw messageErrors.notFound();
    if (msg.direction !== "outbound" || msg.status !== "failed") throw msg.status === "queued" ? messageErrors.alreadySending() : messageErrors.notRetryable();
    if (conv.status === "resolved") throw conversationErrors.resolved("retry");
    if (needsOpenWindow(msg.kind) && !windowState(conv.lastInboundAt).open) throw messageErrors.windowClosed();

    const rest: Record<string, unknown> = { ...(msg.payload ?? {}) };
    const failures = rest.failures;
    const history = [...(Array.isArray(failures) ? failures : []), { error: msg.error, wamid: msg.providerMessageId, at: new Date().toISOString() }].slice(-MAX_HISTORY);
    await tx
      .update(messages)
      .set({ status: "queued", error: null, providerMessageId: null, sentAt: null, deliveredAt: null, readAt: null, payload: { ...rest, failures: history }, sendState: null })
      .where(eq(messages.id, msg.id));
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId, action: "message.retried", data: { messageId, previousError: msg.error } });
    await publishEvent(tx, { type: "message.updated", workspaceId: actor.workspaceId, conversationId, messageId });
    return { id: msg.id };
  });
  await scheduleDelivery(result.id);
  return result;
}
