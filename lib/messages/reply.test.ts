import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { conversations, messages } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { createReply } from "./reply";
import { findMessages } from "./queries";
import { replySchema } from "./schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("createReply", () => {
  it("stores a queued outbound reply, answers the waiting customer and takes the conversation", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const waitingSince = new Date(Date.now() - 600_000);
    const { conversation } = await makeConversation(db, ws, { waitingSince, unreadCount: 2, lastInboundAt: waitingSince });

    const { id, duplicate } = await createReply(db, agent, conversation.id, { text: "  Buongiorno! Controllo subito.  " });
    expect(duplicate).toBe(false);
    const [msg] = await db.select().from(messages).where(eq(messages.id, id));
    expect(msg).toMatchObject({ direction: "outbound", authorType: "agent", authorUserId: agent.userId, status: "queued", kind: "text" });
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(conv).toMatchObject({ assigneeId: agent.userId, waitingSince: null, unreadCount: 0, lastMessageDirection: "outbound", lastMessagePreview: "Buongiorno! Controllo subito." });
    expect(conv!.firstResponseAt).toBeInstanceOf(Date);

    const page = await findMessages(db, ws.workspace.id, conversation.id, { limit: 10 });
    expect(page.items.map((m) => m.kind)).toEqual(["text", "event"]);
    expect(page.items[1]!.text).toBe(`${agent.name} took this conversation`);
  });

  it("stores one reply when the same clientMessageId is posted twice", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws, { assigneeId: agent.userId });
    const first = await createReply(db, agent, conversation.id, { text: "Hello", clientMessageId: "retry-me-123" });
    const second = await createReply(db, agent, conversation.id, { text: "Hello", clientMessageId: "retry-me-123" });
    expect(second).toEqual({ id: first.id, duplicate: true });
    const rows = await db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(rows).toHaveLength(1);
  });

  it("refuses replies to resolved conversations and foreign quotes", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws, { status: "resolved" });
    await expect(createReply(db, agent, conversation.id, { text: "Hi" })).rejects.toMatchObject({ code: "conflict" });
    const { conversation: open } = await makeConversation(db, ws);
    const err = await createReply(db, agent, open.id, { text: "Hi", replyToMessageId: crypto.randomUUID() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields?.replyToMessageId).toBeDefined();
  });

  it("pages messages newest first without gaps", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws, { assigneeId: agent.userId });
    for (let i = 0; i < 7; i++) await createReply(db, agent, conversation.id, { text: `m${i}` });
    const a = await findMessages(db, ws.workspace.id, conversation.id, { limit: 4 });
    const b = await findMessages(db, ws.workspace.id, conversation.id, { limit: 4, cursor: a.nextCursor! });
    expect([...a.items, ...b.items].map((m) => m.text)).toEqual(["m6", "m5", "m4", "m3", "m2", "m1", "m0"]);
    expect(b.nextCursor).toBeNull();
  });
});

describe("reply validation", () => {
  it("rejects empty, whitespace-only and over-long texts with field errors", () => {
    expect(replySchema.safeParse({ text: "" }).success).toBe(false);
    expect(replySchema.safeParse({ text: "   \n " }).success).toBe(false);
    const long = replySchema.safeParse({ text: "x".repeat(4097) });
    expect(long.error?.issues[0]?.message).toMatch(/4096/);
    expect(replySchema.safeParse({ text: "ok", clientMessageId: "bad id!" }).success).toBe(false);
  });
});
