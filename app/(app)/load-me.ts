import "server-only";
import { getDb } from "@/lib/db/client";
import { loadActor } from "@/lib/auth/actor";
import { describeMe } from "@/lib/users/me";
import type { Me } from "@/lib/client/types";

/** What GET /api/me answers, read directly so the first paint already knows the user. */
export async function loadMe(userId: string, workspaceId: string): Promise<Me | null> {
  const db = await getDb();
  const actor = await loadActor(db, userId, workspaceId);
  return actor ? describeMe(db, actor) : null;
}
