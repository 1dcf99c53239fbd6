import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messages } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { conflict, notFound } from "@/lib/errors/app-error";
import { lockConversation } from "@/lib/conversations/mutations";
import { needsOpenWindow, WINDOW_CLOSED_MESSAGE, windowState } from "@/lib/whatsapp/window";

const MAX_HISTORY = 10;

/**
 * Puts a failed outbound message back in the outbox (`queued`, error cleared). The caller then
 * enqueues it, and it is really sent again: as a new WhatsApp message with a new wamid, the old
 * one (if any) kept in payload.failures for the record.
 */
export async function retryMessage(db: Db, actor: Actor, conversationId: string, messageId: string): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const conv = await lockConversation(tx, actor.workspaceId, conversationId);
    const [msg] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.conversationId, conversationId), eq(messages.id, messageId)))
      .for("update")
      .limit(1);
    if (!msg) throw notFound("Message");
    if (msg.direction !== "outbound" || msg.status !== "failed") {
      throw conflict(msg.status === "queued" ? "This message is already being sent." : "Only messages that failed to send can be retried.");
    }
    if (conv.status === "resolved") throw conflict("This conversation is resolved. Reopen it to retry.");
    if (needsOpenWindow(msg.kind) && !windowState(conv.lastInboundAt).open) throw conflict(WINDOW_CLOSED_MESSAGE);

    const rest: Record<string, unknown> = { ...(msg.payload ?? {}) };
    const failures = rest.failures;
    delete rest.sendState;
    const history = [...(Array.isArray(failures) ? failures : []), { error: msg.error, wamid: msg.providerMessageId, at: new Date().toISOString() }].slice(-MAX_HISTORY);
    await tx
      .update(messages)
      .set({ status: "queued", error: null, providerMessageId: null, sentAt: null, deliveredAt: null, readAt: null, payload: { ...rest, failures: history } })
      .where(eq(messages.id, msg.id));
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId, action: "message.retried", data: { messageId, previousError: msg.error } });
    await publishEvent(tx, { type: "message.updated", workspaceId: actor.workspaceId, conversationId, messageId });
    return { id: msg.id };
  });
}
