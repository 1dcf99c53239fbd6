import { and, eq, lte } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations } from "@/lib/db/schema";
import { publishEvent } from "@/lib/realtime/events";
import { insertSystemEvent } from "./system-events";

/**
 * Reopens snoozed conversations whose wake-up time has come. Safe to run from several
 * processes at once: rows are claimed with SKIP LOCKED and re-checked under the lock.
 */
export async function wakeSnoozedConversations(db: Db, now = new Date(), limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.status, "snoozed"), lte(conversations.snoozedUntil, now)))
      .orderBy(conversations.snoozedUntil)
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const conv of due) {
      await tx.update(conversations).set({ status: "open", snoozedUntil: null, updatedAt: now }).where(eq(conversations.id, conv.id));
      await insertSystemEvent(tx, conv, { action: "status_changed", from: "snoozed", to: "open", by: null }, now);
      await publishEvent(tx, { type: "conversation.updated", workspaceId: conv.workspaceId, conversationId: conv.id, fields: ["status"] });
    }
    return due.length;
  });
}
