import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { conversations, messages, notifications } from "@/lib/db/schema";
import { buildSendBody, BuildSendBodyError } from "@/lib/whatsapp/build-send-body";
import { findMessages } from "./queries";
import { handleSendJob } from "./outbox";
import { createNote } from "./notes";
import { noteSchema } from "./schemas";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`internal notes (${testDbKind()})`, () => {
  it("are stored internal, kind note, with their mentions; never a reply, never the preview, never the 24-hour window", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const author = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Sara Verdi" }));
    const mentioned = await makeUser(db, ws.workspace.id, "lead", { name: "Marco Blu" });
    const waitingSince = new Date(Date.now() - 600_000);
    const { conversation } = await makeConversation(db, ws, { lastInboundAt: waitingSince, waitingSince, unreadCount: 1, lastMessagePreview: "Il mio bagaglio?", lastMessageDirection: "inbound", lastMessageAt: waitingSince });
    const before = (await db.select().from(conversations).where(eq(conversations.id, conversation.id)))[0]!;

    const note = await createNote(db, { actor: author, conversationId: conversation.id, input: { text: "@Marco Blu puoi autorizzare il rimborso?", mentions: [mentioned.id], clientMessageId: "note-client-1" } });
    expect(note).toMatchObject({ duplicate: false, mentioned: [mentioned.id] });

    const [row] = await db.select().from(messages).where(eq(messages.id, note.id));
    expect(row).toMatchObject({ direction: "internal", authorType: "agent", authorUserId: author.userId, kind: "note", status: null, payload: { mentions: [{ userId: mentioned.id, name: "Marco Blu" }] } });
    const after = (await db.select().from(conversations).where(eq(conversations.id, conversation.id)))[0]!;
    for (const k of ["firstResponseAt", "waitingSince", "lastInboundAt", "lastMessagePreview", "lastMessageAt", "lastMessageDirection", "unreadCount", "assigneeId"] as const) expect(after[k]).toEqual(before[k]);

    // The thread carries it as any message, with its author.
    const page = await findMessages(db, ws.workspace.id, conversation.id, { limit: 5 });
    expect(page.items[0]).toMatchObject({ id: note.id, kind: "note", direction: "internal", author: { id: author.userId, name: "Sara Verdi" } });

    // The same clientMessageId again: the stored note, and no second notification.
    expect(await createNote(db, { actor: author, conversationId: conversation.id, input: { text: "@Marco Blu puoi autorizzare il rimborso?", mentions: [mentioned.id], clientMessageId: "note-client-1" } })).toEqual({ id: note.id, duplicate: true, mentioned: [] });
    expect(await db.select().from(notifications).where(eq(notifications.messageId, note.id))).toHaveLength(1);
  });

  it("are never sent: the outbox skips them, its sweeper never selects them and the body builder refuses them", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const author = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws);
    const note = await createNote(db, { actor: author, conversationId: conversation.id, input: { text: "Cliente VIP", mentions: [] } });
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      return new Response("{}");
    }) as unknown as typeof fetch;
    const cfg = { accessToken: "t", graphUrl: "https://graph.facebook.test", apiVersion: "v26.0" };
    expect(await handleSendJob(db, cfg, note.id, fetchImpl)).toEqual({ outcome: "skipped", reason: "not an outbound message" });
    expect(calls).toBe(0);
    // The sweeper's query: queued outbound rows only.
    const stranded = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.status, "queued"), eq(messages.direction, "outbound")));
    expect(stranded).toEqual([]);
    expect(() => buildSendBody({ id: note.id, kind: "note", text: "Cliente VIP", payload: { mentions: [] } }, { to: "393331234567" })).toThrow(BuildSendBodyError);
  });

  it("notify only the mentioned teammates of the same workspace: not the author, not a deactivated one, not another workspace's user", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const author = actorOf(await makeUser(db, ws.workspace.id));
    const luca = await makeUser(db, ws.workspace.id);
    const bystander = await makeUser(db, ws.workspace.id);
    const gone = await makeUser(db, ws.workspace.id, "agent", { active: false });
    const stranger = await makeUser(db, other.workspace.id);
    const { conversation } = await makeConversation(db, ws);

    const note = await createNote(db, {
      actor: author,
      conversationId: conversation.id,
      input: { text: "Guardate qui", mentions: [luca.id, author.userId, gone.id, stranger.id, luca.id] },
    });
    expect(note.mentioned).toEqual([luca.id]);
    const rows = await db.select().from(notifications).where(eq(notifications.messageId, note.id));
    expect(rows.map((r) => ({ userId: r.userId, kind: r.kind, actor: r.actorUserId, conv: r.conversationId, ws: r.workspaceId }))).toEqual([
      { userId: luca.id, kind: "mention", actor: author.userId, conv: conversation.id, ws: ws.workspace.id },
    ]);
    expect(await db.select().from(notifications).where(eq(notifications.userId, bystander.id))).toEqual([]);
    // The stored mentions are the workspace's teammates only (the author may name themselves).
    const [row] = await db.select({ payload: messages.payload }).from(messages).where(eq(messages.id, note.id));
    expect((row!.payload as { mentions: { userId: string }[] }).mentions.map((m) => m.userId).sort()).toEqual([luca.id, author.userId].sort());
  });

  it("validate like a reply: words required, at most 20 mentions, ids only", () => {
    expect(noteSchema.safeParse({ text: "  " }).success).toBe(false);
    expect(noteSchema.parse({ text: "ok" })).toEqual({ text: "ok", mentions: [] });
    expect(noteSchema.safeParse({ text: "ok", mentions: ["luca"] }).success).toBe(false);
    expect(noteSchema.safeParse({ text: "ok", mentions: Array.from({ length: 21 }, () => crypto.randomUUID()) }).success).toBe(false);
  });
});
