import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Db } from "@/lib/db/types";
import { conversations, conversationTotals, workspaces } from "@/lib/db/schema";
import { bulkUpdateConversations, changeConversation } from "@/lib/assignment/update";
import { bulkUpdateSchema } from "@/lib/assignment/schemas";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { countViews, countViewsForUsers } from "./queries";
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
});
