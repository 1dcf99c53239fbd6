import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { updateConversation } from "@/lib/conversations/mutations";
import { notifications } from "@/lib/db/schema";
import { createNote } from "@/lib/messages/notes";
import { createReply } from "@/lib/messages/reply";
import { createBus } from "@/lib/realtime/bus";
import { createLiveHub, type LiveHub } from "@/lib/live/hub";
import type { LiveFrame } from "@/lib/live/frame";
import { notifyAssigned } from "./notify";
import { listNotifications, markNotificationsRead } from "./queries";
import { markReadSchema } from "./schemas";
import { until } from "@/lib/testing/until";

let database: TestDatabase;
let hub: LiveHub;
beforeAll(async () => {
  database = await createTestDatabase();
  hub = createLiveHub({ getDb: async () => database.db, subscribe: createBus(async () => database).subscribe });
});
afterAll(async () => {
  await database?.close();
});

const page = (actor: Actor, cursor?: string, limit = 20) => listNotifications(database.db, { actor, input: { limit, cursor } });

async function listen(actor: Actor) {
  const frames: LiveFrame[] = [];
  const leave = await hub.join({ actor, send: (_e, data) => frames.push(JSON.parse(data(frames.length + 1)) as LiveFrame) });
  return { frames, leave };
}


describe(`notifications (${testDbKind()})`, () => {
  it("tells an agent a lead assigned them a conversation, but nobody about taking one or claiming it by replying", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead", { name: "Marco Blu" }));
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation, contact } = await makeConversation(db, ws);
    await updateConversation(db, lead, conversation.id, { assigneeId: agent.userId });
    const mine = await page(agent);
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: "assigned", conversationId: conversation.id, messageId: null, actor: { id: lead.userId, name: "Marco Blu" }, contactName: contact.profileName, readAt: null }),
    ]);

    // Taking one yourself, or replying to an unclaimed one: no notification.
    const { conversation: free } = await makeConversation(db, ws);
    await updateConversation(db, agent, free.id, { assigneeId: agent.userId });
    const { conversation: other } = await makeConversation(db, ws);
    await createReply(db, lead, other.id, { text: "Ciao!" });
    expect((await page(agent)).items).toHaveLength(1);
    expect((await page(lead)).items).toHaveLength(0);

    // Auto-assignment (lib/assignment) calls notifyAssigned without an actor.
    await db.transaction((tx) => notifyAssigned(tx, { workspaceId: ws.workspace.id, conversationId: free.id, assigneeId: lead.userId, byUserId: null }));
    expect((await page(lead)).items[0]).toMatchObject({ kind: "assigned", actor: null, conversationId: free.id });
  });

  it("pages newest first with a cursor and marks read by ids (only one's own) or all", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const author = actorOf(await makeUser(db, ws.workspace.id));
    const me = actorOf(await makeUser(db, ws.workspace.id));
    const someone = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws);
    for (let i = 0; i < 5; i++) await createNote(db, { actor: author, conversationId: conversation.id, input: { text: `nota ${i}`, mentions: [me.userId, someone.userId] } });

    const first = await page(me, undefined, 3);
    expect(first.items.map((n) => n.snippet)).toEqual(["nota 4", "nota 3", "nota 2"]);
    expect(first.unread).toBe(5);
    const second = await page(me, first.nextCursor!, 3);
    expect(second.items.map((n) => n.snippet)).toEqual(["nota 1", "nota 0"]);
    expect(second.nextCursor).toBeNull();

    const theirs = (await page(someone)).items.map((n) => n.id);
    const read = await markNotificationsRead(db, { actor: me, input: { ids: [first.items[0]!.id, theirs[0]!] } });
    expect(read).toEqual({ unread: 4, marked: 1 });
    expect((await page(someone)).unread).toBe(5);
    expect(await markNotificationsRead(db, { actor: me, input: { all: true } })).toEqual({ unread: 0, marked: 4 });
    expect((await page(me)).items.every((n) => n.readAt !== null)).toBe(true);
    expect(markReadSchema.safeParse({}).success).toBe(false);
    expect(markReadSchema.safeParse({ ids: [] }).success).toBe(false);
  });

  it("reaches the mentioned user's streams only, with the unread count; marking read reaches their other tabs", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const author = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Sara Verdi" }));
    const luca = actorOf(await makeUser(db, ws.workspace.id));
    const colleague = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws);
    const lucaTab = await listen(luca);
    const otherTab = await listen(colleague);
    try {
      const note = await createNote(db, { actor: author, conversationId: conversation.id, input: { text: "@Luca guarda qui", mentions: [luca.userId] } });
      await until("the expected state", () => lucaTab.frames.some((f) => f.notices.some((n) => n.type === "notification.created")));
      const notice = lucaTab.frames.flatMap((f) => f.notices).find((n) => n.type === "notification.created");
      expect(notice).toMatchObject({ type: "notification.created", userId: luca.userId, unread: 1, notification: { kind: "mention", messageId: note.id, actor: { name: "Sara Verdi" }, snippet: "@Luca guarda qui" } });
      // The colleague's stream carries the note (a message of the thread) but not Luca's notification.
      await until("the expected state", () => otherTab.frames.some((f) => f.messages.some((m) => m.id === note.id)));
      expect(otherTab.frames.flatMap((f) => f.notices).filter((n) => n.type === "notification.created")).toEqual([]);

      await markNotificationsRead(db, { actor: luca, input: { all: true } });
      await until("the expected state", () => lucaTab.frames.some((f) => f.notices.some((n) => n.type === "notifications.read")));
      expect(lucaTab.frames.flatMap((f) => f.notices).find((n) => n.type === "notifications.read")).toEqual({ type: "notifications.read", userId: luca.userId, ids: null, unread: 0 });
      const [row] = await db.select().from(notifications).where(eq(notifications.userId, luca.userId));
      expect(row!.readAt).toBeInstanceOf(Date);
      await new Promise((r) => setTimeout(r, 150));
      expect(otherTab.frames.flatMap((f) => f.notices).some((n) => n.type === "notifications.read")).toBe(false);
    } finally {
      lucaTab.leave();
      otherTab.leave();
    }
  });
});
