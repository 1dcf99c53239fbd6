import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, messages, teams, users } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors/app-error";
import { isUniqueViolation } from "@/lib/db/errors";
import { STATUS_LABELS, type UpdateConversationInput } from "./schemas";
import { canTransition, statusSideEffects, transitionError } from "./status";

type ConversationRow = typeof conversations.$inferSelect;

export async function lockConversation(tx: Db, workspaceId: string, id: string): Promise<ConversationRow> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .for("update")
    .limit(1);
  if (!row) throw notFound("Conversation");
  return row;
}

/** An inline timeline entry ("Marco assigned this to Giulia"): internal, never sent to WhatsApp. */
export async function insertSystemEvent(tx: Db, conv: ConversationRow, text: string, payload: Record<string, unknown>, at: Date) {
  const [row] = await tx
    .insert(messages)
    .values({
      workspaceId: conv.workspaceId,
      conversationId: conv.id,
      channelId: conv.channelId,
      direction: "internal",
      authorType: "system",
      kind: "event",
      text,
      payload,
      createdAt: at,
    })
    .returning({ id: messages.id });
  await publishEvent(tx, { type: "message.created", workspaceId: conv.workspaceId, conversationId: conv.id, messageId: row!.id });
}

async function nameOfUser(tx: Db, workspaceId: string, userId: string) {
  const [u] = await tx
    .select({ name: users.name, active: users.active })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .limit(1);
  return u;
}

/**
 * Changes status, priority, assignee or team. Agents may take or drop a conversation for
 * themselves; handing it to someone else needs `conversation:assign`.
 */
export async function updateConversation(db: Db, actor: Actor, id: string, input: UpdateConversationInput) {
  try {
    return await db.transaction(async (tx) => {
      const conv = await lockConversation(tx, actor.workspaceId, id);
      const now = new Date();
      const set: Partial<ConversationRow> = {};
      const changed: string[] = [];

      if (input.status && input.status !== conv.status) {
        if (!canTransition(conv.status, input.status)) throw conflict(transitionError(conv.status, input.status));
        Object.assign(set, statusSideEffects(input.status, now, input.snoozedUntil));
        changed.push("status");
        const verb = input.status === "open" && conv.status === "resolved" ? "reopened" : `marked this ${STATUS_LABELS[input.status].toLowerCase()}`;
        await insertSystemEvent(tx, conv, `${actor.name} ${verb}`, { action: "status_changed", from: conv.status, to: input.status, by: actor.userId }, now);
        await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.status_changed", data: { from: conv.status, to: input.status } });
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
          throw forbidden(toSelf ? "This conversation belongs to someone else. Ask a team lead to reassign it." : "Only team leads and admins can assign conversations to others.");
        }
        let text = `${actor.name} unassigned this conversation`;
        if (input.assigneeId) {
          const target = await nameOfUser(tx, actor.workspaceId, input.assigneeId);
          if (!target) throw new AppError("validation_failed", "That teammate does not exist.", { assigneeId: ["Unknown user."] });
          if (!target.active) throw conflict(`${target.name} is deactivated and cannot take conversations.`);
          text = toSelf ? `${actor.name} took this conversation` : `${actor.name} assigned this conversation to ${target.name}`;
        }
        set.assigneeId = input.assigneeId;
        changed.push("assignee");
        await insertSystemEvent(tx, conv, text, { action: "assigned", from: conv.assigneeId, to: input.assigneeId, by: actor.userId }, now);
        await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.assigned", data: { from: conv.assigneeId, to: input.assigneeId } });
      }

      if (input.teamId !== undefined && input.teamId !== conv.teamId) {
        if (!can(actor.role, "conversation:assign")) throw forbidden("Only team leads and admins can move conversations between teams.");
        let text = `${actor.name} removed the team`;
        if (input.teamId) {
          const [team] = await tx.select({ name: teams.name }).from(teams).where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, input.teamId))).limit(1);
          if (!team) throw new AppError("validation_failed", "That team does not exist.", { teamId: ["Unknown team."] });
          text = `${actor.name} moved this to ${team.name}`;
        }
        set.teamId = input.teamId;
        changed.push("team");
        await insertSystemEvent(tx, conv, text, { action: "team_changed", from: conv.teamId, to: input.teamId, by: actor.userId }, now);
        await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId: id, action: "conversation.team_changed", data: { from: conv.teamId, to: input.teamId } });
      }

      if (changed.length > 0) {
        await tx.update(conversations).set({ ...set, updatedAt: now }).where(eq(conversations.id, id));
        await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: id, fields: changed });
      }
      return { id, changed };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("This customer already has another open conversation on this number. Continue there instead.");
    throw err;
  }
}

/** Clears the unread badge when someone opens the thread. */
export async function markConversationRead(db: Db, actor: Actor, id: string): Promise<{ changed: boolean }> {
  const updated = await db
    .update(conversations)
    .set({ unreadCount: 0 })
    .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, id), sql`${conversations.unreadCount} > 0`))
    .returning({ id: conversations.id });
  if (updated.length > 0) {
    await publishEvent(db, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId: id, fields: ["unreadCount"] });
  }
  return { changed: updated.length > 0 };
}
