import type { Actor } from "@/lib/auth/actor";
import { PERMISSIONS, can, type Action } from "@/lib/auth/permissions";
import { findChannelAlerts } from "@/lib/channels/channels";
import type { Db } from "@/lib/db/types";
import { getWorkspace } from "./queries";
import { findUserLocale } from "./locale";
import { loadActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";

/** What GET /api/me answers (and the app layout prefetches): who I am, what I may do, what is wrong. */
export async function describeMe(db: Db, actor: Actor) {
  const locale = await findUserLocale(db, { workspaceId: actor.workspaceId, userId: actor.userId });
  return {
    // locale: the UI language chosen in the user menu; null follows the browser.
    user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, locale },
    workspace: await getWorkspace(db, actor.workspaceId),
    // The client hides what the server would refuse anyway.
    permissions: (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(actor.role, a)),
    // Numbers WhatsApp refuses to send from (an expired token): everyone sees the banner.
    alerts: await findChannelAlerts(db, actor.workspaceId),
  };
}

export type MeDto = Awaited<ReturnType<typeof describeMe>>;

/** What GET /api/me answers, read directly so the app layout's first paint already knows the user. */
export async function loadMe(userId: string, workspaceId: string): Promise<MeDto | null> {
  const db = await getDb();
  const actor = await loadActor(db, userId, workspaceId);
  return actor ? describeMe(db, actor) : null;
}
