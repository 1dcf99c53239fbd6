import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";

// The workspace's team rules, set by leads and admins (`team:manage`: the rules of how the team
// works the inbox are a lead's call, like auto-assignment and capacities; the WhatsApp connection
// and users stay the admin's `settings:manage`).

export const updateWorkspaceSchema = z
  .object({
    /** Only the assignee may reply to (or send a template or payment request in) an assigned conversation. */
    onlyAssigneeReplies: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Change at least one setting.");
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

export type WorkspaceRules = { onlyAssigneeReplies: boolean };

export async function getWorkspaceRules(db: Db, workspaceId: string): Promise<WorkspaceRules> {
  const [w] = await db.select({ onlyAssigneeReplies: workspaces.onlyAssigneeReplies }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return { onlyAssigneeReplies: w?.onlyAssigneeReplies ?? false };
}

/** PATCH /api/workspace: changes the rules, audits the change and tells every open tab. */
export async function updateWorkspaceRules(db: Db, { actor, input }: { actor: Actor; input: UpdateWorkspaceInput }): Promise<WorkspaceRules> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ onlyAssigneeReplies: workspaces.onlyAssigneeReplies })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .for("update")
      .limit(1);
    const next: WorkspaceRules = { onlyAssigneeReplies: input.onlyAssigneeReplies ?? before?.onlyAssigneeReplies ?? false };
    if (before && before.onlyAssigneeReplies !== next.onlyAssigneeReplies) {
      await tx.update(workspaces).set(next).where(eq(workspaces.id, actor.workspaceId));
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "workspace.rules_changed", data: { from: before, to: next } });
      await publishEvent(tx, { type: "workspace.updated", workspaceId: actor.workspaceId });
    }
    return next;
  });
}
