import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import { domainError } from "@/lib/errors/app-error";
import { can, type Action, type Role } from "./permissions";

export type Actor = {
  userId: string;
  workspaceId: string;
  role: Role;
  name: string;
  email: string;
  /** The server-side session this request came with (lib/auth/sessions.ts); absent for scripts and tests. */
  sessionId?: string;
};

/**
 * Sportello itself sending on the business's behalf (the welcome reply to a customer who opens
 * the chat): no user, so it never claims the conversation nor counts as a first response.
 */
export type Automation = { automation: true; workspaceId: string; name: string };

/** Who sends an outbound message: a signed-in teammate, or an automation. */
export type Sender = Actor | Automation;

export function isAutomation(sender: Sender): sender is Automation {
  return "automation" in sender;
}

/**
 * Re-reads the user behind a session on every request, so deactivation or a role change
 * takes effect at once instead of when the JWT expires.
 */
export async function loadActor(db: Db, userId: string, workspaceId: string): Promise<Actor | null> {
  const [row] = await db
    .select({ id: users.id, workspaceId: users.workspaceId, role: users.role, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)))
    .limit(1);
  if (!row || !row.active) return null;
  return { userId: row.id, workspaceId: row.workspaceId, role: row.role, name: row.name, email: row.email };
}

export function assertCan(actor: Actor, action: Action): void {
  if (!can(actor.role, action)) throw domainError("forbidden", "auth.role_not_allowed", "Your role does not allow this action.", { action });
}
