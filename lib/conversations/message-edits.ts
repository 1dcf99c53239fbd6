import { and, desc, eq, ne } from "drizzle-orm";
import { contacts, conversations, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { InboundMessage } from "@/lib/content/inbound-message";
import { DELETED_PREVIEW } from "@/lib/content/message-content";
import { publishEvent } from "@/lib/realtime/events";

type History = { text: string | null; payload: Record<string, unknown> | null; at: string }[];

/**
 * A customer edited or deleted a message on WhatsApp (numbers shared with the WhatsApp Business
 * app). Edits replace the content and keep the earlier version in `history`; a deletion hides the
 * content (kept only in `history`) and wins over any edit. Delivered twice or out of order, the
 * newest change stays: an edit older than the one applied, or after a deletion, changes nothing.
 * "missing" when the message is not stored (yet): the caller stores it as the change left it.
 */
export async function applyMessageOperation(tx: Db, inbound: InboundMessage): Promise<boolean | "missing"> {
  const op = inbound.operation;
  if (!op) return false;
  const [found] = await tx
    .select({ message: messages, contact: { waId: contacts.waId, bsuid: contacts.bsuid } })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(messages.channelId, inbound.channel.id), eq(messages.providerMessageId, op.targetProviderId)))
    .for("update", { of: messages })
    .limit(1);
  if (!found) return "missing";
  const target = found.message;
  // A customer changes only their own messages: never ours, and never another customer's.
  const who = inbound.customer;
  const theirs = (who.waId !== null && found.contact.waId === who.waId) || (who.bsuid !== null && found.contact.bsuid === who.bsuid);
  if (target.direction !== "inbound" || !theirs) return false;
  if (target.revokedAt) return false;
  const previous = { text: target.text, payload: target.payload, at: (target.editedAt ?? target.createdAt).toISOString() };
  const history: History = [...(target.history ?? []), previous].slice(-20);
  if (op.kind === "revoke") {
    await tx.update(messages).set({ revokedAt: inbound.at, text: null, payload: null, history }).where(eq(messages.id, target.id));
  } else {
    if (target.editedAt && target.editedAt >= inbound.at) return false;
    await tx
      .update(messages)
      .set({ kind: op.content.kind, text: op.content.text, payload: op.content.payload, editedAt: inbound.at, history })
      .where(eq(messages.id, target.id));
  }
  await publishEvent(tx, { type: "message.updated", workspaceId: target.workspaceId, conversationId: target.conversationId, messageId: target.id });
  await followInPreview(tx, target, op.kind === "revoke" ? DELETED_PREVIEW : op.preview);
  return true;
}

/** The inbox list previews the newest message: when that is the one changed, the preview follows. */
async function followInPreview(tx: Db, target: { id: string; conversationId: string; workspaceId: string }, preview: string) {
  const [newest] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, target.conversationId), ne(messages.direction, "internal")))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  if (newest?.id !== target.id) return;
  await tx
    .update(conversations)
    .set({ lastMessagePreview: preview })
    .where(and(eq(conversations.workspaceId, target.workspaceId), eq(conversations.id, target.conversationId)));
  await publishEvent(tx, { type: "conversation.updated", workspaceId: target.workspaceId, conversationId: target.conversationId, fields: ["lastMessage"] });
}

/**
 * The change arrived before the message it changes (out of order): the message, as the change left
 * it — the edited version, or deleted. Stored under the original's wamid, so when the original
 * does arrive it is a known message and changes nothing.
 */
export function asChangedOriginal(inbound: InboundMessage): { inbound: InboundMessage; marks: { editedAt?: Date; revokedAt?: Date } } | null {
  const op = inbound.operation;
  if (!op) return null;
  const base = { ...inbound, providerMessageId: op.targetProviderId, operation: null, quotedProviderId: null, media: null, reaction: null };
  return op.kind === "edit"
    ? { inbound: { ...base, content: op.content, preview: op.preview }, marks: { editedAt: inbound.at } }
    : { inbound: { ...base, content: { kind: "text", text: null, payload: null }, preview: "" }, marks: { revokedAt: inbound.at } };
}
