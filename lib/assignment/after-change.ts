import type { Db } from "@/lib/db/types";
import type { ConversationChange } from "@/lib/conversations/mutations";
import { autoTeamsOf, drainTeams, enqueue, lockRouting } from "./engine";

/**
 * What changes to conversations mean for routing, decided once for a whole action (one
 * conversation or a bulk change), inside its transaction:
 *  - an agent who lost a conversation (resolved, unassigned, handed to someone else) has room:
 *    their auto-assign teams' queues are drained;
 *  - a conversation nobody holds that was reopened, moved to another team or unassigned joins its
 *    team's queue (when the team auto-assigns) and is handed out at once if someone has room —
 *    never straight back to whoever just put it down.
 */
export async function routeAfterChanges(tx: Db, workspaceId: string, changes: readonly ConversationChange[], now: Date): Promise<void> {
  const freed = new Set<string>();
  const toQueue: string[] = [];
  const droppedBy = new Set<string>();
  for (const { before: b, after: a, changed } of changes) {
    if (changed.length === 0) continue;
    const resolvedNow = a.status === "resolved" && b.status !== "resolved";
    if (b.assigneeId && (a.assigneeId !== b.assigneeId || resolvedNow)) freed.add(b.assigneeId);
    if (a.assigneeId || a.status === "resolved" || !a.teamId) continue;
    const reopened = b.status === "resolved";
    const moved = a.teamId !== b.teamId;
    const unassigned = !!b.assigneeId;
    if (reopened || moved || unassigned) toQueue.push(a.id);
    if (unassigned) droppedBy.add(b.assigneeId!);
  }
  if (freed.size === 0 && toQueue.length === 0) return;
  await lockRouting(tx, workspaceId);
  const teams = new Set(await enqueue(tx, workspaceId, toQueue, now));
  for (const userId of freed) for (const t of await autoTeamsOf(tx, workspaceId, userId)) teams.add(t);
  await drainTeams(tx, workspaceId, teams, { now, exclude: droppedBy });
}
