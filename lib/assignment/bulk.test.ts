// Bulk changes, availability and the auto-away job, the lead's view: on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { actorOf } from "@/lib/testing/factories";
import { assigneeOf, eventsOf, routingWorld, rowOf } from "@/lib/testing/routing-world";
import { auditLog, users, workspaces } from "@/lib/db/schema";
import { createBus } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { bulkUpdateConversations } from "./update";
import { markIdleAway, setAvailability } from "./availability";
import { getTeamView } from "./team-view";
import { bulkUpdateSchema } from "./schemas";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("bulk changes", () => {
  it("apply each conversation's own rules: an agent takes only unassigned ones and cannot hand any to others", async () => {
    const db = database.db;
    const w = await routingWorld(db, { autoAssign: false });
    const agent = await w.member("Agent");
    const colleague = await w.member("Colleague");
    const free = (await w.conversation()).conversation;
    const theirs = (await w.conversation({ assigneeId: colleague.id })).conversation;
    const missing = "00000000-0000-4000-8000-000000000042";

    const take = await bulkUpdateConversations(db, actorOf(agent), bulkUpdateSchema.parse({ ids: [free.id, theirs.id, missing], assigneeId: agent.id }));
    expect(take.results).toEqual([
      { id: free.id, ok: true, changed: ["assignee"] },
      { id: theirs.id, ok: false, status: 403, error: expect.objectContaining({ code: "forbidden", reason: "assign.owned_by_someone_else" }) },
      { id: missing, ok: false, status: 404, error: expect.objectContaining({ code: "not_found", reason: "conversation.not_found" }) },
    ]);
    expect(await assigneeOf(db, free.id)).toBe(agent.id);
    expect(await assigneeOf(db, theirs.id)).toBe(colleague.id);

    const give = await bulkUpdateConversations(db, actorOf(agent), bulkUpdateSchema.parse({ ids: [free.id], assigneeId: colleague.id }));
    expect(give.results[0]).toMatchObject({ ok: false, status: 403, error: { reason: "assign.not_allowed" } });
    const team = await bulkUpdateConversations(db, actorOf(agent), bulkUpdateSchema.parse({ ids: [free.id], teamId: null }));
    expect(team.results[0]).toMatchObject({ ok: false, status: 403, error: { reason: "assign.team_not_allowed" } });
  });

  it("a lead assigns and resolves several at once: each thread, the audit log and the live stream hear of every one", async () => {
    const db = database.db;
    const w = await routingWorld(db, { autoAssign: false });
    const agent = await w.member("Agent");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await w.conversation()).conversation.id);
    const heard: RealtimeEvent[] = [];
    const stop = await createBus(async () => database).subscribe(w.workspaceId, (e) => void (e.type !== "resync" && heard.push(e)));
    try {
      const res = await bulkUpdateConversations(db, w.lead, bulkUpdateSchema.parse({ ids, assigneeId: agent.id }));
      expect(res.results.every((r) => r.ok)).toBe(true);
      await bulkUpdateConversations(db, w.lead, bulkUpdateSchema.parse({ ids, status: "resolved" }));
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      stop();
    }
    for (const id of ids) {
      expect(await assigneeOf(db, id)).toBe(agent.id);
      expect((await rowOf(db, id)).status).toBe("resolved");
      expect((await eventsOf(db, id)).map((e) => (e.payload as { action: string }).action)).toEqual(["assigned", "status_changed"]);
      const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.conversationId, id));
      expect(audit.map((a) => a.action).sort()).toEqual(["conversation.assigned", "conversation.status_changed"]);
      expect(heard.filter((e) => e.type === "conversation.updated" && e.conversationId === id)).toHaveLength(2);
      expect(heard.filter((e) => e.type === "message.created" && e.conversationId === id)).toHaveLength(2);
    }
  });

  it("one refused conversation leaves the others applied (a savepoint each), and routing follows", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const agent = await w.member("Agent", { capacity: 1 });
    const mine = (await w.conversation({ assigneeId: agent.id })).conversation;
    const queued = (await w.conversation({ waitingSince: minutesAgo(30), queuedAt: minutesAgo(30) })).conversation;
    const resolved = (await w.conversation({ status: "resolved" })).conversation;
    const res = await bulkUpdateConversations(db, actorOf(agent), bulkUpdateSchema.parse({ ids: [resolved.id, mine.id], status: "pending" }));
    expect(res.results.map((r) => r.ok)).toEqual([false, true]);
    expect(res.results[0]).toMatchObject({ status: 409, error: { reason: "conversation.transition" } });
    // Resolving frees the agent: the queue's conversation is theirs at once.
    await bulkUpdateConversations(db, actorOf(agent), bulkUpdateSchema.parse({ ids: [mine.id], status: "resolved" }));
    expect(await assigneeOf(db, queued.id)).toBe(agent.id);
  });

  it("an agent who drops a conversation of an auto-assign team does not get it straight back", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const agent = await w.member("Agent");
    const other = await w.member("Other", { capacity: 3 });
    const conv = (await w.conversation({ assigneeId: agent.id })).conversation;
    await bulkUpdateConversations(db, actorOf(agent), bulkUpdateSchema.parse({ ids: [conv.id], assigneeId: null }));
    expect(await assigneeOf(db, conv.id)).toBe(other.id);
  });
});

