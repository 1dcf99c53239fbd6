import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { conversationViewers } from "@/lib/db/schema";
import { createBus } from "@/lib/realtime/bus";
import { createLiveHub, type LiveHub } from "@/lib/live/hub";
import type { LiveFrame, LiveNotice } from "@/lib/live/frame";
import { leaveViewer, listViewers, touchViewer, VIEWER_TTL_MS } from "./viewers";
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

async function listen(actor: Actor) {
  const notices: LiveNotice[] = [];
  let seq = 0;
  const leave = await hub.join({ actor, send: (_e, data) => notices.push(...(JSON.parse(data(++seq)) as LiveFrame).notices) });
  return { notices, leave };
}


describe(`thread viewers (${testDbKind()})`, () => {
  it("lists who is viewing and typing, tells the workspace of each change (not of a heartbeat that changes nothing), and forgets who left", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const sara = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Sara Verdi" }));
    const luca = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Luca Neri" }));
    const { conversation } = await makeConversation(db, ws);
    const tab = await listen(luca);
    const viewerNotices = () => tab.notices.filter((n): n is Extract<LiveNotice, { type: "viewers.updated" }> => n.type === "viewers.updated");
    try {
      expect(await touchViewer(db, { actor: sara, conversationId: conversation.id, typing: false })).toEqual({ changed: true });
      await until("the expected state", () => viewerNotices().length === 1);
      expect(viewerNotices()[0]).toMatchObject({ conversationId: conversation.id, viewers: [{ userId: sara.userId, name: "Sara Verdi", typing: false, typingAgoMs: null }] });

      // The next heartbeat a few seconds later changes nothing anyone sees: no write, no event.
      expect(await touchViewer(db, { actor: sara, conversationId: conversation.id, typing: false })).toEqual({ changed: false });
      expect(await touchViewer(db, { actor: sara, conversationId: conversation.id, typing: true })).toEqual({ changed: true });
      await until("the expected state", () => viewerNotices().length === 2);
      expect(viewerNotices()[1]!.viewers[0]).toMatchObject({ userId: sara.userId, typing: true });
      expect((await listViewers(db, { actor: luca, conversationId: conversation.id })).items).toMatchObject([{ userId: sara.userId, typing: true }]);

      await touchViewer(db, { actor: luca, conversationId: conversation.id, typing: false });
      expect((await listViewers(db, { actor: luca, conversationId: conversation.id })).items.map((v) => v.userId).sort()).toEqual([sara.userId, luca.userId].sort());

      expect(await leaveViewer(db, { actor: sara, conversationId: conversation.id })).toEqual({ changed: true });
      expect(await leaveViewer(db, { actor: sara, conversationId: conversation.id })).toEqual({ changed: false });
      await until("the expected state", () => viewerNotices().some((n) => n.viewers.every((v) => v.userId !== sara.userId)));
      expect((await listViewers(db, { actor: luca, conversationId: conversation.id })).items.map((v) => v.userId)).toEqual([luca.userId]);
    } finally {
      tab.leave();
    }
  });

  it("drops a viewer not seen for 40 s (a tab that vanished), and a heartbeat brings them back and tells everyone", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const sara = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation } = await makeConversation(db, ws);
    await touchViewer(db, { actor: sara, conversationId: conversation.id, typing: true });
    const stale = new Date(Date.now() - VIEWER_TTL_MS - 1_000);
    await db.update(conversationViewers).set({ seenAt: stale, typingAt: stale }).where(and(eq(conversationViewers.conversationId, conversation.id), eq(conversationViewers.userId, sara.userId)));
    expect((await listViewers(db, { actor: sara, conversationId: conversation.id })).items).toEqual([]);
    expect(await touchViewer(db, { actor: sara, conversationId: conversation.id, typing: false })).toEqual({ changed: true });
    expect((await listViewers(db, { actor: sara, conversationId: conversation.id })).items).toMatchObject([{ userId: sara.userId, typing: false }]);

    // A renewal is due once seen_at is 20 s old: the heartbeat writes and tells again.
    await db.update(conversationViewers).set({ seenAt: new Date(Date.now() - 21_000) }).where(eq(conversationViewers.conversationId, conversation.id));
    expect(await touchViewer(db, { actor: sara, conversationId: conversation.id, typing: false })).toEqual({ changed: true });
    const [row] = await db.select().from(conversationViewers).where(eq(conversationViewers.conversationId, conversation.id));
    expect(Date.now() - row!.seenAt.getTime()).toBeLessThan(5_000);
  });

  it("is scoped to the workspace: another workspace's conversation is not found", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const stranger = actorOf(await makeUser(db, other.workspace.id));
    const { conversation } = await makeConversation(db, ws);
    const calls = [
      () => touchViewer(db, { actor: stranger, conversationId: conversation.id, typing: false }),
      () => leaveViewer(db, { actor: stranger, conversationId: conversation.id }),
      () => listViewers(db, { actor: stranger, conversationId: conversation.id }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ status: 404 });
    expect(await db.select().from(conversationViewers).where(eq(conversationViewers.conversationId, conversation.id))).toEqual([]);
  });
});
