import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { NotePayload } from "@/lib/content/message-content";
import { lockConversation } from "@/lib/conversations/mutations";
import { messages, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { notifyMentioned } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/realtime/events";
import type { NoteInput } from "./schemas";

export type NoteResult = { id: string; duplicate: boolean; mentioned: string[] };

/**
 * An internal note (POST /api/conversations/:id/notes): a message of kind `note`, direction
 * `internal`, that only the team sees. It is never sent to WhatsApp (no delivery status, so the
 * outbox and its sweeper never pick it up, and the body builder refuses the kind), and it is no
 * reply: the summary columns (preview, waiting since, first response, unread) and the 24-hour
 * window stay as they were. Each @mentioned teammate of the workspace is notified; ids of anyone
 * else are dropped. A retried POST with the same clientMessageId answers the stored note.
 */
export async function createNote(db: Db, { actor, conversationId, input }: { actor: Actor; conversationId: string; input: NoteInput }): Promise<NoteResult> {
  return db.transaction(async (tx) => {
    // Locked like a send, so the send-time guard of a reply racing this note sees it.
    const conv = await lockConversation(tx, actor.workspaceId, conversationId);
    if (input.clientMessageId) {
      const [existing] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, conv.id), eq(messages.clientMessageId, input.clientMessageId)))
        .limit(1);
      if (existing) return { id: existing.id, duplicate: true, mentioned: [] };
    }
    const wanted = [...new Set(input.mentions)];
    const teammates = wanted.length
      ? await tx
          .select({ userId: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.active, true), inArray(users.id, wanted)))
      : [];
    const payload: NotePayload = { mentions: teammates };
    const [row] = await tx
      .insert(messages)
      .values({
        workspaceId: actor.workspaceId,
        conversationId: conv.id,
        channelId: conv.channelId,
        direction: "internal",
        authorType: "agent",
        authorUserId: actor.userId,
        kind: "note",
        text: input.text,
        payload,
        clientMessageId: input.clientMessageId ?? null,
        createdAt: new Date(),
      })
      .returning({ id: messages.id });
    const mentioned = await notifyMentioned(tx, { workspaceId: actor.workspaceId, conversationId: conv.id, messageId: row!.id, authorId: actor.userId, userIds: teammates.map((t) => t.userId) });
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: conv.id, action: "note.created", data: { messageId: row!.id, mentions: mentioned } });
    await publishEvent(tx, { type: "message.created", workspaceId: actor.workspaceId, conversationId: conv.id, messageId: row!.id });
    return { id: row!.id, duplicate: false, mentioned };
  });
}
