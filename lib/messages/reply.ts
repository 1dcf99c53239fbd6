import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messages } from "@/lib/db/schema";
import type { Actor, Sender } from "@/lib/auth/actor";
import type { MessageContent } from "@/lib/content/message-content";
import { conversationErrors } from "@/lib/conversations/errors";
import { lockConversation } from "@/lib/conversations/mutations";
import { recordOutboundMessage } from "@/lib/conversations/record-outbound";
import { windowState } from "@/lib/whatsapp/window";
import { scheduleDelivery } from "./delivery";
import { messageErrors } from "./errors";
import type { ReplyInput } from "./schemas";
import { assertMayReply, assertNothingChanged } from "./send-guard";

export type SendResult = { id: string; duplicate: boolean };
type ConversationRow = Awaited<ReturnType<typeof lockConversation>>;

/**
 * The one send path. Every outbound message (a reply, a template, later a boarding pass or a
 * payment request) goes through here: `prepare` checks it against the locked conversation and
 * returns its content, the message is stored `queued` with the conversation's summary moved along,
 * and the outbox takes it after the commit. A retried request with the same clientMessageId
 * answers with the message it already stored, and stores nothing. Two collision rules run on the
 * locked conversation before anything is prepared (send-guard.ts): only the assignee replies (when
 * the workspace says so), and a teammate's reply or note written since `seenUpTo` is reported
 * (409 conversation.changed_since) instead of sent over, unless `force`.
 */
export async function sendMessage(
  db: Db,
  { actor, conversationId, clientMessageId, replyToMessageId, seenUpTo, force, prepare }: {
    actor: Sender;
    conversationId: string;
    clientMessageId?: string;
    replyToMessageId?: string;
    /** The newest message the sender had in view when they started writing (id or time). */
    seenUpTo?: string;
    /** Send even though teammates wrote since `seenUpTo` (the agent read what changed). */
    force?: boolean;
    prepare: (tx: Db, conv: ConversationRow) => Promise<MessageContent> | MessageContent;
  },
): Promise<SendResult> {
  const result = await db.transaction(async (tx) => {
    const opened = await openReply(tx, actor, conversationId, clientMessageId);
    if (opened.duplicateOf) return { id: opened.duplicateOf, duplicate: true };
    await assertMayReply(tx, actor, opened.conv);
    await assertNothingChanged(tx, { actor, conv: opened.conv, seenUpTo, force });
    const content = await prepare(tx, opened.conv);
    const id = await recordOutboundMessage(tx, { actor, conv: opened.conv, content, clientMessageId, replyToMessageId });
    return { id, duplicate: false };
  });
  // After the commit: the stored row is the outbox; a duplicate re-enqueues harmlessly.
  await scheduleDelivery(result.id);
  return result;
}

/** An agent's free-text reply, inside WhatsApp's 24-hour window. */
export async function createReply(db: Db, actor: Actor, conversationId: string, input: ReplyInput): Promise<SendResult> {
  return sendMessage(db, {
    actor,
    conversationId,
    clientMessageId: input.clientMessageId,
    replyToMessageId: input.replyToMessageId,
    seenUpTo: input.seenUpTo,
    force: input.force,
    prepare: async (tx, conv) => {
      // Free text outside WhatsApp's 24-hour window would only fail with 131047: refuse it here.
      if (!windowState(conv.lastInboundAt).open) throw messageErrors.windowClosed();
      if (input.replyToMessageId) {
        const [quoted] = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), eq(messages.id, input.replyToMessageId)))
          .limit(1);
        if (!quoted) throw messageErrors.quoteUnknown();
      }
      return { kind: "text", text: input.text, payload: null };
    },
  });
}

/**
 * Locks the conversation, answers a retried POST (same clientMessageId) with the message it
 * already stored, and refuses resolved conversations.
 */
async function openReply(tx: Db, actor: Sender, conversationId: string, clientMessageId: string | undefined) {
  const conv = await lockConversation(tx, actor.workspaceId, conversationId);
  if (clientMessageId) {
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, clientMessageId)))
      .limit(1);
    if (existing) return { duplicateOf: existing.id, conv };
  }
  if (conv.status === "resolved") throw conversationErrors.resolved();
  return { duplicateOf: null, conv };
}
