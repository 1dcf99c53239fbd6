import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, teamMemberships, teams, users } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { notifyAssigned } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/realtime/events";
import { insertSystemEvent } from "@/lib/conversations/system-events";
import { hasRoom, pickAgent, roomOf, type AgentLoad } from "./pick";

// Auto-assignment. A conversation of a team with auto-assign on that nobody holds waits in the
// team's queue (conversations.queued_at, oldest first) and a drain hands the queue out to the
// team's online members with room, fewest open first. Every decision of a workspace runs under
// one transaction-scoped advisory lock, so two app processes (or two drains in one) never count
// the same free slot twice, including for an agent who is in two teams; queued rows are taken
// FOR UPDATE SKIP LOCKED, so a drain never waits on a conversation someone else is changing.
// Nothing here waits on a row while holding the lock, so it cannot deadlock with the writers of
// users or conversations (they take their rows first, then the lock).

type ConversationRow = typeof conversations.$inferSelect;

/** Serialises routing decisions of one workspace until the transaction ends. */
export async function lockRouting(tx: Db, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sportello.routing:${workspaceId}`}, 0))`);
}

const openCount = (workspaceId: string) =>
  sql<number>`(select count(*)::int from ${conversations} c where c.workspace_id = ${workspaceId} and c.assignee_id = ${users.id} and c.status <> 'resolved')`;
const lastAssignedMs = (workspaceId: string) =>
  sql<number | null>`(select (extract(epoch from max(c.assigned_at)) * 1000)::float8 from ${conversations} c where c.workspace_id = ${workspaceId} and c.assignee_id = ${users.id})`;

/** Loads of the active users matching `where` (their open conversations, capacity, last assignment). */
export async function loadAgents(tx: Db, workspaceId: string, where: SQL, teamId?: string): Promise<AgentLoad[]> {
  const base = tx
    .select({ id: users.id, name: users.name, capacity: users.capacity, open: openCount(workspaceId), last: lastAssignedMs(workspaceId) })
    .from(users);
  const rows = await (teamId ? base.innerJoin(teamMemberships, and(eq(teamMemberships.userId, users.id), eq(teamMemberships.teamId, teamId))) : base)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true), where))
    .orderBy(asc(users.id));
  return rows.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, open: Number(r.open), lastAssignedAt: r.last === null ? null : new Date(Number(r.last)) }));
}

/** The team's members who may get work now: online, active. */
const onlineMembers = (tx: Db, workspaceId: string, teamId: string) => loadAgents(tx, workspaceId, eq(users.availability, "online"), teamId);

/** The assignee of the customer's previous conversation, if they are online with room now. */
async function returningAgent(tx: Db, conv: ConversationRow, exclude: ReadonlySet<string>): Promise<AgentLoad | undefined> {
  const [prev] = await tx
    .select({ assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, conv.workspaceId), eq(conversations.contactId, conv.contactId), ne(conversations.id, conv.id)))
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(1);
  if (!prev?.assigneeId || exclude.has(prev.assigneeId)) return undefined;
  const [agent] = await loadAgents(tx, conv.workspaceId, and(eq(users.id, prev.assigneeId), eq(users.availability, "online"))!);
  return agent && hasRoom(agent) ? agent : undefined;
}

/** Gives a queued conversation to an agent: the row, a thread event, the audit log, NOTIFY. */
async function giveTo(tx: Db, conv: ConversationRow, agent: AgentLoad, now: Date, returning: boolean) {
  await tx
    .update(conversations)
    .set({ assigneeId: agent.id, assignedAt: now, queuedAt: null, updatedAt: now })
    .where(eq(conversations.id, conv.id));
  await insertSystemEvent(tx, conv, { action: "assigned", from: null, to: agent.id, toName: agent.name, by: null, auto: true }, now);
  await recordAudit(tx, {
    workspaceId: conv.workspaceId,
    actorUserId: null,
    conversationId: conv.id,
    action: "conversation.auto_assigned",
    data: { to: agent.id, teamId: conv.teamId, ...(returning ? { returningCustomer: true } : {}) },
  });
  await publishEvent(tx, { type: "conversation.updated", workspaceId: conv.workspaceId, conversationId: conv.id, fields: ["assignee"] });
  // The agent hears of new work handed to them (the bell, the tab title, a desktop notice).
  await notifyAssigned(tx, { workspaceId: conv.workspaceId, conversationId: conv.id, assigneeId: agent.id, byUserId: null });
  agent.open += 1;
  agent.lastAssignedAt = now;
}

