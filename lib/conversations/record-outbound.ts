import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, messages } from "@/lib/db/schema";
import { isAutomation, type Sender } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { MessageContent } from "@/lib/content/message-content";
import { publishEvent } from "@/lib/realtime/events";
import { outboundSummary } from "./summary";
import { insertSystemEvent } from "./system-events";

type ConversationRow = typeof conversations.$inferSelect;

export type OutboundInput = {
  actor: Sender;
  conv: ConversationRow;
  content: MessageContent;
  clientMessageId?: string;
  replyToMessageId?: string;
  /** When it happened (default: now), for a message that must sort after an event of the same transaction. */
  at?: Date;
};

/**
 * Stores one outbound message as `queued` (the outbox sends it once the caller's transaction
 * commits) and moves the conversation along by the summary rules: preview, no longer waiting,
 * first response, claimed by the sender. An automation's message (a welcome reply) moves the
 * preview only: it claims nobody, answers nobody's wait and is no first response. Returns the id.
 */
export async function recordOutboundMessage(tx: Db, { actor, conv, content, clientMessageId, replyToMessageId, at }: OutboundInput): Promise<string> {
  const now = at ?? new Date();
  const [msg] = await tx
    .insert(messages)
    .values({
      workspaceId: actor.workspaceId,
      conversationId: conv.id,
      channelId: conv.channelId,
      direction: "outbound",
      authorType: isAutomation(actor) ? "system" : "agent",
      authorUserId: isAutomation(actor) ? null : actor.userId,
      kind: content.kind,
      text: content.text,
      payload: content.payload,
      status: "queued",
      clientMessageId: clientMessageId ?? null,
      replyToMessageId: replyToMessageId ?? null,
      createdAt: now,
    })
    .returning({ id: messages.id });

  const fields = ["lastMessage"];
  if (isAutomation(actor)) {
    const { lastMessageAt, lastMessagePreview, lastMessageDirection, updatedAt } = outboundSummary(content, now);
    await tx.update(conversations).set({ lastMessageAt, lastMessagePreview, lastMessageDirection, updatedAt }).where(eq(conversations.id, conv.id));
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: null, conversationId: conv.id, action: "message.automated", data: { messageId: msg!.id, kind: content.kind, by: actor.name } });
    await publishEvent(tx, { type: "message.created", workspaceId: actor.workspaceId, conversationId: conv.id, messageId: msg!.id });
    await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: conv.id, fields });
    return msg!.id;
  }
  // Replying to an unclaimed conversation makes it yours, as in every shared inbox.
  if (!conv.assigneeId) {
    fields.push("assignee");
    await insertSystemEvent(tx, conv, { action: "assigned", from: null, to: actor.userId, by: actor.userId, byName: actor.name, auto: true }, new Date(now.getTime() - 1));
  }
  await tx
    .update(conversations)
    // A claim stamps when it was taken and leaves the team's queue (lib/assignment).
    .set({ ...outboundSummary(content, now), assigneeId: conv.assigneeId ?? actor.userId, ...(conv.assigneeId ? {} : { assignedAt: now, queuedAt: null }) })
    .where(eq(conversations.id, conv.id));
  await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: conv.id, action: "message.replied", data: { messageId: msg!.id, kind: content.kind } });
  await publishEvent(tx, { type: "message.created", workspaceId: actor.workspaceId, conversationId: conv.id, messageId: msg!.id });
  await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: conv.id, fields });
  return msg!.id;
}
