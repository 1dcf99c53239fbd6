import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { conversations, messages } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase } from "@/lib/testing/db";
import { makeConversation, makeWorkspace } from "@/lib/testing/factories";

// conversations.first_inbound_at is kept by deferred triggers on messages (migration 0016): the
// report's first response reads it instead of the messages, so every way a message appears, moves
// or disappears must leave it equal to the earliest inbound message.
describe("conversations.first_inbound_at", () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  const at = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);
  type Kind = "in" | "reply" | "failed" | "auto" | "note";
  async function add(ws: Awaited<ReturnType<typeof makeWorkspace>>, conversationId: string, rows: [Kind, string][], tx: Db = db) {
    const inserted = await tx
      .insert(messages)
      .values(
        rows.map(([kind, hhmm]) => ({
          workspaceId: ws.workspace.id,
          conversationId,
          channelId: ws.channel.id,
          direction: kind === "in" ? ("inbound" as const) : kind === "note" ? ("internal" as const) : ("outbound" as const),
          authorType: kind === "in" ? ("customer" as const) : kind === "auto" || kind === "note" ? ("system" as const) : ("agent" as const),
          kind: "text",
          text: "x",
          status: kind === "in" || kind === "note" ? null : kind === "failed" ? ("failed" as const) : ("sent" as const),
          createdAt: at(hhmm),
        })),
      )
      .returning({ id: messages.id });
    return inserted.map((m) => m.id);
  }
  async function kept(conversationId: string) {
    const [c] = await db.select({ at: conversations.firstInboundAt }).from(conversations).where(eq(conversations.id, conversationId));
    return c?.at?.toISOString() ?? null;
  }
  async function real(conversationId: string) {
    const [r] = await db.execute<{ at: string | null }>(
      sql`select to_json(min(created_at))#>>'{}' as at from messages where conversation_id = ${conversationId}::uuid and direction = 'inbound'`,
    ).then((res) => (Array.isArray(res) ? res : (res as { rows: { at: string | null }[] }).rows));
    return r?.at ? new Date(r.at).toISOString() : null;
  }

  it("follows inbound inserts, late arrivals, replies of every kind, deletes and moves", async () => {
    const ws = await makeWorkspace(db, "First Air");
    const { conversation: c } = await makeConversation(db, ws);
    const { conversation: d } = await makeConversation(db, ws);

    // Our template first (no customer yet), then automations, notes and failed sends: still none.
    await add(ws, c.id, [["reply", "08:00"], ["auto", "08:01"], ["note", "08:02"], ["failed", "08:03"]]);
    expect(await kept(c.id)).toBeNull();

    // The customer writes (two in one statement), a later message does not move it, a late older
    // one (delivered out of order) does.
    await add(ws, c.id, [["in", "09:30"], ["in", "09:00"]]);
    expect(await kept(c.id)).toBe(at("09:00").toISOString());
    const [later] = await add(ws, c.id, [["in", "10:00"], ["reply", "10:05"]]);
    expect(await kept(c.id)).toBe(at("09:00").toISOString());
    const [late] = await add(ws, c.id, [["in", "08:30"]]);
    expect(await kept(c.id)).toBe(at("08:30").toISOString());

    // Inside a transaction (as the webhook processor writes): kept by the commit.
    await db.transaction(async (tx) => {
      await add(ws, d.id, [["in", "11:00"]], tx);
      await add(ws, d.id, [["reply", "11:05"]], tx);
    });
    expect(await kept(d.id)).toBe(at("11:00").toISOString());

    // Deleting a later inbound changes nothing; deleting the first falls back to the next one.
    await db.delete(messages).where(eq(messages.id, later!));
    expect(await kept(c.id)).toBe(at("08:30").toISOString());
    await db.delete(messages).where(eq(messages.id, late!));
    expect(await kept(c.id)).toBe(at("09:00").toISOString());

    // A message moved in time or to another conversation moves both conversations' values.
    await db.update(messages).set({ createdAt: at("07:00") }).where(eq(messages.conversationId, d.id));
    expect(await kept(d.id)).toBe(at("07:00").toISOString());
    await db.update(messages).set({ conversationId: c.id }).where(eq(messages.conversationId, d.id));
    expect([await kept(c.id), await kept(d.id)]).toEqual([at("07:00").toISOString(), null]);
    // Delivery receipts (a status update) fire nothing and change nothing.
    await db.update(messages).set({ status: "read" }).where(eq(messages.conversationId, c.id));
    expect(await kept(c.id)).toBe(await real(c.id));

    // Every inbound gone: null again; a conversation's cascade deletes its messages without error.
    await db.delete(messages).where(sql`${messages.conversationId} = ${c.id}::uuid and ${messages.direction} = 'inbound'`);
    expect(await kept(c.id)).toBeNull();
    await add(ws, c.id, [["in", "12:00"]]);
    expect(await kept(c.id)).toBe(await real(c.id));
    await db.delete(conversations).where(eq(conversations.id, c.id));
    expect(await db.select().from(messages).where(eq(messages.conversationId, c.id))).toHaveLength(0);
  });
});
