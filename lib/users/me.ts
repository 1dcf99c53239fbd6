import type { Actor } from "@/lib/auth/actor";
import { PERMISSIONS, can, type Action } from "@/lib/auth/permissions";
import { findChannelAlerts } from "@/lib/channels/channels";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import { getWorkspace } from "./queries";
import { findUserLocale } from "./locale";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

/** What GET /api/me answers (and the app layout prefetches): who I am, what I may do, what is wrong. */
export async function describeMe(db: Db, actor: Actor) {
  const locale = await findUserLocale(db, { workspaceId: actor.workspaceId, userId: actor.userId });
  const [self] = await db.select({ availability: users.availability }).from(users).where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, actor.userId))).limit(1);
  return {
    // locale: the UI language chosen in the user menu; null follows the browser. availability:
    // online, away or offline, as the user menu sets it (PUT /api/me/availability).
    user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, locale, availability: self?.availability ?? "offline" },
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
