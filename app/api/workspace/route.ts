import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { updateWorkspaceRules, updateWorkspaceSchema } from "@/lib/workspace/rules";

export const dynamic = "force-dynamic";

/**
 * The workspace's team rules ({ onlyAssigneeReplies }). `team:manage` (leads and admins): how the
 * team works the inbox is a lead's call, like auto-assignment; connecting WhatsApp stays the admin's.
 */
export const PATCH = apiRoute("team:manage", async ({ actor, db, req }) =>
  updateWorkspaceRules(db, { actor, input: parseWith(updateWorkspaceSchema, await readJson(req)) }),
);
