import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { notFound } from "@/lib/errors/app-error";
import { getWorkspace } from "./queries";

// The workspace's team rules that leads and admins set (PATCH /api/workspace, `team:manage`).
// Each rule is one optional field: a request changes only what it names.

export const updateWorkspaceSchema = z
  .object({
    /** Ask customers to rate the conversation when it is resolved (issue 13). */
    csatEnabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Name at least one setting to change." });

export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

/** Changes the named settings, audits each change, and answers the workspace as GET /api/me shows it. */
export async function updateWorkspaceSettings(db: Db, actor: Actor, input: UpdateWorkspaceInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ csatEnabled: workspaces.csatEnabled }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update").limit(1);
    if (!before) throw notFound("Workspace");
    if (input.csatEnabled !== undefined && input.csatEnabled !== before.csatEnabled) {
      await tx.update(workspaces).set({ csatEnabled: input.csatEnabled }).where(eq(workspaces.id, actor.workspaceId));
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "workspace.csat_changed", data: { from: before.csatEnabled, to: input.csatEnabled } });
    }
    return (await getWorkspace(tx, actor.workspaceId))!;
  });
}
