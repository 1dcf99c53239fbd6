import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { contacts, messages } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { eq } from "drizzle-orm";
import { createLabel, setConversationLabels } from "@/lib/labels/labels";
import { searchConversations } from "./search";
import { searchSchema } from "./schemas";
import { toPrefixQuery, toSegments } from "./query-text";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function say(db: Db, conv: { id: string; workspaceId: string; channelId: string }, text: string, at: Date, over: Partial<typeof messages.$inferInsert> = {}) {
  const [m] = await db
    .insert(messages)
    .values({ workspaceId: conv.workspaceId, conversationId: conv.id, channelId: conv.channelId, direction: "inbound", authorType: "customer", kind: "text", text, createdAt: at, ...over })
    .returning();
  return m!;
}

describe("toPrefixQuery", () => {
  it("keeps letters and digits of any language as prefix terms, so nothing typed breaks the query", () => {
    expect(toPrefixQuery("Mar ros")).toBe("mar:* & ros:*");
    expect(toPrefixQuery("città! & | ! :* ')")).toBe("città:*");
    expect(toPrefixQuery("VZ-204")).toBe("vz:* & 204:*");
    expect(toPrefixQuery("&&& !!")).toBeNull();
  });
  it("turns headline markers into segments", () => {
    expect(toSegments("my \u0001bag\u0002 is lost")).toEqual([
      { text: "my ", match: false },
      { text: "bag", match: true },
      { text: " is lost", match: false },
    ]);
  });
});

describe("searchConversations", () => {
  it("finds message text by word prefixes, newest first, with highlights, pages by keyset, and customers by name", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const a = await makeConversation(db, ws);
    await db.update(contacts).set({ profileName: "Marta Rossi" }).where(eq(contacts.id, a.contact.id));
    const b = await makeConversation(db, ws);
    const t0 = Date.parse("2026-11-20T10:00:00Z");
    const lost = await say(db, a.conversation, "My suitcase was lost on flight VZ 204", new Date(t0));
    const delayed = await say(db, b.conversation, "The suitcase arrived damaged", new Date(t0 + 60_000));
    await say(db, b.conversation, "Thanks, all good", new Date(t0 + 120_000));
    await say(db, b.conversation, "suitcase (deleted)", new Date(t0 + 180_000), { revokedAt: new Date() });
    await say(db, b.conversation, "Suitcase event", new Date(t0 + 240_000), { kind: "event", direction: "internal", authorType: "system" });

    const page1 = await searchConversations(db, { workspaceId: ws.workspace.id, userId: agent.userId, input: searchSchema.parse({ q: "suitc", limit: 1 }) });
    expect(page1.hits.map((h) => h.messageId)).toEqual([delayed.id]);
    expect(page1.hits[0]!.conversationId).toBe(b.conversation.id);
    expect(page1.hits[0]!.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase())).toEqual(["suitcase"]);
    const page2 = await searchConversations(db, { workspaceId: ws.workspace.id, userId: agent.userId, input: searchSchema.parse({ q: "suitc", limit: 1, cursor: page1.nextCursor }) });
    expect(page2.hits.map((h) => h.messageId)).toEqual([lost.id]);
    expect(page2.nextCursor).toBeNull();

    const both = await searchConversations(db, { workspaceId: ws.workspace.id, userId: agent.userId, input: searchSchema.parse({ q: "lost vz" }) });
    expect(both.hits.map((h) => h.messageId)).toEqual([lost.id]);

    const byName = await searchConversations(db, { workspaceId: ws.workspace.id, userId: agent.userId, input: searchSchema.parse({ q: "marta ros" }) });
    expect(byName.contacts.map((c) => [c.contact.name, c.conversationId])).toEqual([["Marta Rossi", a.conversation.id]]);
    const byNumber = await searchConversations(db, { workspaceId: ws.workspace.id, userId: agent.userId, input: searchSchema.parse({ q: a.contact.waId.slice(0, 6) }) });
    expect(byNumber.contacts.map((c) => c.conversationId)).toContain(a.conversation.id);
  });

  it("applies status, assignee, label and date filters, and never crosses workspaces", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
    const mine = await makeConversation(db, ws, { assigneeId: agent.userId });
    const resolved = await makeConversation(db, ws, { status: "resolved" });
    const m1 = await say(db, mine.conversation, "refund for the upgrade please", new Date("2026-11-02T09:00:00Z"));
    const m2 = await say(db, resolved.conversation, "refund received, thanks", new Date("2026-11-10T09:00:00Z"));
    const other = await makeWorkspace(db, "Other Air");
    const foreign = await makeConversation(db, other);
    await say(db, foreign.conversation, "refund refund refund", new Date("2026-11-05T09:00:00Z"));

    const run = (input: Record<string, unknown>) => searchConversations(db, { workspaceId: ws.workspace.id, userId: agent.userId, input: searchSchema.parse({ q: "refund", ...input }) }).then((r) => r.hits.map((h) => h.messageId));
    expect(await run({})).toEqual([m2.id, m1.id]);
    expect(await run({ status: "resolved" })).toEqual([m2.id]);
    expect(await run({ assignee: "me" })).toEqual([m1.id]);
    expect(await run({ assignee: "none" })).toEqual([m2.id]);
    expect(await run({ from: "2026-11-03" })).toEqual([m2.id]);
    expect(await run({ to: "2026-11-02" })).toEqual([m1.id]);
    const label = await createLabel(db, { actor: lead, input: { name: "Refunds", color: "red" } });
    await setConversationLabels(db, { actor: lead, conversationId: resolved.conversation.id, input: { labelIds: [label.id] } });
    expect(await run({ label: label.id })).toEqual([m2.id]);
  });

  it("validates the query: too short, bad dates, an end before the start", () => {
    expect(searchSchema.safeParse({ q: "a" }).success).toBe(false);
    expect(searchSchema.safeParse({ q: "ab", from: "2026-02-30" }).success).toBe(false);
    expect(searchSchema.safeParse({ q: "ab", from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);
    expect(searchSchema.safeParse({ q: "ab", from: "2026-03-01", to: "2026-03-01" }).success).toBe(true);
  });
});
