import type { Actor } from "@/lib/auth/actor";
import { PERMISSIONS, can, type Action } from "@/lib/auth/permissions";
import { findChannelAlerts } from "@/lib/channels/channels";
import type { Db } from "@/lib/db/types";
import { getWorkspace } from "./queries";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

/** What GET /api/me answers (and the app layout prefetches): who I am, what I may do, what is wrong. */
export async function describeMe(db: Db, actor: Actor) {
  return {
    user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
    workspace: await getWorkspace(db, actor.workspaceId),
    // The client hides what the server would refuse anyway.
    permissions: (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(actor.role, a)),
    // Numbers WhatsApp refuses to send from (an expired token): everyone sees the banner.
    alerts: await findChannelAlerts(db, actor.workspaceId),
  };
}

export type MeDto = Awaited<ReturnType<typeof describeMe>>;

/** What GET /api/me answers for the signed-in user of a live session, read directly so the app
 * layout's first paint already knows the user; null when there is no live session. */
export async function loadMe(): Promise<MeDto | null> {
  const actor = await getActor();
  return actor ? describeMe(await getDb(), actor) : null;
}
