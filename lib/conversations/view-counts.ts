import "server-only";
import { sql } from "drizzle-orm";
import { conversationCounts, conversationTotals } from "@/lib/db/schema";
import { queryRows } from "@/lib/db/rows";
import type { Db } from "@/lib/db/types";
import { preparedRead } from "@/lib/db/prepared";

export type ViewCounts = {
  mine: number;
  unassigned: number;
  all: number;
  status: Record<"open" | "pending" | "snoozed" | "resolved", number>;
  teams: Record<string, number>;
};

const ACTIVE: readonly string[] = ["open", "pending"];

type Group = { status: "open" | "pending" | "snoozed" | "resolved"; assigneeId: string | null; teamId: string | null; n: number };

/**
 * A workspace's conversations by status, assignee and team, from what triggers keep (migrations
 * 0013 and 0019): the live groups are the sum of conversation_counts' deltas, the resolved ones
 * (years of history) conversation_totals' single row. Neither counts conversations: at 100k/1M the
 * count over the live rows was 3.7 of the request's database milliseconds (bench:api, 12-03).
 */
async function countGroups(db: Db, workspaceId: string): Promise<Group[]> {
  // One statement, one snapshot: a conversation resolved meanwhile is counted once, live or resolved.
  const rows = await preparedRead(db, "conversations.view-counts", () => {
    const ws = sql.placeholder("workspaceId");
    return db
      .select({
        status: sql<Group["status"]>`${conversationCounts.status}`.as("status"),
        assigneeId: sql<string | null>`${conversationCounts.assigneeId}`.as("assignee_id"),
        teamId: sql<string | null>`${conversationCounts.teamId}`.as("team_id"),
        n: sql<number>`sum(${conversationCounts.n})::int`.as("n"),
      })
      .from(conversationCounts)
      .where(sql`${conversationCounts.workspaceId} = ${ws}::uuid`)
      .groupBy(conversationCounts.status, conversationCounts.assigneeId, conversationCounts.teamId)
      .having(sql`sum(${conversationCounts.n}) <> 0`)
      .unionAll(
        db
          .select({
            status: sql<Group["status"]>`'resolved'::conversation_status`.as("status"),
            assigneeId: sql<string | null>`null::uuid`.as("assignee_id"),
            teamId: sql<string | null>`null::uuid`.as("team_id"),
            n: sql<number>`${conversationTotals.resolved}`.as("n"),
          })
          .from(conversationTotals)
          .where(sql`${conversationTotals.workspaceId} = ${ws}::uuid`),
      );
  }).execute({ workspaceId });
  return rows.map((r) => ({ status: r.status, assigneeId: r.assigneeId, teamId: r.teamId, n: Number(r.n) }));
}

function viewCountsOf(groups: Group[], userId: string): ViewCounts {
  const c: ViewCounts = { mine: 0, unassigned: 0, all: 0, status: { open: 0, pending: 0, snoozed: 0, resolved: 0 }, teams: {} };
  for (const g of groups) {
    c.status[g.status] += g.n;
    if (!ACTIVE.includes(g.status)) continue;
    c.all += g.n;
    if (g.assigneeId === null) c.unassigned += g.n;
    else if (g.assigneeId === userId) c.mine += g.n;
    if (g.teamId !== null) c.teams[g.teamId] = (c.teams[g.teamId] ?? 0) + g.n;
  }
  return c;
}

/** The left pane's counts for one person: mine, unassigned, all live, each status, each team. */
export async function countViews(db: Db, workspaceId: string, userId: string): Promise<ViewCounts> {
  return viewCountsOf(await countGroups(db, workspaceId), userId);
}

/** `countViews` for several people of a workspace from the same read (realtime, once per batch). */
export async function countViewsForUsers(db: Db, { workspaceId, userIds }: { workspaceId: string; userIds: string[] }): Promise<Map<string, ViewCounts>> {
  const groups = await countGroups(db, workspaceId);
  return new Map([...new Set(userIds)].map((userId) => [userId, viewCountsOf(groups, userId)]));
}

/**
 * Folds conversation_counts' deltas into one row per group (the database function of migration
 * 0019; safe from every process at once). Returns how many rows it folded.
 */
export async function compactConversationCounts(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select compact_conversation_counts() as folded`);
  return Number(row?.folded ?? 0);
}
