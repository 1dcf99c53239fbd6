import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { users, workspaces } from "@/lib/db/schema";
import { createUser, DEFAULT_WORKSPACE_NAME } from "./create-user";

// One database for the file, used in order: empty → demo only → demo + a real workspace.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("user:create for a real deployment", () => {
  it("never puts a real admin into the demo workspace unless it is named", async () => {
    const db = database.db;
    const [demo] = await db.insert(workspaces).values({ name: "Volo Azzurro", verifiedName: "Volo Azzurro", demo: true }).returning();

    const first = await createUser(db, { email: "owner@company.example", role: "admin" });
    expect(first.workspace).toMatchObject({ name: DEFAULT_WORKSPACE_NAME, created: true });
    expect(first.workspace.id).not.toBe(demo!.id);

    // The next user joins the one real workspace, still not the demo.
    const second = await createUser(db, { email: "agent@company.example", role: "agent" });
    expect(second.workspace).toMatchObject({ id: first.workspace.id, created: false });

    // Naming the demo workspace is the only way in.
    const tester = await createUser(db, { email: "tester@company.example", role: "agent", workspace: "Volo Azzurro" });
    expect(tester.workspace.id).toBe(demo!.id);
    const [row] = await db.select({ workspaceId: users.workspaceId }).from(users).where(eq(users.email, "owner@company.example"));
    expect(row!.workspaceId).toBe(first.workspace.id);
  });
});
