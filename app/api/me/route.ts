import { apiRoute } from "@/lib/http/route";
import { getWorkspace } from "@/lib/users/queries";
import { PERMISSIONS, can, type Action } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export const GET = apiRoute("conversation:read", async ({ actor, db }) => ({
  user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
  workspace: await getWorkspace(db, actor.workspaceId),
  // The client hides what the server would refuse anyway.
  permissions: (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(actor.role, a)),
}));