describe("availability", () => {
  it("is announced to the workspace and audited; the auto-away job moves idle online teammates to away", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    await db.update(workspaces).set({ autoAwayMinutes: 10 }).where(eq(workspaces.id, w.workspaceId));
    const idle = await w.member("Idle", { availability: "offline" });
    const active = await w.member("Active", { availability: "offline" });
    const heard: RealtimeEvent[] = [];
    const stop = await createBus(async () => database).subscribe(w.workspaceId, (e) => void (e.type !== "resync" && heard.push(e)));
    try {
      await setAvailability(db, actorOf(idle), { availability: "online" });
      await setAvailability(db, actorOf(active), { availability: "online" });
      await db.update(users).set({ lastSeenAt: minutesAgo(11) }).where(eq(users.id, idle.id));
      await db.update(users).set({ lastSeenAt: minutesAgo(3) }).where(eq(users.id, active.id));
      const moved = await markIdleAway(db);
      expect(moved.filter((m) => m.workspaceId === w.workspaceId)).toEqual([{ userId: idle.id, workspaceId: w.workspaceId }]);
      expect(await markIdleAway(db)).toEqual([]); // nothing twice
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      stop();
    }
    const [i] = await db.select().from(users).where(eq(users.id, idle.id));
    const [a] = await db.select().from(users).where(eq(users.id, active.id));
    expect([i!.availability, a!.availability]).toEqual(["away", "online"]);
    expect(heard.filter((e) => e.type === "presence.updated" && e.userId === idle.id)).toHaveLength(2);
    const audit = await db.select({ data: auditLog.data }).from(auditLog).where(and(eq(auditLog.workspaceId, w.workspaceId), eq(auditLog.action, "user.availability_changed")));
    expect(audit.map((r) => r.data)).toContainEqual({ userId: idle.id, from: "online", to: "away", auto: true });
  });
});

describe("the lead's view", () => {
  it("shows each agent's load, oldest wait and conversations, and each team's queue with its oldest customer", async () => {
    const db = database.db;
    const w = await routingWorld(db);
    const agent = await w.member("Agent", { capacity: 3, availability: "away" });
    await w.conversation({ assigneeId: agent.id, waitingSince: minutesAgo(12) });
    await w.conversation({ assigneeId: agent.id, waitingSince: null, status: "pending" });
    await w.conversation({ assigneeId: agent.id, status: "resolved" });
    const q1 = (await w.conversation({ waitingSince: minutesAgo(9), queuedAt: minutesAgo(9) })).conversation;
    await w.conversation({ waitingSince: minutesAgo(2), queuedAt: minutesAgo(2) });
    await w.conversation({ teamId: null, waitingSince: minutesAgo(1) });

    const view = await getTeamView(db, w.workspaceId);
    const a = view.agents.find((x) => x.id === agent.id)!;
    expect(a).toMatchObject({ availability: "away", capacity: 3, open: 2, waiting: 1, teamIds: [w.team.id] });
    expect(Date.parse(a.oldestWaitingSince!)).toBeCloseTo(minutesAgo(12).getTime(), -4);
    expect(a.conversations).toHaveLength(2);
    const team = view.teams.find((t) => t.id === w.team.id)!;
    expect(team).toMatchObject({ autoAssign: true, unassigned: 2, queued: 2 });
    expect(team.conversations[0]!.id).toBe(q1.id);
    expect(view.teams.find((t) => t.id === null)).toMatchObject({ unassigned: 1, queued: 0 });
  });
});
