import "server-only";
import { getDb } from "@/lib/db/client";
import { loadActor } from "@/lib/auth/actor";
import { PERMISSIONS, can, type Action } from "@/lib/auth/permissions";
import { getWorkspace } from "@/lib/users/queries";
import type { Me } from "@/lib/client/types";

/** What GET /api/me answers, read directly so the first paint already knows the user. */
export async function loadMe(userId: string, workspaceId: string): Promise<Me | null> {
  const db = await getDb();
  const actor = await loadActor(db, userId, workspaceId);
  if (!actor) return null;
  return {
    user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
    workspace: await getWorkspace(db, actor.workspaceId),
    permissions: (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(actor.role, a)),
  };
}
