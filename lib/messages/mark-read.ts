import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";
import { markConversationRead } from "@/lib/conversations/mutations";
import { scheduleReadReceipt } from "./delivery";
import { findReadReceiptTarget } from "./read-receipt";

/**
 * Someone opened the thread: the unread badge clears for the team and, once per batch of unread
 * messages, the customer's phone shows blue ticks (best effort, after the commit).
 */
export async function markThreadRead(db: Db, { actor, conversationId }: { actor: Actor; conversationId: string }): Promise<{ changed: boolean }> {
  const result = await markConversationRead(db, actor, conversationId);
  if (result.changed) {
    const target = await findReadReceiptTarget(db, actor.workspaceId, conversationId);
    if (target) await scheduleReadReceipt(target);
  }
  return result;
}
