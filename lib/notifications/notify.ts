import { and, eq, inArray } from "drizzle-orm";
import { notifications, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";
import type { NotificationKind } from "./schemas";

// Writing notifications. Every function here runs inside the caller's transaction: the row and
// its NOTIFY commit (or roll back) with the change that caused them, and the user's open tabs hear
// of it at commit (lib/live delivers `notification.created` to that user's streams only).

export type NotifyInput = {
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  conversationId?: string | null;
  messageId?: string | null;
  /** Who caused it; null for Sportello itself (auto-assignment). */
  actorUserId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * One notification for one teammate of the workspace. A user id of another workspace (or a
 * deactivated teammate) gets nothing: returns null.
 */
export async function notifyUser(tx: Db, input: NotifyInput): Promise<string | null> {
  const [target] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, input.workspaceId), eq(users.id, input.userId), eq(users.active, true)))
    .limit(1);
  if (!target) return null;
  return insert(tx, input);
}

async function insert(tx: Db, input: NotifyInput): Promise<string> {
  const [row] = await tx
    .insert(notifications)
    .values({
      workspaceId: input.workspaceId,
      userId: input.userId,
      kind: input.kind,
      conversationId: input.conversationId ?? null,
      messageId: input.messageId ?? null,
      actorUserId: input.actorUserId ?? null,
      data: input.data ?? {},
    })
    .returning({ id: notifications.id });
  await publishEvent(tx, { type: "notification.created", workspaceId: input.workspaceId, userId: input.userId, notificationId: row!.id });
  return row!.id;
}

/**
 * A conversation was given to `assigneeId`. Nobody is told about what they did themselves (taking
 * a conversation, replying to an unclaimed one): only an assignment by someone else (a lead) or by
 * Sportello (`byUserId` null: auto-assignment, lib/assignment) notifies. Call it inside the
 * transaction that changed the assignee.
 */
export async function notifyAssigned(
  tx: Db,
  { workspaceId, conversationId, assigneeId, byUserId, byName }: { workspaceId: string; conversationId: string; assigneeId: string; byUserId: string | null; byName?: string },
): Promise<string | null> {
  if (byUserId === assigneeId) return null;
  return notifyUser(tx, { workspaceId, userId: assigneeId, kind: "assigned", conversationId, actorUserId: byUserId, data: byName ? { byName } : {} });
}

/**
 * The teammates a note @mentions, each told once. Only active users of the same workspace count
 * (any other id is ignored) and the author is never told about their own note. Returns who was
 * notified.
 */
export async function notifyMentioned(
  tx: Db,
  { workspaceId, conversationId, messageId, authorId, userIds }: { workspaceId: string; conversationId: string; messageId: string; authorId: string; userIds: string[] },
): Promise<string[]> {
  const wanted = [...new Set(userIds)].filter((id) => id !== authorId);
  if (wanted.length === 0) return [];
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true), inArray(users.id, wanted)));
  for (const { id } of found) await insert(tx, { workspaceId, userId: id, kind: "mention", conversationId, messageId, actorUserId: authorId });
  return found.map((u) => u.id);
}
