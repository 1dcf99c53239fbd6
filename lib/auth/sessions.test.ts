import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { makeUser, makeWorkspace } from "@/lib/testing/factories";
import { users } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { loadSessionActor, openSession, revokeSession, SESSION_HOURS } from "./sessions";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("server-side sessions", () => {
  it("a live session loads its user; sign-out revokes it for every copy of the token", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id, "lead");
    const sessionId = await openSession(db, { userId: u.id, workspaceId: ws.workspace.id });
    const who = { sessionId, userId: u.id, workspaceId: ws.workspace.id };
    expect(await loadSessionActor(db, who)).toMatchObject({ userId: u.id, role: "lead" });
    await revokeSession(db, { sessionId });
    expect(await loadSessionActor(db, who)).toBeNull();
  });

  it("ends at its absolute lifetime however often it is used", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id);
    const start = new Date("2026-12-01T08:00:00Z");
    const sessionId = await openSession(db, { userId: u.id, workspaceId: ws.workspace.id, now: start });
    const at = (h: number) => new Date(start.getTime() + h * 3_600_000);
    const who = { sessionId, userId: u.id, workspaceId: ws.workspace.id };
    expect(await loadSessionActor(db, { ...who, now: at(SESSION_HOURS - 0.01) })).not.toBeNull();
    expect(await loadSessionActor(db, { ...who, now: at(SESSION_HOURS + 0.01) })).toBeNull();
  });

  it("refuses a token without a session, for another user or workspace, or for a deactivated user", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other");
    const u = await makeUser(db, ws.workspace.id);
    const v = await makeUser(db, ws.workspace.id);
    const sessionId = await openSession(db, { userId: u.id, workspaceId: ws.workspace.id });
    expect(await loadSessionActor(db, { sessionId: undefined, userId: u.id, workspaceId: ws.workspace.id })).toBeNull();
    expect(await loadSessionActor(db, { sessionId: "not-a-uuid", userId: u.id, workspaceId: ws.workspace.id })).toBeNull();
    expect(await loadSessionActor(db, { sessionId, userId: v.id, workspaceId: ws.workspace.id })).toBeNull();
    expect(await loadSessionActor(db, { sessionId, userId: u.id, workspaceId: other.workspace.id })).toBeNull();
    await db.update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await loadSessionActor(db, { sessionId, userId: u.id, workspaceId: ws.workspace.id })).toBeNull();
  });
});
