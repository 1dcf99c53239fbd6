// Auto-assignment on a real database (PGlite here; CI also runs it on PostgreSQL, where the
// concurrency case runs two transactions truly in parallel).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { actorOf } from "@/lib/testing/factories";
import { assigneeOf, eventsOf, routingWorld, rowOf } from "@/lib/testing/routing-world";
import { auditLog, conversations, notifications, users } from "@/lib/db/schema";
import { storeWebhookEvents } from "@/lib/whatsapp/store-webhook";
import { processPendingWebhookEvents } from "@/lib/ingest/process-webhook";
import { drainTeams, lockRouting, routeConversations } from "./engine";
import { changeConversation } from "./update";
import { setAvailability } from "./availability";
import { releaseToQueue, setMemberCapacity, setTeamAutoAssign } from "./team-admin";
import { drainAllQueues } from "./sweep";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** Queues conversations and drains, as a new conversation or a reopen does. */
const route = (workspaceId: string, ids: string[]) => database.db.transaction((tx) => routeConversations(tx, workspaceId, ids));

describe("auto-assignment", () => {
  it("gives a new conversation to the online member with the fewest open ones; a tie to the one idle longest", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const busy = await w.member("Busy");
    const light = await w.member("Light");
    const idle = await w.member("Idle");
    await w.conversation({ assigneeId: busy.id, assignedAt: minutesAgo(50) });
    await w.conversation({ assigneeId: busy.id, assignedAt: minutesAgo(40) });
    await w.conversation({ assigneeId: light.id, assignedAt: minutesAgo(5) });
    await w.conversation({ assigneeId: idle.id, assignedAt: minutesAgo(30) });
    // A resolved conversation is no load, but it says when they were last given work.
    await w.conversation({ assigneeId: idle.id, status: "resolved", assignedAt: minutesAgo(30) });

    const { conversation: first } = await w.conversation();
    await route(w.workspaceId, [first.id]);
    expect(await assigneeOf(db, first.id)).toBe(idle.id); // 1 open each for Light and Idle: Idle waited longer
    const { conversation: second } = await w.conversation();
    await route(w.workspaceId, [second.id]);
    expect(await assigneeOf(db, second.id)).toBe(light.id);

    const row = await rowOf(db, first.id);
    expect(row.queuedAt).toBeNull();
    expect(row.assignedAt).not.toBeNull();
    const [event] = await eventsOf(db, first.id);
    expect(event!.payload).toMatchObject({ action: "assigned", to: idle.id, by: null, auto: true });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.conversationId, first.id), eq(auditLog.action, "conversation.auto_assigned")));
    expect(audit).toHaveLength(1);
    // Sportello handed it out: the agent is notified, with no teammate as its author.
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, idle.id), eq(notifications.conversationId, first.id)));
    expect(told.map((n) => [n.kind, n.actorUserId])).toEqual([["assigned", null]]);
  });

  it("respects capacity, never gives work to away or offline members, and queues what nobody has room for, oldest first", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const one = await w.member("One", { capacity: 1 });
    await w.member("Away", { availability: "away" });
    await w.member("Offline", { availability: "offline" });
    const convs = [];
    for (const m of [30, 20, 10]) convs.push((await w.conversation({ waitingSince: minutesAgo(m) })).conversation);
    await route(w.workspaceId, convs.map((c) => c.id));
    expect(await assigneeOf(db, convs[0]!.id)).toBe(one.id); // the oldest first
    for (const c of convs.slice(1)) {
      expect(await assigneeOf(db, c.id)).toBeNull();
      expect((await rowOf(db, c.id)).queuedAt).not.toBeNull();
    }
    // More room: the next oldest, not the newest.
    await setMemberCapacity(db, w.lead, { userId: one.id, capacity: 2 });
    expect(await assigneeOf(db, convs[1]!.id)).toBe(one.id);
    expect(await assigneeOf(db, convs[2]!.id)).toBeNull();
  });

  it("drains the queue when a member frees up (resolves, unassigns) or comes online", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const a = await w.member("A", { capacity: 1 });
    const b = await w.member("B", { capacity: 1, availability: "away" });
    const { conversation: held } = await w.conversation({ assigneeId: a.id });
    const queued = [];
    for (const m of [30, 20, 10]) queued.push((await w.conversation({ waitingSince: minutesAgo(m) })).conversation);
    await route(w.workspaceId, queued.map((c) => c.id));
    expect(await Promise.all(queued.map((c) => assigneeOf(db, c.id)))).toEqual([null, null, null]);

    await changeConversation(db, actorOf(a), held.id, { status: "resolved" });
    expect(await assigneeOf(db, queued[0]!.id)).toBe(a.id);

    const result = await setAvailability(db, actorOf(b), { availability: "online" });
    expect(result.assigned).toBe(1);
    expect(await assigneeOf(db, queued[1]!.id)).toBe(b.id);

    // A lead takes A's conversation away: A gets the last queued one.
    await changeConversation(db, w.lead, queued[0]!.id, { assigneeId: w.lead.userId });
    expect(await assigneeOf(db, queued[2]!.id)).toBe(a.id);
  });

  it("sends a returning customer back to their previous agent when that agent is online with room", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const previous = await w.member("Previous");
    const other = await w.member("Other");
    await w.conversation({ assigneeId: previous.id });
    await w.conversation({ assigneeId: previous.id }); // Previous has more open ones than Other
    const { conversation: old, contact } = await w.conversation({ assigneeId: previous.id, status: "resolved", createdAt: minutesAgo(600) });
    const { conversation: again } = await w.conversation({ contactId: contact.id, createdAt: new Date() });
    await route(w.workspaceId, [again.id]);
    expect(await assigneeOf(db, again.id)).toBe(previous.id);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.conversationId, again.id), eq(auditLog.action, "conversation.auto_assigned")));
    expect(audit[0]!.data).toMatchObject({ returningCustomer: true });

    // Away: the customer's next conversation goes to whoever has room instead.
    await db.update(users).set({ availability: "away" }).where(eq(users.id, previous.id));
    await changeConversation(db, w.lead, again.id, { status: "resolved" });
    const { conversation: third } = await w.conversation({ contactId: contact.id, createdAt: new Date(Date.now() + 1000) });
    await route(w.workspaceId, [third.id]);
    expect(await assigneeOf(db, third.id)).toBe(other.id);
    expect(old.id).not.toBe(third.id);
  });

  it("hands an agent's open conversations back to the queue and redistributes them to the others", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const leaving = await w.member("Leaving");
    const x = await w.member("X", { capacity: 1 });
    const y = await w.member("Y", { capacity: 1 });
    const held = [];
    for (const m of [5, 50, 25]) held.push((await w.conversation({ assigneeId: leaving.id, waitingSince: minutesAgo(m) })).conversation);
    const { conversation: done } = await w.conversation({ assigneeId: leaving.id, status: "resolved" });

    const result = await releaseToQueue(db, w.lead, { userId: leaving.id });
    expect(result).toEqual({ released: 3, assigned: 2 });
    // The two customers waiting longest went to X and Y; the third waits in the queue, not back with Leaving.
    expect(new Set([await assigneeOf(db, held[1]!.id), await assigneeOf(db, held[2]!.id)])).toEqual(new Set([x.id, y.id]));
    expect(await assigneeOf(db, held[0]!.id)).toBeNull();
    expect((await rowOf(db, held[0]!.id)).queuedAt).not.toBeNull();
    expect(await assigneeOf(db, done.id)).toBe(leaving.id);
    const events = await eventsOf(db, held[0]!.id);
    expect(events[0]!.payload).toMatchObject({ action: "assigned", from: leaving.id, to: null, by: w.lead.userId, queued: true, team: "Bookings" });
    expect(events[0]!.text).toBe(`${w.lead.name} returned this to the Bookings queue`);
  });

  it("switching auto-assign on queues the team's unassigned conversations and hands them out; off empties the queue", async () => {
    const db = database.db;
    const w = await routingWorld(db, { autoAssign: false });
    const a = await w.member("A", { capacity: 1 });
    const older = (await w.conversation({ waitingSince: minutesAgo(40) })).conversation;
    const newer = (await w.conversation({ waitingSince: minutesAgo(4) })).conversation;
    await route(w.workspaceId, [older.id, newer.id]);
    expect(await assigneeOf(db, older.id)).toBeNull(); // auto-assign is off: nothing happens

    expect(await setTeamAutoAssign(db, w.lead, { teamId: w.team.id, autoAssign: true })).toMatchObject({ autoAssign: true, assigned: 1 });
    expect(await assigneeOf(db, older.id)).toBe(a.id);
    expect((await rowOf(db, newer.id)).queuedAt).not.toBeNull();
    await setTeamAutoAssign(db, w.lead, { teamId: w.team.id, autoAssign: false });
    expect((await rowOf(db, newer.id)).queuedAt).toBeNull();
  });

  it("routes a customer's first message to the workspace's auto-assign team and an agent with room", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const a = await w.member("A");
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "waba", changes: [{ field: "messages", value: {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "390600000000", phone_number_id: w.ws.channel.phoneNumberId },
        contacts: [{ profile: { name: "New Customer" }, wa_id: "393400000777" }],
        messages: [{ from: "393400000777", id: `wamid.route${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "Ciao" } }],
      } }] }],
    });
    await storeWebhookEvents(db, [body]);
    await processPendingWebhookEvents(db);
    const [conv] = await db.select().from(conversations).where(eq(conversations.workspaceId, w.workspaceId));
    expect(conv).toMatchObject({ teamId: w.team.id, assigneeId: a.id, queuedAt: null });
  });

  it("two drains at the same time never hand out the same conversation or more than the room", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const a = await w.member("A", { capacity: 2 });
    const b = await w.member("B", { capacity: 2, availability: "away" });
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push((await w.conversation({ waitingSince: minutesAgo(60 - i) })).conversation.id);
    await db.transaction(async (tx) => {
      await lockRouting(tx, w.workspaceId);
      // Queue them without draining (nobody online has room for all).
      await tx.update(conversations).set({ queuedAt: new Date() }).where(eq(conversations.teamId, w.team.id));
    });
    await db.update(users).set({ availability: "online" }).where(eq(users.id, b.id));
    // (drainAllQueues also sweeps what earlier tests left queued in their own workspaces.)
    await Promise.all([
      drainAllQueues(db),
      drainAllQueues(db),
      db.transaction(async (tx) => {
        await lockRouting(tx, w.workspaceId);
        return drainTeams(tx, w.workspaceId, [w.team.id]);
      }),
    ]);
    const rows = await db.select().from(conversations).where(eq(conversations.teamId, w.team.id));
    expect(rows.filter((r) => r.assigneeId === a.id)).toHaveLength(2);
    expect(rows.filter((r) => r.assigneeId === b.id)).toHaveLength(2);
    for (const id of ids) expect((await eventsOf(db, id)).length).toBeLessThanOrEqual(1);
    const stillQueued = await db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.teamId, w.team.id), isNotNull(conversations.queuedAt)));
    expect(stillQueued).toHaveLength(4);
  });
});
