import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { users } from "@/lib/db/schema";
import { makeUser, makeWorkspace } from "@/lib/testing/factories";
import { testDbKind } from "@/lib/testing/db";
import { useTestDatabase } from "@/lib/testing/use-test-database";
import { createSessionCache, type SessionCache } from "./session-cache";
import { openSession, revokeSession, SESSION_HOURS } from "./sessions";

// A real database and its real triggers (migration 0020): what a process keeps is dropped when
// the session or its user changes, from whichever connection made the change.
describe(`the session cache (${testDbKind()})`, () => {
  const t = useTestDatabase();
  let cache: SessionCache;
  beforeAll(async () => {
    cache = createSessionCache(t.database);
    // Let the LISTEN come up: until then nothing is kept.
    const ws = await makeWorkspace(t.db, "Warm-up Air");
    const u = await makeUser(t.db, ws.workspace.id);
    const sessionId = await openSession(t.db, { userId: u.id, workspaceId: ws.workspace.id });
    for (let i = 0; i < 100 && cache.size() === 0; i++) {
      await cache.actorOf({ sessionId, userId: u.id, workspaceId: ws.workspace.id });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(cache.size()).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await cache.stop();
  });

  async function signedIn(role: "agent" | "lead" = "agent") {
    const ws = await makeWorkspace(t.db);
    const u = await makeUser(t.db, ws.workspace.id, role);
    const sessionId = await openSession(t.db, { userId: u.id, workspaceId: ws.workspace.id });
    return { ws, u, claims: { sessionId, userId: u.id, workspaceId: ws.workspace.id } };
  }

  /** Changes a user's role without telling anyone: shows whether an answer came from the cache. */
  async function quietlySetRole(userId: string, role: "agent" | "lead" | "admin") {
    await t.database.exec("alter table users disable trigger users_auth_changed");
    try {
      await t.db.update(users).set({ role }).where(eq(users.id, userId));
    } finally {
      await t.database.exec("alter table users enable trigger users_auth_changed");
    }
  }

  it("keeps a live session's actor for the next request", async () => {
    const { u, claims } = await signedIn("agent");
    expect(await cache.actorOf(claims)).toMatchObject({ userId: u.id, role: "agent" });
    await quietlySetRole(u.id, "lead");
    // Nothing said the user changed: the kept actor answers.
    expect(await cache.actorOf(claims)).toMatchObject({ role: "agent" });
    // A few seconds later it is read again.
    expect(await cache.actorOf(claims, new Date(Date.now() + 6_000))).toMatchObject({ role: "lead" });
  });

  it("drops a session at once when it is revoked", async () => {
    const { claims } = await signedIn();
    expect(await cache.actorOf(claims)).not.toBeNull();
    await revokeSession(t.db, { sessionId: claims.sessionId });
    await expect.poll(() => cache.actorOf(claims), { timeout: 2_000, interval: 10 }).toBeNull();
  });

  it("drops a user's sessions when their role changes or they are deactivated, from any connection", async () => {
    const { u, claims } = await signedIn("agent");
    const other = await openSession(t.db, { userId: u.id, workspaceId: claims.workspaceId });
    const second = { ...claims, sessionId: other };
    expect(await cache.actorOf(claims)).toMatchObject({ role: "agent" });
    expect(await cache.actorOf(second)).toMatchObject({ role: "agent" });
    // A raw statement, as a script or another process would: the trigger speaks for it.
    await t.database.query("update users set role = 'lead' where id = $1", [u.id]);
    await expect.poll(async () => (await cache.actorOf(claims))?.role, { timeout: 2_000, interval: 10 }).toBe("lead");
    expect(await cache.actorOf(second)).toMatchObject({ role: "lead" });
    await t.db.update(users).set({ active: false }).where(eq(users.id, u.id));
    await expect.poll(() => cache.actorOf(second), { timeout: 2_000, interval: 10 }).toBeNull();
  });

  it("is not woken by the frequent updates that change nothing it keeps", async () => {
    const { u, claims } = await signedIn("agent");
    await cache.actorOf(claims);
    await quietlySetRole(u.id, "lead");
    await t.db.update(users).set({ lastSeenAt: sql`now()` }).where(eq(users.id, u.id));
    await new Promise((r) => setTimeout(r, 100));
    // Still the kept answer: last_seen_at sent no notification (and the quiet role change none).
    expect(await cache.actorOf(claims)).toMatchObject({ role: "agent" });
  });

  it("forgets everything when the sessions table is truncated (no row triggers fire then)", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await cache.actorOf(a.claims)).not.toBeNull();
    expect(await cache.actorOf(b.claims)).not.toBeNull();
    await t.database.exec("truncate sessions");
    await expect.poll(() => cache.actorOf(a.claims), { timeout: 2_000, interval: 10 }).toBeNull();
    expect(await cache.actorOf(b.claims)).toBeNull();
  });

  it("never answers for another workspace, another user or after the session expires", async () => {
    const { claims } = await signedIn();
    const elsewhere = await makeWorkspace(t.db, "Elsewhere Air");
    expect(await cache.actorOf(claims)).not.toBeNull();
    expect(await cache.actorOf({ ...claims, workspaceId: elsewhere.workspace.id })).toBeNull();
    const stranger = await makeUser(t.db, claims.workspaceId);
    expect(await cache.actorOf({ ...claims, userId: stranger.id })).toBeNull();
    expect(await cache.actorOf(claims, new Date(Date.now() + (SESSION_HOURS + 0.01) * 3_600_000))).toBeNull();
    expect(await cache.actorOf({ ...claims, sessionId: undefined })).toBeNull();
  });
});
