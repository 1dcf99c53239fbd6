import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, messages } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { conflict, AppError } from "@/lib/errors/app-error";
import { insertSystemEvent, lockConversation } from "@/lib/conversations/mutations";
import { WINDOW_CLOSED_MESSAGE, windowState } from "@/lib/whatsapp/window";
import type { ReplyInput } from "./schemas";

export function previewOf(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 140);
}

/**
 * Stores an agent's reply as `queued` for the outbox. A retried POST with the same
 * clientMessageId returns the first reply instead of storing a second one.
 */
export async function createReply(db: Db, actor: Actor, conversationId: string, input: ReplyInput) {
  return db.transaction(async (tx) => {
    const opened = await openReply(tx, actor, conversationId, input.clientMessageId);
    if (opened.duplicateOf) return { id: opened.duplicateOf, duplicate: true };
    const { conv } = opened;
    // Free text outside WhatsApp's 24-hour window would only fail with 131047: refuse it here.
    if (!windowState(conv.lastInboundAt).open) throw conflict(WINDOW_CLOSED_MESSAGE);
    if (input.replyToMessageId) {
      const [quoted] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.id, input.replyToMessageId)))
        .limit(1);
      if (!quoted) throw new AppError("validation_failed", "The quoted message is not in this conversation.", { replyToMessageId: ["Unknown message."] });
    }

    return { id: await insertOutbound(tx, actor, conv, { kind: "text", text: input.text, payload: null, clientMessageId: input.clientMessageId, replyToMessageId: input.replyToMessageId }), duplicate: false };
  });
}

/**
 * The start of every outbound message: locks the conversation, answers a retried POST (same
 * clientMessageId) with the message it already stored, and refuses resolved conversations.
 */
export async function openReply(tx: Db, actor: Actor, conversationId: string, clientMessageId: string | undefined) {
  const conv = await lockConversation(tx, actor.workspaceId, conversationId);
  if (clientMessageId) {
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, clientMessageId)))
      .limit(1);
    if (existing) return { duplicateOf: existing.id, conv };
  }
  if (conv.status === "resolved") throw conflict("This conversation is resolved. Reopen it to reply.");
  return { duplicateOf: null, conv };
}

type OutboundValues = { kind: string; text: string; payload: Record<string, unknown> | null; clientMessageId?: string; replyToMessageId?: string };

/**
 * Stores one outbound message as `queued` (the outbox picks it up after the commit) and moves the
 * conversation along: preview, no longer waiting, first response, claimed by the sender.
 */
export async function insertOutbound(tx: Db, actor: Actor, conv: Awaited<ReturnType<typeof lockConversation>>, values: OutboundValues): Promise<string> {
  const conversationId = conv.id;
  const now = new Date();
  const [msg] = await tx
    .insert(messages)
    .values({
      workspaceId: actor.workspaceId,
      conversationId,
      channelId: conv.channelId,
      direction: "outbound",
      authorType: "agent",
      authorUserId: actor.userId,
      kind: values.kind,
      text: values.text,
      payload: values.payload,
      status: "queued",
      clientMessageId: values.clientMessageId ?? null,
      replyToMessageId: values.replyToMessageId ?? null,
      createdAt: now,
    })
    .returning({ id: messages.id });

  const fields = ["lastMessage"];
  // Replying to an unclaimed conversation makes it yours, as in every shared inbox.
  if (!conv.assigneeId) {
    fields.push("assignee");
    await insertSystemEvent(tx, conv, `${actor.name} took this conversation`, { action: "assigned", from: null, to: actor.userId, by: actor.userId, auto: true }, new Date(now.getTime() - 1));
  }
  await tx
    .update(conversations)
    .set({
      lastMessageAt: now,
      lastMessagePreview: previewOf(values.text),
      lastMessageDirection: "outbound",
      waitingSince: null,
      unreadCount: 0,
      firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, case when ${conversations.lastInboundAt} is not null then ${now.toISOString()}::timestamptz end)`,
      assigneeId: conv.assigneeId ?? actor.userId,
      updatedAt: now,
    })
    .where(eq(conversations.id, conversationId));
  await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId, action: "message.replied", data: { messageId: msg!.id, kind: values.kind } });
  await publishEvent(tx, { type: "message.created", workspaceId: actor.workspaceId, conversationId, messageId: msg!.id });
  await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId, fields });
  return msg!.id;
}