export type DrainOptions = { workspaceId: string; teamId: string; now?: Date; exclude?: ReadonlySet<string> };

/**
 * Hands the team's queue out, oldest first, while an online member has room: a returning
 * customer goes back to their previous agent when that agent is online with room, anyone else
 * to the member with the fewest open conversations. Call under lockRouting. Returns how many
 * conversations it assigned. A team with auto-assign off is left alone.
 */
export async function drainTeamQueue(tx: Db, { workspaceId, teamId, now = new Date(), exclude = new Set() }: DrainOptions): Promise<number> {
  const [team] = await tx.select({ autoAssign: teams.autoAssign }).from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId))).limit(1);
  if (!team?.autoAssign) return 0;
  const members = await onlineMembers(tx, workspaceId, teamId);
  const room = roomOf(members, exclude);
  if (room === 0) return 0;
  const queued = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.teamId, teamId), isNotNull(conversations.queuedAt), isNull(conversations.assigneeId), ne(conversations.status, "resolved")))
    .orderBy(asc(conversations.queuedAt), asc(conversations.id))
    .limit(room)
    .for("update", { skipLocked: true });
  let assigned = 0;
  for (const conv of queued) {
    const back = await returningAgent(tx, conv, exclude);
    const agent = back ? (members.find((m) => m.id === back.id) ?? back) : pickAgent(members, exclude);
    if (!agent) break;
    await giveTo(tx, conv, agent, now, !!back);
    assigned++;
  }
  return assigned;
}

/** The auto-assign teams a user is a member of. */
export async function autoTeamsOf(tx: Db, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: teams.id })
    .from(teamMemberships)
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(and(eq(teams.workspaceId, workspaceId), eq(teamMemberships.userId, userId), eq(teams.autoAssign, true)))
    .orderBy(asc(teams.id));
  return rows.map((r) => r.id);
}

/** Drains each of these teams (ids in a fixed order). Call under lockRouting. */
export async function drainTeams(tx: Db, workspaceId: string, teamIds: Iterable<string>, opts: { now?: Date; exclude?: ReadonlySet<string> } = {}): Promise<number> {
  let n = 0;
  for (const teamId of [...new Set(teamIds)].sort()) n += await drainTeamQueue(tx, { workspaceId, teamId, ...opts });
  return n;
}

/**
 * Puts these conversations in their team's queue when the team auto-assigns and nobody holds
 * them (not resolved), keeping an earlier place in the queue: a customer already waiting queues
 * from when they started waiting. Returns the teams whose queue grew. Call under lockRouting.
 */
export async function enqueue(tx: Db, workspaceId: string, ids: string[], now: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const eligible = await tx
    .select({ id: conversations.id, teamId: conversations.teamId })
    .from(conversations)
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids), isNull(conversations.assigneeId), ne(conversations.status, "resolved"), eq(teams.autoAssign, true)));
  if (eligible.length === 0) return [];
  await tx
    .update(conversations)
    .set({ queuedAt: sql`coalesce(${conversations.queuedAt}, ${conversations.waitingSince}, ${now.toISOString()}::timestamptz)` })
    .where(inArray(conversations.id, eligible.map((e) => e.id)));
  return [...new Set(eligible.map((e) => e.teamId!))];
}

/** Queues these conversations (where their team auto-assigns) and drains those queues. */
export async function routeConversations(tx: Db, workspaceId: string, ids: string[], opts: { now?: Date; exclude?: ReadonlySet<string> } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  await lockRouting(tx, workspaceId);
  return drainTeams(tx, workspaceId, await enqueue(tx, workspaceId, ids, now), { ...opts, now });
}
