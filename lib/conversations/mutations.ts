import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, teams, users } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { notifyAssigned } from "@/lib/notifications/notify";
import { publishEvent } from "@/lib/realtime/events";
import { conversationErrors } from "./errors";
import { isUniqueViolation } from "@/lib/db/errors";
import type { UpdateConversationInput } from "./schemas";
import { canTransition, statusSideEffects, transitionError } from "./status";
import { insertSystemEvent } from "./system-events";

type ConversationRow = typeof conversations.$inferSelect;

export async function lockConversation(tx: Db, workspaceId: string, id: string): Promise<ConversationRow> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .for("update")
    .limit(1);
  if (!row) throw conversationErrors.notFound();
  return row;
}

async function nameOfUser(tx: Db, workspaceId: string, userId: string) {
  const [u] = await tx
    .select({ name: users.name, active: users.active })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .limit(1);
  return u;
}

export type ConversationChange = { id: string; changed: string[]; before: ConversationRow; after: ConversationRow; queued: string[] };

/** What a caller adds to a change in its transaction: on resolve, lib/messages queues the rating request (returns its message id). */
export type ConversationUpdateHooks = { onResolved?: (tx: Db, conv: ConversationRow, at: Date) => Promise<string | null> };

/**
 * Changes status, priority, assignee or team. Agents may take or drop a conversation for
 * themselves; handing it to someone else needs `conversation:assign`. Routing (auto-assignment,
 * the team queues) is lib/assignment's: the API goes through its `changeConversation`, which
 * calls `applyConversationUpdate` and then routes; this function changes the one row only.
 */
export async function updateConversation(db: Db, actor: Actor, id: string, input: UpdateConversationInput, hooks: ConversationUpdateHooks = {}) {
  try {
    return await db.transaction(async (tx) => {
      const conv = await lockConversation(tx, actor.workspaceId, id);
      const { changed, queued } = await applyConversationUpdate(tx, actor, conv, input, new Date(), hooks);
      return { id, changed, queued };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conversationErrors.anotherLiveConversation();
    throw err;
  }
}

/**
 * The rules of one change to a conversation locked by the caller (`conv`), inside its
 * transaction: thread events, audit, the row, NOTIFY. Returns the row before and after. Taking
 * or handing over a conversation stamps `assigned_at` and takes it out of its team's queue, as
 * does resolving it. A unique violation (reopening beside another live conversation) is thrown
 * as the database's: the caller maps it (conversationErrors.anotherLiveConversation).
 */
export async function applyConversationUpdate(
  tx: Db,
  actor: Actor,
  conv: ConversationRow,
  input: UpdateConversationInput,
  now: Date,
  hooks: ConversationUpdateHooks = {},
): Promise<ConversationChange> {
  const id = conv.id;
  const set: Partial<ConversationRow> = {};
  const changed: string[] = [];
  const queued: string[] = [];

  if (input.status && input.status !== conv.status) {
    if (!canTransition(conv.status, input.status)) throw conversationErrors.transition(conv.status, input.status, transitionError(conv.status, input.status));
    Object.assign(set, statusSideEffects(input.status, now, input.snoozedUntil));
    if (input.status === "resolved") set.queuedAt = null;
    changed.push("status");
    await insertSystemEvent(tx, conv, { action: "status_changed", from: conv.status, to: input.status, by: actor.userId, byName: actor.name }, now);
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.status_changed", data: { from: conv.status, to: input.status } });
    if (input.status === "resolved" && hooks.onResolved) {
      const messageId = await hooks.onResolved(tx, conv, now);
      if (messageId) queued.push(messageId);
    }
  } else if (input.status === "snoozed" && input.snoozedUntil) {
    set.snoozedUntil = input.snoozedUntil;
    changed.push("snoozedUntil");
  }

  if (input.priority && input.priority !== conv.priority) {
    set.priority = input.priority;
    changed.push("priority");
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.priority_changed", data: { from: conv.priority, to: input.priority } });
  }

  if (input.assigneeId !== undefined && input.assigneeId !== conv.assigneeId) {
    const toSelf = input.assigneeId === actor.userId;
    const dropOwn = input.assigneeId === null && conv.assigneeId === actor.userId;
    const takeFree = toSelf && conv.assigneeId === null;
    if (!can(actor.role, "conversation:assign") && !(takeFree || dropOwn)) {
      throw toSelf ? conversationErrors.ownedBySomeoneElse() : conversationErrors.assignNotAllowed();
    }
    let toName: string | undefined;
    if (input.assigneeId) {
      const target = await nameOfUser(tx, actor.workspaceId, input.assigneeId);
      if (!target) throw conversationErrors.unknownTeammate();
      if (!target.active) throw conversationErrors.teammateDeactivated(target.name);
      toName = target.name;
      set.assignedAt = now;
      set.queuedAt = null;
    }
    set.assigneeId = input.assigneeId;
    changed.push("assignee");
    await insertSystemEvent(tx, conv, { action: "assigned", from: conv.assigneeId, to: input.assigneeId, by: actor.userId, byName: actor.name, ...(toName ? { toName } : {}) }, now);
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.assigned", data: { from: conv.assigneeId, to: input.assigneeId } });
    // Handed to someone else: they hear of it (taking one yourself tells nobody).
    if (input.assigneeId) await notifyAssigned(tx, { workspaceId: actor.workspaceId, conversationId: id, assigneeId: input.assigneeId, byUserId: actor.userId, byName: actor.name });
  }

  if (input.teamId !== undefined && input.teamId !== conv.teamId) {
    if (!can(actor.role, "conversation:assign")) throw conversationErrors.teamNotAllowed();
    let toName: string | undefined;
    if (input.teamId) {
      const [team] = await tx.select({ name: teams.name }).from(teams).where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, input.teamId))).limit(1);
      if (!team) throw conversationErrors.unknownTeam();
      toName = team.name;
    }
    set.teamId = input.teamId;
    // Queued for the old team: the new team's routing decides (lib/assignment).
    set.queuedAt = null;
    changed.push("team");
    await insertSystemEvent(tx, conv, { action: "team_changed", from: conv.teamId, to: input.teamId, by: actor.userId, byName: actor.name, ...(toName ? { toName } : {}) }, now);
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.team_changed", data: { from: conv.teamId, to: input.teamId } });
  }

  if (changed.length > 0) {
    await tx.update(conversations).set({ ...set, updatedAt: now }).where(eq(conversations.id, id));
    await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: id, fields: changed });
  }
  return { id, changed, queued, before: conv, after: { ...conv, ...set, ...(changed.length > 0 ? { updatedAt: now } : {}) } };
}

/** Clears the unread badge when someone opens the thread; 404 for a conversation of another workspace. */
export async function markConversationRead(db: Db, actor: Actor, id: string): Promise<{ changed: boolean }> {
  const updated = await db
    .update(conversations)
    .set({ unreadCount: 0 })
    .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, id), sql`${conversations.unreadCount} > 0`))
    .returning({ id: conversations.id });
  if (updated.length > 0) {
    await publishEvent(db, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: id, fields: ["unreadCount"] });
    return { changed: true };
  }
  const [exists] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, id)))
    .limit(1);
  if (!exists) throw conversationErrors.notFound();
  return { changed: false };
}
