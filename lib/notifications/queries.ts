import { aliasedTable, and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { contacts, conversations, messages, notifications, users } from "@/lib/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";
import type { ListNotificationsInput, MarkReadInput, NotificationKind } from "./schemas";

const actor = aliasedTable(users, "notification_actor");

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  conversationId: notifications.conversationId,
  messageId: notifications.messageId,
  actorId: notifications.actorUserId,
  actorName: actor.name,
  data: notifications.data,
  contactName: sql<string | null>`coalesce(${contacts.profileName}, ${contacts.username}, ${contacts.phone})`,
  // A mention quotes its note; an assignment the conversation's newest line.
  snippet: sql<string | null>`left(regexp_replace(coalesce(${messages.text}, ${conversations.lastMessagePreview}, ''), '\\s+', ' ', 'g'), 140)`,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
  cursorTs: sql<string>`${notifications.createdAt}::text`,
};

type Row = {
  id: string; kind: string; conversationId: string | null; messageId: string | null; actorId: string | null; actorName: string | null;
  data: Record<string, unknown>; contactName: string | null; snippet: string | null; readAt: Date | null; createdAt: Date; cursorTs: string;
};

function toDto(r: Row) {
  const byName = typeof r.data.byName === "string" ? r.data.byName : null;
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    conversationId: r.conversationId,
    messageId: r.messageId,
    /** Who did it (null: Sportello itself, e.g. auto-assignment). */
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? byName ?? "" } : null,
    contactName: r.contactName,
    snippet: r.snippet || null,
    readAt: r.readAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export type NotificationDto = ReturnType<typeof toDto>;
export type NotificationPage = { items: NotificationDto[]; unread: number; nextCursor: string | null };

function rows(db: Db, cols: typeof columns & { userId?: typeof notifications.userId } = columns) {
  return db
    .select(cols)
    .from(notifications)
    .leftJoin(actor, eq(actor.id, notifications.actorUserId))
    .leftJoin(conversations, eq(conversations.id, notifications.conversationId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(messages, eq(messages.id, notifications.messageId));
}

/** The signed-in user's notifications, newest first (keyset on created_at, id), and how many are unread. */
export async function listNotifications(db: Db, { actor: me, input }: { actor: Actor; input: ListNotificationsInput }): Promise<NotificationPage> {
  const where = [eq(notifications.workspaceId, me.workspaceId), eq(notifications.userId, me.userId)];
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${c.ts}::timestamptz, ${c.id}::uuid)`);
  }
  const found = (await rows(db)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1)) as Row[];
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDto),
    unread: await countUnread(db, { workspaceId: me.workspaceId, userId: me.userId }),
    nextCursor: found.length > input.limit && last ? encodeCursor(last.cursorTs, last.id) : null,
  };
}

export async function countUnread(db: Db, { workspaceId, userId }: { workspaceId: string; userId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** countUnread for several users of a workspace in one grouped query (realtime). */
export async function countUnreadFor(db: Db, { workspaceId, userIds }: { workspaceId: string; userIds: string[] }): Promise<Map<string, number>> {
  const out = new Map<string, number>(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return out;
  const found = await db
    .select({ userId: notifications.userId, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), inArray(notifications.userId, [...new Set(userIds)]), isNull(notifications.readAt)))
    .groupBy(notifications.userId);
  for (const r of found) out.set(r.userId, r.n);
  return out;
}

/** Notifications by id, as the list returns them (realtime hydrates `notification.created` with these). */
export async function findNotificationDtos(db: Db, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<(NotificationDto & { userId: string })[]> {
  if (ids.length === 0) return [];
  const found = (await rows(db, { ...columns, userId: notifications.userId })
    .where(and(eq(notifications.workspaceId, workspaceId), inArray(notifications.id, [...new Set(ids)])))) as (Row & { userId: string })[];
  return found.map((r) => ({ ...toDto(r), userId: r.userId }));
}

/**
 * Marks the user's own notifications read (ids of anyone else's are ignored), tells the user's
 * other tabs, and answers the unread count left.
 */
export async function markNotificationsRead(db: Db, { actor: me, input }: { actor: Actor; input: MarkReadInput }): Promise<{ unread: number; marked: number }> {
  return db.transaction(async (tx) => {
    const mine = [eq(notifications.workspaceId, me.workspaceId), eq(notifications.userId, me.userId), isNull(notifications.readAt)];
    if ("ids" in input) mine.push(inArray(notifications.id, input.ids));
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(...mine))
      .returning({ id: notifications.id });
    if (marked.length > 0) {
      await publishEvent(tx, { type: "notifications.read", workspaceId: me.workspaceId, userId: me.userId, ids: "ids" in input ? marked.map((m) => m.id) : null });
    }
    return { unread: await countUnread(tx, { workspaceId: me.workspaceId, userId: me.userId }), marked: marked.length };
  });
}
