// Test-only: a workspace with an auto-assign team and its members, for the routing tests.
import { and, eq } from "drizzle-orm";
import { conversations, messages, teamMemberships, teams } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { actorOf, makeConversation, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import type { Role } from "@/lib/auth/permissions";

export type Availability = "online" | "away" | "offline";

export async function routingWorld(db: Db, { autoAssign = true } = {}) {
  const ws = await makeWorkspace(db);
  const team = await makeTeam(db, ws.workspace.id, "Bookings");
  if (autoAssign) await db.update(teams).set({ autoAssign: true }).where(eq(teams.id, team.id));
  const lead = actorOf(await makeUser(db, ws.workspace.id, "lead", { availability: "online" }));
  const member = async (name: string, opts: { availability?: Availability; capacity?: number; role?: Role; team?: string | null } = {}) => {
    const u = await makeUser(db, ws.workspace.id, opts.role ?? "agent", { name, availability: opts.availability ?? "online", capacity: opts.capacity ?? 8 });
    if (opts.team !== null) await db.insert(teamMemberships).values({ workspaceId: ws.workspace.id, teamId: opts.team ?? team.id, userId: u.id });
    return u;
  };
  /** A live conversation of the team, held by `assigneeId` (or nobody). */
  const conversation = (over: Partial<typeof conversations.$inferInsert> = {}) => makeConversation(db, ws, { teamId: team.id, waitingSince: new Date(), ...over });
  return { ws, workspaceId: ws.workspace.id, team, lead, member, conversation };
}

export async function assigneeOf(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, id));
  return row!.assigneeId;
}

export async function rowOf(db: Db, id: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row!;
}

/** The system events of a conversation's thread, oldest first. */
export async function eventsOf(db: Db, conversationId: string) {
  const rows = await db
    .select({ payload: messages.payload, text: messages.text })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.kind, "event")))
    .orderBy(messages.createdAt);
  return rows;
}
