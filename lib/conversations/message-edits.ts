import { and, eq } from "drizzle-orm";
import { messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { InboundMessage } from "@/lib/content/inbound-message";
import { publishEvent } from "@/lib/realtime/events";

/** An edit or deletion arrived before the message it changes: the event is retried until it is there. */
export class OriginalNotYetStored extends Error {
  constructor(wamid: string) {
    super(`the edited or deleted message ${wamid.slice(0, 128)} is not stored yet`);
  }
}

type History = { text: string | null; payload: Record<string, unknown> | null; at: string }[];

/**
 * A customer edited or deleted a message on WhatsApp (numbers shared with the WhatsApp Business
 * app). Edits replace the content and keep the earlier version in `history`; a deletion hides the
 * content (kept only in `history`) and wins over any edit. Delivered twice or out of order, the
 * newest change stays: an edit older than the one applied, or after a deletion, changes nothing.
 */
export async function applyMessageOperation(tx: Db, inbound: InboundMessage): Promise<boolean> {
  const op = inbound.operation;
  if (!op) return false;
  const [target] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, inbound.channel.id), eq(messages.providerMessageId, op.targetProviderId)))
    .for("update")
    .limit(1);
  if (!target) throw new OriginalNotYetStored(op.targetProviderId);
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
  return true;
}
