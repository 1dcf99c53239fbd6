import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { describeMe } from "@/lib/users/me";
import { PATCH } from "./route";

// PATCH /api/workspace as Next calls it, on a real database: only the session lookup is replaced.
const state: { database?: Database; actor: Actor | null } = { actor: null };
vi.mock("@/lib/db/client", () => ({ getDb: async () => state.database!.db }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => state.actor,
  requireActor: async (action: Action) => {
    if (!state.actor) throw Object.assign(new Error("Sign in"), { status: 401 });
    assertCan(state.actor, action);
    return state.actor;
  },
}));

const patch = (actor: Actor, body: unknown) => {
  state.actor = actor;
  const req = new NextRequest("http://sportello.test/api/workspace", { method: "PATCH", headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: JSON.stringify(body) });
  return PATCH(req, { params: Promise.resolve({}) as Promise<never> });
};

beforeAll(async () => {
  state.database = await createTestDatabase();
});
afterAll(async () => {
  await state.database?.close();
});

describe(`PATCH /api/workspace (${testDbKind()})`, () => {
  it("leads and admins switch the rating request on and off, shown by /api/me; agents may not; an empty or unknown setting is a 400", async () => {
    const db = state.database!.db;
    const { workspace } = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const lead = actorOf(await makeUser(db, workspace.id, "lead"));
    const admin = actorOf(await makeUser(db, workspace.id, "admin"));
    const agent = actorOf(await makeUser(db, workspace.id, "agent"));

    expect((await patch(agent, { csatEnabled: true })).status).toBe(403);
    expect((await patch(lead, {})).status).toBe(400);
    expect((await patch(lead, { csatEnabled: "yes" })).status).toBe(400);
    expect((await patch(lead, { csat: true })).status).toBe(400);

    const on = await patch(lead, { csatEnabled: true });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ onlyAssigneeReplies: false, csatEnabled: true });
    expect((await describeMe(db, agent)).workspace).toMatchObject({ csatEnabled: true });
    expect((await patch(admin, { csatEnabled: true })).status).toBe(200); // no change, no audit
    expect(await (await patch(admin, { csatEnabled: false })).json()).toMatchObject({ csatEnabled: false });

    expect((await describeMe(db, actorOf(await makeUser(db, other.workspace.id, "admin")))).workspace).toMatchObject({ csatEnabled: false });
  });
});
