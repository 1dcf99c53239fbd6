import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { auditLog, conversations, messages } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { findConversations, getConversation } from "./queries";
import { countViews } from "./view-counts";
import { markConversationRead, updateConversation } from "./mutations";
import { listConversationsSchema } from "./schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const list = (input: Record<string, unknown>) => listConversationsSchema.parse(input);

async function expectAppError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

describe("findConversations", () => {
  it("pages through every conversation exactly once with keyset cursors, ties included", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = await makeUser(db, ws.workspace.id);
    const sameInstant = new Date("2026-03-01T10:00:00.123456Z");
    const ids = new Set<string>();
    for (let i = 0; i < 45; i++) {
      // Fifteen share one timestamp, so only the id breaks the tie.
      const at = i < 15 ? sameInstant : new Date(sameInstant.getTime() - i * 60_000);
      const { conversation } = await makeConversation(db, ws, { lastMessageAt: at });
      ids.add(conversation.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await findConversations(db, ws.workspace.id, agent.id, list({ view: "all", limit: 10, cursor }));
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(45);
    expect(new Set(seen)).toEqual(ids);
    const times = (await findConversations(db, ws.workspace.id, agent.id, list({ limit: 100 }))).items.map((c) => Date.parse(c.lastMessageAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("filters by view, status and team, and never leaks another workspace", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const me = await makeUser(db, ws.workspace.id);
    const colleague = await makeUser(db, ws.workspace.id);
    const team = await makeTeam(db, ws.workspace.id, "Bookings");
    await makeConversation(db, ws, { assigneeId: me.id });
    await makeConversation(db, ws, { assigneeId: me.id, status: "pending", teamId: team.id });
    await makeConversation(db, ws, { assigneeId: colleague.id });
    await makeConversation(db, ws, {});
    await makeConversation(db, ws, { status: "resolved", assigneeId: me.id });
    await makeConversation(db, ws, { status: "snoozed", snoozedUntil: new Date(Date.now() + 3600_000) });
    await makeConversation(db, other, {});

    const ids = async (input: Record<string, unknown>) => (await findConversations(db, ws.workspace.id, me.id, list(input))).items.length;
    expect(await ids({ view: "mine" })).toBe(2);
    expect(await ids({ view: "unassigned" })).toBe(1);
    expect(await ids({ view: "all" })).toBe(4);
    expect(await ids({ status: "resolved" })).toBe(1);
    expect(await ids({ status: "snoozed" })).toBe(1);
    expect(await ids({ team: team.id })).toBe(1);
    expect(await ids({ view: "mine", status: "pending" })).toBe(1);
    expect(await ids({ assignee: "me" })).toBe(2);
    expect(await ids({ assignee: "none" })).toBe(1);
    expect(await ids({ assignee: colleague.id })).toBe(1);
    expect(await ids({ view: "mine", assignee: colleague.id })).toBe(0);
    expect(await ids({ view: "unassigned", assignee: "none" })).toBe(1);
    expect(await ids({ status: "resolved", assignee: "me" })).toBe(1);
    expect(await ids({ team: team.id, view: "mine", status: "pending" })).toBe(1);

    const counts = await countViews(db, ws.workspace.id, me.id);
    expect(counts).toMatchObject({ mine: 2, unassigned: 1, all: 4, status: { open: 3, pending: 1, snoozed: 1, resolved: 1 } });
    expect(counts.teams[team.id]).toBe(1);
  });

  it("gives each workspace and user its own rows when a shape's statement is reused (generic plans)", async () => {
    // PostgreSQL switches a named statement to a generic plan after five runs: the runs after that
    // must still bind this call's workspace, user and cursor, not the first caller's.
    const db = database.db;
    const a = await makeWorkspace(db, "A Air");
    const b = await makeWorkspace(db, "B Air");
    const [ua, ub] = [await makeUser(db, a.workspace.id), await makeUser(db, b.workspace.id)];
    for (let i = 0; i < 3; i++) await makeConversation(db, a, { assigneeId: ua.id });
    await makeConversation(db, b, { assigneeId: ub.id });
    for (let run = 0; run < 8; run++) {
      expect((await findConversations(db, a.workspace.id, ua.id, list({ view: "mine" }))).items).toHaveLength(3);
      expect((await findConversations(db, b.workspace.id, ub.id, list({ view: "mine" }))).items).toHaveLength(1);
      expect((await findConversations(db, a.workspace.id, ub.id, list({ view: "mine" }))).items).toHaveLength(0);
      const first = await findConversations(db, a.workspace.id, ua.id, list({ view: "mine", limit: 2 }));
      expect(first.items).toHaveLength(2);
      const next = await findConversations(db, a.workspace.id, ua.id, list({ view: "mine", limit: 2, cursor: first.nextCursor! }));
      expect(next.items.map((c) => c.id)).not.toContain(first.items[0]!.id);
      expect(next.items).toHaveLength(1);
    }
  });

  it("rejects a forged cursor with a validation error", async () => {
    const ws = await makeWorkspace(database.db);
    const me = await makeUser(database.db, ws.workspace.id);
    await expectAppError(findConversations(database.db, ws.workspace.id, me.id, list({ cursor: "bm90LWEtY3Vyc29y" })), "validation_failed");
  });
});

describe("getConversation", () => {
  it("returns the contact's past conversations and 404s across workspaces", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Elsewhere");
    const { conversation, contact } = await makeConversation(db, ws);
    await db.insert(conversations).values({ workspaceId: ws.workspace.id, contactId: contact.id, channelId: ws.channel.id, status: "resolved" });
    const detail = await getConversation(db, ws.workspace.id, conversation.id);
    expect(detail.contact.id).toBe(contact.id);
    expect(detail.pastConversations).toHaveLength(1);
    await expectAppError(getConversation(db, other.workspace.id, conversation.id), "not_found");
  });
});

describe("updateConversation", () => {
  it("changes status with an inline event, an audit entry, and a 409 for illegal moves", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws, { unreadCount: 3, waitingSince: new Date() });

    await updateConversation(db, agent, conversation.id, { status: "resolved" });
    const [row] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row).toMatchObject({ status: "resolved", unreadCount: 0, waitingSince: null });
    expect(row!.resolvedAt).toBeInstanceOf(Date);

    const events = await db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.kind, "event")));
    expect(events.map((e) => e.text)).toEqual([`${agent.name} marked this resolved`]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.conversationId, conversation.id));
    expect(audit.map((a) => a.action)).toEqual(["conversation.status_changed"]);

    await expectAppError(updateConversation(db, agent, conversation.id, { status: "pending" }), "conflict");
    await updateConversation(db, agent, conversation.id, { status: "open" });
    const [reopened] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(reopened).toMatchObject({ status: "open", resolvedAt: null });
  });

  it("refuses to reopen when the customer already has another live conversation", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { contact } = await makeConversation(db, ws);
    const [old] = await db
      .insert(conversations)
      .values({ workspaceId: ws.workspace.id, contactId: contact.id, channelId: ws.channel.id, status: "resolved" })
      .returning();
    const err = await expectAppError(updateConversation(db, agent, old!.id, { status: "open" }), "conflict");
    expect(err.message).toMatch(/another open conversation/);
  });

  it("lets agents take free conversations but only leads assign others", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id, "agent"));
    const colleague = await makeUser(db, ws.workspace.id, "agent");
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
    const { conversation } = await makeConversation(db, ws);

    await expectAppError(updateConversation(db, agent, conversation.id, { assigneeId: colleague.id }), "forbidden");
    await updateConversation(db, agent, conversation.id, { assigneeId: agent.userId });
    await updateConversation(db, lead, conversation.id, { assigneeId: colleague.id });
    // Taking it back from a colleague is a lead's call.
    await expectAppError(updateConversation(db, agent, conversation.id, { assigneeId: agent.userId }), "forbidden");
    const [row] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.assigneeId).toBe(colleague.id);

    const deactivated = await makeUser(db, ws.workspace.id, "agent", { active: false });
    await expectAppError(updateConversation(db, lead, conversation.id, { assigneeId: deactivated.id }), "conflict");
    const stranger = (await makeUser(db, (await makeWorkspace(db, "Else")).workspace.id)).id;
    await expectAppError(updateConversation(db, lead, conversation.id, { assigneeId: stranger }), "validation_failed");
  });

  it("404s for a conversation of another workspace", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Else");
    const outsider = actorOf(await makeUser(db, other.workspace.id, "admin"));
    const { conversation } = await makeConversation(db, ws);
    await expectAppError(updateConversation(db, outsider, conversation.id, { status: "pending" }), "not_found");
  });
});

describe("markConversationRead", () => {
  it("clears the unread count once", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws, { unreadCount: 2 });
    expect(await markConversationRead(db, agent, conversation.id)).toEqual({ changed: true });
    expect(await markConversationRead(db, agent, conversation.id)).toEqual({ changed: false });
  });

  it("is a 404 for another workspace's conversation, read or unread, and changes nothing there", async () => {
    const db = database.db;
    const mine = await makeWorkspace(db);
    const theirs = await makeWorkspace(db, "Other Air");
    const agent = actorOf(await makeUser(db, mine.workspace.id));
    const { conversation } = await makeConversation(db, theirs, { unreadCount: 3 });
    await expectAppError(markConversationRead(db, agent, conversation.id), "not_found");
    const [after] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after!.unreadCount).toBe(3);
    await db.update(conversations).set({ unreadCount: 0 }).where(eq(conversations.id, conversation.id));
    await expectAppError(markConversationRead(db, agent, conversation.id), "not_found");
  });
});
