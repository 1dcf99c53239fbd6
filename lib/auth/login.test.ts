import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { TEST_PASSWORD, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { users } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { INVALID_CREDENTIALS, authenticate } from "./login";
import { loadActor } from "./actor";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const limits = { maxPerEmail: 3, maxPerIp: 5, windowMinutes: 15 };
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("authenticate", () => {
  it("signs in case-insensitively and says the same thing for a wrong password and an unknown email", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id, "lead");
    const ok = await authenticate(db, { email: u.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" }, limits);
    expect(ok).toMatchObject({ id: u.id, role: "lead", workspaceId: ws.workspace.id });

    const wrong = await failure(authenticate(db, { email: u.email, password: "nope", ip: "10.0.0.1" }, limits));
    const unknown = await failure(authenticate(db, { email: "ghost@example.test", password: "nope", ip: "10.0.0.1" }, limits));
    expect(wrong?.message).toBe(INVALID_CREDENTIALS);
    expect(unknown?.message).toBe(INVALID_CREDENTIALS);
  });

  it("blocks one address guessing one account, even with the right password, but not the owner elsewhere", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id);
    for (let i = 0; i < 3; i++) await failure(authenticate(db, { email: u.email, password: "bad", ip: "10.1.0.1" }, limits));
    const locked = await failure(authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: "10.1.0.1" }, limits));
    expect(locked?.code).toBe("rate_limited");
    // A stranger's failures cannot lock the account: its owner signs in from their own address.
    expect(await authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: "10.1.0.99" }, limits)).toMatchObject({ id: u.id });
  });

  it("slows an account attacked from many addresses with a growing wait, without locking it", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id);
    const spread = { ...limits, backoffAfter: 4 };
    for (let i = 0; i < 4; i++) await failure(authenticate(db, { email: u.email, password: "bad", ip: `10.3.0.${i}` }, spread));
    // The 5th try, from yet another address, comes too soon after the 4th failure.
    const slowed = await failure(authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: "10.3.0.50" }, spread));
    expect(slowed).toMatchObject({ code: "rate_limited", params: { retryAfterSeconds: 2 } });
    // Once the wait is over the owner gets in (the failures are in the past now).
    await db.execute(sql`update login_attempts set created_at = created_at - interval '3 seconds' where key = ${`email:${u.email.toLowerCase()}`}`);
    expect(await authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: "10.3.0.50" }, spread)).toMatchObject({ id: u.id });
  });

  it("throttles one IP that tries many accounts", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id);
    for (let i = 0; i < 5; i++) await failure(authenticate(db, { email: `probe${i}@example.test`, password: "x", ip: "10.2.0.1" }, limits));
    expect((await failure(authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: "10.2.0.1" }, limits)))?.code).toBe("rate_limited");
    // Another address is unaffected.
    expect(await authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: "10.2.0.2" }, limits)).toMatchObject({ id: u.id });
  });

  it("refuses deactivated users, and a deactivated or demoted user loses access at the next request", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const u = await makeUser(db, ws.workspace.id, "admin");
    expect((await loadActor(db, u.id, ws.workspace.id))?.role).toBe("admin");
    await db.update(users).set({ role: "agent" }).where(eq(users.id, u.id));
    expect((await loadActor(db, u.id, ws.workspace.id))?.role).toBe("agent");
    await db.update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await loadActor(db, u.id, ws.workspace.id)).toBeNull();
    expect((await failure(authenticate(db, { email: u.email, password: TEST_PASSWORD, ip: null }, limits)))?.code).toBe("unauthorized");
    // A session minted for one workspace is worthless in another.
    const other = await makeWorkspace(db, "Other");
    expect(await loadActor(db, u.id, other.workspace.id)).toBeNull();
  });
});
