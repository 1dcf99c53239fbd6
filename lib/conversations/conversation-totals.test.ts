import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Db } from "@/lib/db/types";
import { conversationCounts, conversations, conversationTotals, teams, users, workspaces } from "@/lib/db/schema";
import { bulkUpdateConversations, changeConversation } from "@/lib/assignment/update";
import { bulkUpdateSchema } from "@/lib/assignment/schemas";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { compactConversationCounts, countViews, countViewsForUsers, type ViewCounts } from "./view-counts";
import { updateConversationSchema } from "./schemas";

// conversation_totals.resolved is kept by triggers (migration 0013): every way a conversation enters
// or leaves "resolved", or appears or disappears resolved, must leave it equal to a real count.
describe("conversation_totals (the resolved count)", () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  async function kept(workspaceId: string) {
    const [t] = await db.select({ n: conversationTotals.resolved }).from(conversationTotals).where(eq(conversationTotals.workspaceId, workspaceId));
    return t?.n ?? 0;
  }
  async function real(workspaceId: string) {
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, "resolved")));
    return r!.n;
  }

  it("follows inserts, resolve and reopen, bulk changes, deletes and another workspace's changes", async () => {
    const ws = await makeWorkspace(db, "Totals Air");
    const other = await makeWorkspace(db, "Other Air");
    const lead = await makeUser(db, ws.workspace.id, "lead");
    const actor = actorOf(lead);
    expect(await kept(ws.workspace.id)).toBe(0);

    // Inserted resolved (imports, seeds) and inserted open.
    const done = await makeConversation(db, ws, { status: "resolved", resolvedAt: new Date() });
    const live = await Promise.all([1, 2, 3].map(() => makeConversation(db, ws)));
    await makeConversation(db, other, { status: "resolved", resolvedAt: new Date() });
    expect(await kept(ws.workspace.id)).toBe(1);

    // A single PATCH: resolve, then an unrelated change (no move), then reopen.
    await changeConversation(db, actor, live[0]!.conversation.id, updateConversationSchema.parse({ status: "resolved" }));
    expect(await kept(ws.workspace.id)).toBe(2);
    await changeConversation(db, actor, live[0]!.conversation.id, updateConversationSchema.parse({ priority: "high" }));
    expect(await kept(ws.workspace.id)).toBe(2);
    await changeConversation(db, actor, live[0]!.conversation.id, updateConversationSchema.parse({ status: "open" }));
    expect(await kept(ws.workspace.id)).toBe(1);

    // Bulk: two resolved at once, one of them already resolved (no double count).
    await bulkUpdateConversations(db, actor, bulkUpdateSchema.parse({ ids: [live[1]!.conversation.id, live[2]!.conversation.id, done.conversation.id], status: "resolved" }));
    expect(await kept(ws.workspace.id)).toBe(await real(ws.workspace.id));
    expect(await kept(ws.workspace.id)).toBe(3);

    // Snoozed and pending are not resolved; a set-based update of many rows moves it by each row.
    await db.update(conversations).set({ status: "pending" }).where(eq(conversations.workspaceId, ws.workspace.id));
    expect(await kept(ws.workspace.id)).toBe(0);
    await db.update(conversations).set({ status: "resolved" }).where(eq(conversations.workspaceId, ws.workspace.id));
    expect(await kept(ws.workspace.id)).toBe(4);

    // Deleting a resolved conversation, then the whole other workspace (its row goes with it).
    await db.delete(conversations).where(eq(conversations.id, done.conversation.id));
    expect(await kept(ws.workspace.id)).toBe(3);
    await db.delete(workspaces).where(eq(workspaces.id, other.workspace.id));
    expect(await db.select().from(conversationTotals).where(eq(conversationTotals.workspaceId, other.workspace.id))).toHaveLength(0);
    expect(await kept(ws.workspace.id)).toBe(await real(ws.workspace.id));

    // What the left pane shows, live and on request.
    expect((await countViews(db, ws.workspace.id, lead.id)).status.resolved).toBe(3);
    expect((await countViewsForUsers(db, { workspaceId: ws.workspace.id, userIds: [lead.id] })).get(lead.id)!.status.resolved).toBe(3);
  });

  /** The left pane's counts the slow way: counting the conversations themselves. */
  async function counted(workspaceId: string, userId: string): Promise<ViewCounts> {
    const rows = await db
      .select({ status: conversations.status, assigneeId: conversations.assigneeId, teamId: conversations.teamId, n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(eq(conversations.workspaceId, workspaceId))
      .groupBy(conversations.status, conversations.assigneeId, conversations.teamId);
    const c: ViewCounts = { mine: 0, unassigned: 0, all: 0, status: { open: 0, pending: 0, snoozed: 0, resolved: 0 }, teams: {} };
    for (const r of rows) {
      c.status[r.status] += r.n;
      if (r.status !== "open" && r.status !== "pending") continue;
      c.all += r.n;
      if (r.assigneeId === null) c.unassigned += r.n;
      else if (r.assigneeId === userId) c.mine += r.n;
      if (r.teamId) c.teams[r.teamId] = (c.teams[r.teamId] ?? 0) + r.n;
    }
    return c;
  }

  // conversation_counts (migration 0019) keeps the live groups as deltas: after every kind of change
  // the counts read from it equal a real count, folded or not.
  it("the live view counts follow inserts, assignment, teams, status, bulk changes, deletes and folds", async () => {
    const ws = await makeWorkspace(db, "Counts Air");
    const other = await makeWorkspace(db, "Elsewhere Air");
    const lead = await makeUser(db, ws.workspace.id, "lead");
    const agent = await makeUser(db, ws.workspace.id, "agent");
    const leaver = await makeUser(db, ws.workspace.id, "agent");
    const [sales, care] = [await makeTeam(db, ws.workspace.id), await makeTeam(db, ws.workspace.id)];
    const actor = actorOf(lead);
    const same = async (step: string) => {
      for (const u of [lead, agent, leaver]) {
        expect({ step, counts: await countViews(db, ws.workspace.id, u.id) }).toEqual({ step, counts: await counted(ws.workspace.id, u.id) });
      }
      const many = await countViewsForUsers(db, { workspaceId: ws.workspace.id, userIds: [lead.id, agent.id] });
      expect(many.get(agent.id)).toEqual(await counted(ws.workspace.id, agent.id));
    };
    await same("empty");

    const c = await Promise.all([
      makeConversation(db, ws),
      makeConversation(db, ws, { status: "pending", assigneeId: agent.id }),
      makeConversation(db, ws, { status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000), teamId: sales.id }),
      makeConversation(db, ws, { assigneeId: leaver.id, teamId: care.id }),
      makeConversation(db, ws, { status: "resolved", resolvedAt: new Date(), assigneeId: agent.id }),
      makeConversation(db, other, { assigneeId: null }),
    ]);
    const id = (i: number) => c[i]!.conversation.id;
    await same("inserted in every status");
    expect((await countViews(db, ws.workspace.id, agent.id)).mine).toBe(1);

    await changeConversation(db, actor, id(0), updateConversationSchema.parse({ assigneeId: agent.id }));
    await same("assigned");
    await changeConversation(db, actor, id(0), updateConversationSchema.parse({ teamId: sales.id }));
    await changeConversation(db, actor, id(1), updateConversationSchema.parse({ status: "resolved" }));
    await same("moved to a team; one resolved");
    await changeConversation(db, actor, id(4), updateConversationSchema.parse({ status: "open" }));
    await changeConversation(db, actor, id(0), updateConversationSchema.parse({ priority: "high" }));
    await same("reopened; an unrelated change");

    expect(await compactConversationCounts(db)).toBeGreaterThan(0);
    await same("folded");
    const perGroup = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversationCounts)
      .where(eq(conversationCounts.workspaceId, ws.workspace.id))
      .groupBy(conversationCounts.status, conversationCounts.assigneeId, conversationCounts.teamId);
    expect(perGroup.every((g) => g.n === 1)).toBe(true);

    await bulkUpdateConversations(db, actor, bulkUpdateSchema.parse({ ids: [id(0), id(2), id(3)], status: "pending" }));
    await same("bulk");
    await db.update(conversations).set({ assigneeId: null }).where(and(eq(conversations.workspaceId, ws.workspace.id), eq(conversations.status, "pending")));
    await same("a set-based update of many rows");
    await changeConversation(db, actor, id(3), updateConversationSchema.parse({ assigneeId: leaver.id }));
    await db.delete(users).where(eq(users.id, leaver.id));
    await db.delete(teams).where(eq(teams.id, care.id));
    await same("a teammate and a team deleted (their conversations unassigned by the foreign keys)");
    await db.delete(conversations).where(eq(conversations.id, id(2)));
    await same("a conversation deleted");

    await db.delete(workspaces).where(eq(workspaces.id, other.workspace.id));
    await compactConversationCounts(db);
    expect(await db.select().from(conversationCounts).where(eq(conversationCounts.workspaceId, other.workspace.id))).toHaveLength(0);
    await same("another workspace deleted and folded away");
  });
});
