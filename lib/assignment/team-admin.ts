import { and, asc, eq, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, teams, users } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { insertSystemEvent } from "@/lib/conversations/system-events";
import { autoTeamsOf, drainTeams, enqueue, lockRouting } from "./engine";
import { assignmentErrors } from "./errors";

/**
 * PATCH /api/teams/:id { autoAssign }. Switching it on queues the team's unassigned open and
 * pending conversations (longest-waiting first) and hands them out; switching it off empties
 * the queue (those conversations stay unassigned, for anyone to take).
 */
export async function setTeamAutoAssign(db: Db, actor: Actor, { teamId, autoAssign }: { teamId: string; autoAssign: boolean }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select({ autoAssign: teams.autoAssign })
      .from(teams)
      .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, teamId)))
      .for("update");
    if (!team) throw assignmentErrors.unknownTeam();
    if (team.autoAssign === autoAssign) return { id: teamId, autoAssign, assigned: 0 };
    await tx.update(teams).set({ autoAssign }).where(eq(teams.id, teamId));
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "team.auto_assign_changed", data: { teamId, autoAssign } });
    await publishEvent(tx, { type: "team.updated", workspaceId: actor.workspaceId, teamId });
    const inTeam = and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.teamId, teamId));
    if (!autoAssign) {
      await tx.update(conversations).set({ queuedAt: null }).where(and(inTeam, isNotNull(conversations.queuedAt)));
      return { id: teamId, autoAssign, assigned: 0 };
    }
    await lockRouting(tx, actor.workspaceId);
    const waiting = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(inTeam, isNull(conversations.assigneeId), inArray(conversations.status, ["open", "pending"])));
    await enqueue(tx, actor.workspaceId, waiting.map((w) => w.id), now);
    const assigned = await drainTeams(tx, actor.workspaceId, [teamId], { now });
    return { id: teamId, autoAssign, assigned };
  });
}

/** PATCH /api/teams/members/:userId { capacity }: more room is handed out from the queues at once. */
export async function setMemberCapacity(db: Db, actor: Actor, { userId, capacity }: { userId: string; capacity: number }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ capacity: users.capacity })
      .from(users)
      .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, userId)))
      .for("update");
    if (!before) throw assignmentErrors.unknownMember();
    if (before.capacity === capacity) return { userId, capacity, assigned: 0 };
    await tx.update(users).set({ capacity }).where(eq(users.id, userId));
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "user.capacity_changed", data: { userId, from: before.capacity, to: capacity } });
    await publishEvent(tx, { type: "presence.updated", workspaceId: actor.workspaceId, userId });
    await lockRouting(tx, actor.workspaceId);
    const assigned = await drainTeams(tx, actor.workspaceId, await autoTeamsOf(tx, actor.workspaceId, userId), { now });
    return { userId, capacity, assigned };
  });
}

/**
 * POST /api/teams/members/:userId/release: every conversation the agent holds that is not
 * resolved goes back to its team's queue (a customer keeps their place: they queue from when
 * they started waiting) and is handed to the team's other online members with room. Those of
 * teams without auto-assign (or of no team) become unassigned, for anyone to take.
 */
export async function releaseToQueue(db: Db, actor: Actor, { userId }: { userId: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [agent] = await tx.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, userId)));
    if (!agent) throw assignmentErrors.unknownMember();
    const held = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.assigneeId, userId), ne(conversations.status, "resolved")))
      .orderBy(asc(conversations.id))
      .for("update");
    if (held.length === 0) return { released: 0, assigned: 0 };
    const teamOf = new Map(
      (await tx.select({ id: teams.id, name: teams.name, autoAssign: teams.autoAssign }).from(teams).where(eq(teams.workspaceId, actor.workspaceId))).map((t) => [t.id, t]),
    );
    for (const conv of held) {
      await tx.update(conversations).set({ assigneeId: null, updatedAt: now }).where(eq(conversations.id, conv.id));
      const team = conv.teamId ? teamOf.get(conv.teamId) : undefined;
      const queue = team?.autoAssign ? { queued: true, team: team.name } : {};
      await insertSystemEvent(tx, conv, { action: "assigned", from: userId, to: null, by: actor.userId, byName: actor.name, ...queue }, now);
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: conv.id, action: "conversation.released", data: { from: userId, teamId: conv.teamId } });
      await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: conv.id, fields: ["assignee"] });
    }
    await lockRouting(tx, actor.workspaceId);
    const queuedTeams = await enqueue(tx, actor.workspaceId, held.map((c) => c.id), now);
    const assigned = await drainTeams(tx, actor.workspaceId, queuedTeams, { now, exclude: new Set([userId]) });
    return { released: held.length, assigned };
  });
}
