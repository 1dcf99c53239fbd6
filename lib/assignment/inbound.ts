import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, teams } from "@/lib/db/schema";
import { routeConversations } from "./engine";

/**
 * Conversations a customer just opened (lib/ingest calls this in the transaction that recorded
 * their messages). There is no routing by number or topic yet: a new conversation joins the
 * workspace's first auto-assign team (oldest team first), and is queued and handed out there —
 * back to the customer's previous agent when that agent is online with room. A workspace without
 * an auto-assign team leaves them unassigned and without a team, as before.
 */
export async function routeNewConversations(tx: Db, ids: readonly string[], now = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  const fresh = await tx
    .select({ id: conversations.id, workspaceId: conversations.workspaceId })
    .from(conversations)
    .where(and(inArray(conversations.id, [...ids]), isNull(conversations.assigneeId)));
  const byWorkspace = new Map<string, string[]>();
  for (const c of fresh) byWorkspace.set(c.workspaceId, [...(byWorkspace.get(c.workspaceId) ?? []), c.id]);
  let assigned = 0;
  for (const [workspaceId, convIds] of [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.autoAssign, true)))
      .orderBy(asc(teams.createdAt), asc(teams.name))
      .limit(1);
    if (!team) continue;
    await tx
      .update(conversations)
      .set({ teamId: team.id })
      .where(and(inArray(conversations.id, convIds), isNull(conversations.teamId)));
    assigned += await routeConversations(tx, workspaceId, convIds, { now });
  }
  return assigned;
}
