import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { notFound } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";

// The workspace's team rules, set by leads and admins (`team:manage`: how the team works the inbox
// is a lead's call, like auto-assignment and capacities; the WhatsApp connection and users stay the
// admin's `settings:manage`). Each rule is one optional field: a request changes only what it names.

export const updateWorkspaceSchema = z
  .object({
    /** Only the assignee may reply to (or send a template or payment request in) an assigned conversation. */
    onlyAssigneeReplies: z.boolean().optional(),
    /** Ask customers to rate the conversation when it is resolved. */
    csatEnabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Name at least one setting to change." });
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

export type WorkspaceRules = { onlyAssigneeReplies: boolean; csatEnabled: boolean };
const ruleColumns = { onlyAssigneeReplies: workspaces.onlyAssigneeReplies, csatEnabled: workspaces.csatEnabled };

export async function getWorkspaceRules(db: Db, workspaceId: string): Promise<WorkspaceRules> {
  const [w] = await db.select(ruleColumns).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return { onlyAssigneeReplies: w?.onlyAssigneeReplies ?? false, csatEnabled: w?.csatEnabled ?? false };
}

/** PATCH /api/workspace: changes the named rules, audits what changed and tells every open tab. */
export async function updateWorkspaceRules(db: Db, { actor, input }: { actor: Actor; input: UpdateWorkspaceInput }): Promise<WorkspaceRules> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(ruleColumns).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update").limit(1);
    if (!before) throw notFound("Workspace");
    const next: WorkspaceRules = {
      onlyAssigneeReplies: input.onlyAssigneeReplies ?? before.onlyAssigneeReplies,
      csatEnabled: input.csatEnabled ?? before.csatEnabled,
    };
    const changed = (Object.keys(next) as (keyof WorkspaceRules)[]).filter((k) => next[k] !== before[k]);
    if (changed.length > 0) {
      await tx.update(workspaces).set(next).where(eq(workspaces.id, actor.workspaceId));
      const pick = (r: WorkspaceRules) => Object.fromEntries(changed.map((k) => [k, r[k]]));
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "workspace.rules_changed", data: { from: pick(before), to: pick(next) } });
      await publishEvent(tx, { type: "workspace.updated", workspaceId: actor.workspaceId });
    }
    return next;
  });
}
