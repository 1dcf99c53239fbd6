import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { teamMemberships, teams, users, workspaces } from "@/lib/db/schema";

/** Teammates for assignment pickers and presence: never the password hash. */
export async function findTeammates(db: Db, workspaceId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, availability: users.availability, active: users.active, capacity: users.capacity })
    .from(users)
    .where(eq(users.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

export async function findTeams(db: Db, workspaceId: string) {
  const rows = await db
    .select({ id: teams.id, name: teams.name, userId: teamMemberships.userId })
    .from(teams)
    .leftJoin(teamMemberships, eq(teamMemberships.teamId, teams.id))
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
  const byId = new Map<string, { id: string; name: string; memberIds: string[] }>();
  for (const r of rows) {
    const t = byId.get(r.id) ?? { id: r.id, name: r.name, memberIds: [] };
    if (r.userId) t.memberIds.push(r.userId);
    byId.set(r.id, t);
  }
  return [...byId.values()];
}

export async function getWorkspace(db: Db, workspaceId: string) {
  const [w] = await db.select({ id: workspaces.id, name: workspaces.name, verifiedName: workspaces.verifiedName, timezone: workspaces.timezone, onlyAssigneeReplies: workspaces.onlyAssigneeReplies, csatEnabled: workspaces.csatEnabled }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return w ?? null;
}
