import type { Db } from "@/lib/db/types";
import { auditLog } from "@/lib/db/schema";

/** Append-only: who did what to which conversation. Call inside the transaction of the change. */
export async function recordAudit(
  db: Db,
  entry: { workspaceId: string; actorUserId: string | null; conversationId?: string | null; action: string; data?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actorUserId: entry.actorUserId,
    conversationId: entry.conversationId ?? null,
    action: entry.action,
    data: entry.data ?? {},
  });
}
