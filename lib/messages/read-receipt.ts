import { and, desc, eq, isNotNull } from "drizzle-orm";
import { channels, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export type ReadReceiptTarget = { wamid: string; phoneNumberId: string };

/**
 * The customer's newest message in a conversation: marking it read on WhatsApp shows blue ticks
 * on it and on everything before it. Null when the customer never wrote from WhatsApp.
 */
export async function findReadReceiptTarget(db: Db, workspaceId: string, conversationId: string): Promise<ReadReceiptTarget | null> {
  const [row] = await db
    .select({ wamid: messages.providerMessageId, phoneNumberId: channels.phoneNumberId })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.direction, "inbound"), isNotNull(messages.providerMessageId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  return row?.wamid ? { wamid: row.wamid, phoneNumberId: row.phoneNumberId } : null;
}
