import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { updateWorkspaceSchema, updateWorkspaceSettings } from "@/lib/users/workspace-settings";

export const dynamic = "force-dynamic";

/** The workspace's team rules (for now: the rating request on resolve). Leads and admins. */
export const PATCH = apiRoute("team:manage", async ({ actor, db, req }) => {
  const input = parseWith(updateWorkspaceSchema, await readJson(req));
  return updateWorkspaceSettings(db, actor, input);
});
