import { and, isNotNull, isNull, ne } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations } from "@/lib/db/schema";
import { drainTeams, lockRouting } from "./engine";

/** Drains every non-empty queue, one transaction per workspace (the safety net of the periodic job). */
export async function drainAllQueues(db: Db, now = new Date()): Promise<number> {
  const waiting = await db
    .selectDistinct({ workspaceId: conversations.workspaceId, teamId: conversations.teamId })
    .from(conversations)
    .where(and(isNotNull(conversations.queuedAt), isNull(conversations.assigneeId), ne(conversations.status, "resolved")));
  const byWorkspace = new Map<string, string[]>();
  for (const w of waiting) if (w.teamId) byWorkspace.set(w.workspaceId, [...(byWorkspace.get(w.workspaceId) ?? []), w.teamId]);
  let assigned = 0;
  for (const [workspaceId, teamIds] of byWorkspace) {
    assigned += await db.transaction(async (tx) => {
      await lockRouting(tx, workspaceId);
      return drainTeams(tx, workspaceId, teamIds, { now });
    });
  }
  return assigned;
}
