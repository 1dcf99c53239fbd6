import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, workspaces } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { updateWorkspaceSchema, updateWorkspaceSettings } from "./workspace-settings";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`workspace settings (${testDbKind()})`, () => {
  it("audits each change once, touches only the actor's workspace, and refuses an empty or unknown setting", async () => {
    const db = database.db;
    const { workspace } = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const lead = actorOf(await makeUser(db, workspace.id, "lead"));
    const admin = actorOf(await makeUser(db, workspace.id, "admin"));

    expect(await updateWorkspaceSettings(db, lead, { csatEnabled: true })).toMatchObject({ id: workspace.id, csatEnabled: true });
    await updateWorkspaceSettings(db, admin, { csatEnabled: true });
    await updateWorkspaceSettings(db, admin, { csatEnabled: false });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "workspace.csat_changed")));
    expect(audit.map((a) => [a.actorUserId, a.data])).toEqual([
      [lead.userId, { from: false, to: true }],
      [admin.userId, { from: true, to: false }],
    ]);
    const [untouched] = await db.select({ csatEnabled: workspaces.csatEnabled }).from(workspaces).where(eq(workspaces.id, other.workspace.id));
    expect(untouched!.csatEnabled).toBe(false);

    expect(updateWorkspaceSchema.safeParse({}).success).toBe(false);
    expect(updateWorkspaceSchema.safeParse({ csatEnabled: "yes" }).success).toBe(false);
    expect(updateWorkspaceSchema.safeParse({ csat: true }).success).toBe(false);
  });
});
