import { and, asc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { contacts, conversations, teamMemberships, teams, users } from "@/lib/db/schema";
import { contactName } from "@/lib/conversations/queries";
import type { ConversationStatus, Priority } from "@/lib/conversations/schemas";
import type { Availability } from "./schemas";

/** Conversations listed per agent and per queue; the counts are always complete. */
const ITEMS_PER_AGENT = 25;
const ITEMS_PER_QUEUE = 20;

export type TeamConversation = {
  id: string;
  contactName: string;
  status: ConversationStatus;
  priority: Priority;
  preview: string | null;
  lastMessageAt: string;
  /** The customer waits for a reply since then (null: we answered last). */
  waitingSince: string | null;
  /** In its team's queue since then (auto-assign). */
  queuedAt: string | null;
  teamId: string | null;
};

export type TeamAgent = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "lead" | "agent";
  availability: Availability;
  availabilityChangedAt: string | null;
  lastSeenAt: string | null;
  capacity: number;
  teamIds: string[];
  /** Not resolved (open, pending, snoozed): what capacity counts. */
  open: number;
  /** Of those, customers waiting for a reply. */
  waiting: number;
  oldestWaitingSince: string | null;
  conversations: TeamConversation[];
};

export type TeamQueue = {
  /** null: conversations of no team. */
  id: string | null;
  name: string | null;
  autoAssign: boolean;
  memberIds: string[];
  /** Open and pending conversations nobody holds; `queued` of them wait in the auto-assign queue. */
  unassigned: number;
  queued: number;
  oldestQueuedAt: string | null;
  oldestWaitingSince: string | null;
  conversations: TeamConversation[];
};

export type TeamView = { agents: TeamAgent[]; teams: TeamQueue[] };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Up to `limit` conversations per `partition`, in `order`, with what a card shows. */
async function rankedConversations(db: Db, where: SQL, partition: SQL, order: SQL, limit: number) {
  const ranked = db
    .select({
      id: conversations.id,
      assigneeId: conversations.assigneeId,
      teamId: conversations.teamId,
      status: conversations.status,
      priority: conversations.priority,
      preview: conversations.lastMessagePreview,
      lastMessageAt: conversations.lastMessageAt,
      waitingSince: conversations.waitingSince,
      queuedAt: conversations.queuedAt,
      profileName: contacts.profileName,
      username: contacts.username,
      phone: contacts.phone,
      bsuid: contacts.bsuid,
      rank: sql<number>`row_number() over (partition by ${partition} order by ${order})`.as("rank"),
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where)
    .as("ranked");
  const rows = await db.select().from(ranked).where(sql`${ranked.rank} <= ${limit}`).orderBy(asc(ranked.rank));
  return rows.map((r) => ({
    assigneeId: r.assigneeId,
    item: {
      id: r.id,
      contactName: contactName(r.profileName, r.username, r.phone, r.bsuid),
      status: r.status,
      priority: r.priority,
      preview: r.preview,
      lastMessageAt: iso(r.lastMessageAt)!,
      waitingSince: iso(r.waitingSince),
      queuedAt: iso(r.queuedAt),
      teamId: r.teamId,
    } satisfies TeamConversation,
  }));
}

/**
 * GET /api/team, the lead's view: every active teammate with availability, load (open, waiting,
 * the oldest unanswered wait) and capacity, their conversations; every team's unassigned
 * conversations (the queue, when it auto-assigns) with the oldest waiting customer.
 */
export async function getTeamView(db: Db, workspaceId: string): Promise<TeamView> {
  const inWs = eq(conversations.workspaceId, workspaceId);
  const held = and(inWs, ne(conversations.status, "resolved"), isNotNull(conversations.assigneeId))!;
  const free = and(inWs, inArray(conversations.status, ["open", "pending"]), isNull(conversations.assigneeId))!;
  const [people, memberships, teamRows, loads, queues, agentItems, queueItems] = await Promise.all([
    db
      .select({
        id: users.id, name: users.name, email: users.email, role: users.role, availability: users.availability,
        availabilityChangedAt: users.availabilityChangedAt, lastSeenAt: users.lastSeenAt, capacity: users.capacity,
      })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true)))
      .orderBy(asc(users.name)),
    db.select({ teamId: teamMemberships.teamId, userId: teamMemberships.userId }).from(teamMemberships).where(eq(teamMemberships.workspaceId, workspaceId)),
    db.select({ id: teams.id, name: teams.name, autoAssign: teams.autoAssign }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name)),
    db
      .select({
        assigneeId: conversations.assigneeId,
        open: sql<number>`count(*)::int`,
        waiting: sql<number>`(count(*) filter (where ${conversations.waitingSince} is not null))::int`,
        oldest: sql<string | null>`min(${conversations.waitingSince})`,
      })
      .from(conversations)
      .where(held)
      .groupBy(conversations.assigneeId),
    db
      .select({
        teamId: conversations.teamId,
        unassigned: sql<number>`count(*)::int`,
        queued: sql<number>`(count(*) filter (where ${conversations.queuedAt} is not null))::int`,
        oldestQueued: sql<string | null>`min(${conversations.queuedAt})`,
        oldestWaiting: sql<string | null>`min(${conversations.waitingSince})`,
      })
      .from(conversations)
      .where(free)
      .groupBy(conversations.teamId),
    rankedConversations(db, held, sql`${conversations.assigneeId}`, sql`${conversations.waitingSince} asc nulls last, ${conversations.lastMessageAt} desc`, ITEMS_PER_AGENT),
    rankedConversations(
      db,
      free,
      sql`${conversations.teamId}`,
      sql`${conversations.queuedAt} asc nulls last, ${conversations.waitingSince} asc nulls last, ${conversations.lastMessageAt} desc`,
      ITEMS_PER_QUEUE,
    ),
  ]);

  const loadOf = new Map(loads.map((l) => [l.assigneeId, l]));
  const itemsOf = (rows: typeof agentItems, key: (r: (typeof agentItems)[number]) => string | null) => {
    const out = new Map<string | null, TeamConversation[]>();
    for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r.item]);
    return out;
  };
  const byAgent = itemsOf(agentItems, (r) => r.assigneeId);
  const byTeam = itemsOf(queueItems, (r) => r.item.teamId);
  const queueOf = new Map(queues.map((q) => [q.teamId, q]));

  const agents: TeamAgent[] = people.map((p) => {
    const l = loadOf.get(p.id);
    return {
      ...p,
      availabilityChangedAt: iso(p.availabilityChangedAt),
      lastSeenAt: iso(p.lastSeenAt),
      teamIds: memberships.filter((m) => m.userId === p.id).map((m) => m.teamId),
      open: l?.open ?? 0,
      waiting: l?.waiting ?? 0,
      oldestWaitingSince: iso(l?.oldest ?? null),
      conversations: byAgent.get(p.id) ?? [],
    };
  });
  const queue = (id: string | null, name: string | null, autoAssign: boolean): TeamQueue => {
    const q = queueOf.get(id);
    return {
      id,
      name,
      autoAssign,
      memberIds: id ? memberships.filter((m) => m.teamId === id).map((m) => m.userId) : [],
      unassigned: q?.unassigned ?? 0,
      queued: q?.queued ?? 0,
      oldestQueuedAt: iso(q?.oldestQueued ?? null),
      oldestWaitingSince: iso(q?.oldestWaiting ?? null),
      conversations: byTeam.get(id) ?? [],
    };
  };
  return { agents, teams: [...teamRows.map((t) => queue(t.id, t.name, t.autoAssign)), queue(null, null, false)] };
}
