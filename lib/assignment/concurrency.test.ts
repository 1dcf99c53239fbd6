// What issue 13 asks of routing under contention, on a real database (PGlite here; CI runs the
// same file on PostgreSQL, where the transactions truly run in parallel on separate connections).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { eventsOf, routingWorld } from "@/lib/testing/routing-world";
import { auditLog, conversations } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { routeConversations } from "./engine";
import { changeConversation } from "./update";
import { setAvailability } from "./availability";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("routing under contention", () => {
  it("two leads assigning one conversation at once: one assignee, one thread event, one audit entry", async () => {
    const db = database.db;
    const w = await routingWorld(db, { autoAssign: false });
    const elena = w.lead;
    const marco = actorOf(await makeUser(db, w.workspaceId, "lead", { name: "Marco" }));
    const giulia = await w.member("Giulia");
    const luca = await w.member("Luca");
    const { conversation } = await w.conversation();

    const outcomes = await Promise.allSettled([
      changeConversation(db, elena, conversation.id, { assigneeId: giulia.id }),
      changeConversation(db, marco, conversation.id, { assigneeId: luca.id }),
    ]);
    // Both succeed (the row lock orders them; the second sees the first's change and reassigns):
    // the conversation ends with exactly the assignee of the one that committed last.
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(AppError);
    const [row] = await db.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversation.id));
    const events = (await eventsOf(db, conversation.id)).map((e) => e.payload as { from: string | null; to: string | null });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.conversationId, conversation.id), eq(auditLog.action, "conversation.assigned")));
    expect(events.length).toBe(audit.length);
    // Each event chains from the one before: never two "from nobody" events for one conversation.
    expect(events.filter((e) => e.from === null)).toHaveLength(1);
    expect(events.at(-1)!.to).toBe(row!.assigneeId);
    expect([giulia.id, luca.id]).toContain(row!.assigneeId);

    // The same change twice at once (a double click from two tabs) is one event, not two.
    const { conversation: other } = await w.conversation();
    await Promise.all([
      changeConversation(db, elena, other.id, { assigneeId: giulia.id }),
      changeConversation(db, marco, other.id, { assigneeId: giulia.id }),
    ]);
    expect(await eventsOf(db, other.id)).toHaveLength(1);
  });

  it("a burst of 200 new conversations never exceeds a capacity, and freed room serves the oldest first", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const anna = await w.member("Anna", { capacity: 5 });
    const bruno = await w.member("Bruno", { capacity: 5, availability: "away" });
    const carla = await w.member("Carla", { capacity: 10, availability: "offline" });
    // Customers who started waiting one minute apart, oldest first in `all`.
    const all: { id: string; waitingSince: Date }[] = [];
    for (let i = 0; i < 200; i++) {
      const waitingSince = minutesAgo(300 - i);
      all.push({ id: (await w.conversation({ waitingSince })).conversation.id, waitingSince });
    }
    // They arrive in 20 concurrent batches, newest batches first.
    const batches = Array.from({ length: 20 }, (_, b) => all.slice(b * 10, b * 10 + 10).map((c) => c.id)).reverse();
    await Promise.all(batches.map((ids) => db.transaction((tx) => routeConversations(tx, w.workspaceId, ids))));

    const load = async () => {
      const rows = await db.select({ id: conversations.id, assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.teamId, w.team.id));
      const by = (id: string) => rows.filter((r) => r.assigneeId === id).map((r) => r.id);
      return { anna: by(anna.id), bruno: by(bruno.id), carla: by(carla.id), free: rows.filter((r) => r.assigneeId === null).map((r) => r.id) };
    };
    const first = await load();
    expect(first.anna).toHaveLength(5); // exactly her capacity, never more
    expect(first.bruno).toHaveLength(0); // away: no work
    expect(first.carla).toHaveLength(0); // offline: no work
    expect(first.free).toHaveLength(195);
    const queued = await db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.teamId, w.team.id), isNotNull(conversations.queuedAt)));
    expect(queued).toHaveLength(195);

    // Bruno and Carla come online at the same moment: 15 places open, the 15 longest waiting get them.
    await Promise.all([setAvailability(db, actorOf(bruno), { availability: "online" }), setAvailability(db, actorOf(carla), { availability: "online" })]);
    const second = await load();
    expect(second.anna).toEqual(expect.arrayContaining(first.anna));
    expect(second.anna).toHaveLength(5);
    expect(second.bruno).toHaveLength(5);
    expect(second.carla).toHaveLength(10);
    const waitingBefore = all.filter((c) => first.free.includes(c.id)); // already oldest first
    const served = new Set([...second.bruno, ...second.carla]);
    expect(waitingBefore.slice(0, 15).every((c) => served.has(c.id))).toBe(true);

    // Every assignment is one thread event; the queue left is still in arrival order.
    for (const id of [...served, ...second.anna]) expect(await eventsOf(db, id)).toHaveLength(1);
    const rest = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.teamId, w.team.id), isNotNull(conversations.queuedAt)))
      .orderBy(asc(conversations.queuedAt), asc(conversations.id));
    expect(rest.map((r) => r.id)).toEqual(waitingBefore.slice(15).map((c) => c.id));
  }, 120_000);
});
