import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, workspaces } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { updateWorkspaceRules, updateWorkspaceSchema } from "./rules";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`workspace rules (${testDbKind()})`, () => {
  it("audits each change once, touches only the actor's workspace, and refuses an empty or unknown setting", async () => {
    const db = database.db;
    const { workspace } = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const lead = actorOf(await makeUser(db, workspace.id, "lead"));
    const admin = actorOf(await makeUser(db, workspace.id, "admin"));

    expect(await updateWorkspaceRules(db, { actor: lead, input: { csatEnabled: true } })).toEqual({ onlyAssigneeReplies: false, csatEnabled: true });
    await updateWorkspaceRules(db, { actor: admin, input: { csatEnabled: true } });
    await updateWorkspaceRules(db, { actor: admin, input: { csatEnabled: false } });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "workspace.rules_changed")));
    expect(audit.map((a) => [a.actorUserId, a.data])).toEqual([
      [lead.userId, { from: { csatEnabled: false }, to: { csatEnabled: true } }],
      [admin.userId, { from: { csatEnabled: true }, to: { csatEnabled: false } }],
    ]);
    const [untouched] = await db.select({ csatEnabled: workspaces.csatEnabled }).from(workspaces).where(eq(workspaces.id, other.workspace.id));
    expect(untouched!.csatEnabled).toBe(false);

    expect(updateWorkspaceSchema.safeParse({}).success).toBe(false);
    expect(updateWorkspaceSchema.safeParse({ csatEnabled: "yes" }).success).toBe(false);
    expect(updateWorkspaceSchema.safeParse({ csat: true }).success).toBe(false);
  });
});
