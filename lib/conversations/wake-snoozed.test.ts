import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { makeConversation, makeWorkspace } from "@/lib/testing/factories";
import { conversations, messages } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { wakeSnoozedConversations } from "./wake-snoozed";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("wakeSnoozedConversations", () => {
  it("reopens only the conversations whose snooze has ended, once", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const now = new Date("2026-05-01T09:00:00Z");
    const { conversation: due } = await makeConversation(db, ws, { status: "snoozed", snoozedUntil: new Date(now.getTime() - 1000) });
    const { conversation: later } = await makeConversation(db, ws, { status: "snoozed", snoozedUntil: new Date(now.getTime() + 3600_000) });

    expect(await wakeSnoozedConversations(db, now)).toBe(1);
    expect(await wakeSnoozedConversations(db, now)).toBe(0);
    const [a] = await db.select().from(conversations).where(eq(conversations.id, due.id));
    const [b] = await db.select().from(conversations).where(eq(conversations.id, later.id));
    expect(a).toMatchObject({ status: "open", snoozedUntil: null });
    expect(b!.status).toBe("snoozed");
    const events = await db.select().from(messages).where(eq(messages.conversationId, due.id));
    expect(events.map((e) => e.text)).toEqual(["Snooze ended — the conversation is open again"]);
  });
});
