import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, mediaFiles, messages, users } from "@/lib/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { conversationErrors } from "@/lib/conversations/errors";
import { literalLimit, pageSizeFor, placeholders, preparedRead } from "@/lib/db/prepared";

const columns = {
  id: messages.id,
  conversationId: messages.conversationId,
  direction: messages.direction,
  authorType: messages.authorType,
  authorUserId: messages.authorUserId,
  authorName: users.name,
  kind: messages.kind,
  text: messages.text,
  payload: messages.payload,
  status: messages.status,
  error: messages.error,
  replyToMessageId: messages.replyToMessageId,
  clientMessageId: messages.clientMessageId,
  editedAt: messages.editedAt,
  revokedAt: messages.revokedAt,
  echo: messages.echo,
  createdAt: messages.createdAt,
  // Inbound media download in the background: the thread shows "downloading" until it is stored.
  mediaStatus: mediaFiles.status,
  cursorTs: sql<string>`${messages.createdAt}::text`,
};

const mediaFileOf = sql`case when ${messages.payload}->>'mediaFileId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then (${messages.payload}->>'mediaFileId')::uuid end`;

type MessageRow = {
  id: string; conversationId: string; direction: "inbound" | "outbound" | "internal"; authorType: "customer" | "agent" | "system";
  authorUserId: string | null; authorName: string | null; kind: string; text: string | null; payload: Record<string, unknown> | null;
  status: "queued" | "sent" | "delivered" | "read" | "failed" | null; error: { code: number | string; title: string; message: string } | null;
  replyToMessageId: string | null; clientMessageId: string | null; createdAt: Date; mediaStatus?: string | null;
  editedAt: Date | null; revokedAt: Date | null; echo: boolean;
};

export function toMessageDto(r: MessageRow) {
  return {
    id: r.id,
    conversationId: r.conversationId,
    direction: r.direction,
    authorType: r.authorType,
    author: r.authorUserId ? { id: r.authorUserId, name: r.authorName ?? "" } : null,
    kind: r.kind,
    text: r.text,
    payload: r.payload,
    status: r.status,
    error: r.error,
    replyToMessageId: r.replyToMessageId,
    clientMessageId: r.clientMessageId,
    /** The customer edited it on WhatsApp (the earlier text is kept in the message's history). */
    editedAt: r.editedAt?.toISOString() ?? null,
    /** The customer deleted it on WhatsApp: its content is no longer shown. */
    revokedAt: r.revokedAt?.toISOString() ?? null,
    /** Sent by the business from the WhatsApp Business app, not from Sportello. */
    echo: r.echo,
    createdAt: r.createdAt.toISOString(),
    /** pending | stored | failed for inbound media; null otherwise. */
    mediaStatus: (r.mediaStatus ?? null) as "pending" | "stored" | "failed" | null,
  };
}

export type MessageDto = ReturnType<typeof toMessageDto>;
export type MessagePage = { items: MessageDto[]; nextCursor: string | null };

const ph = placeholders("workspaceId", "conversationId", "cursorTs", "cursorId");

/** A thread's page as a named statement per (cursor or not, page size): lib/db/prepared.ts. */
function preparedThreadPage(db: Db, shape: { cursor: boolean; pageSize: number }) {
  return preparedRead(db, `messages.page:${JSON.stringify(shape)}`, () => {
    const where = [sql`${messages.workspaceId} = ${ph.workspaceId}::uuid`, sql`${messages.conversationId} = ${ph.conversationId}::uuid`];
    if (shape.cursor) where.push(sql`(${messages.createdAt}, ${messages.id}) < (${ph.cursorTs}::timestamptz, ${ph.cursorId}::uuid)`);
    return db
      .select(columns)
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorUserId))
      .leftJoin(mediaFiles, and(eq(mediaFiles.id, mediaFileOf), eq(mediaFiles.workspaceId, messages.workspaceId)))
      .where(and(...where))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(literalLimit(shape.pageSize + 1));
  });
}

const preparedConversationExists = (db: Db) =>
  preparedRead(db, "messages.conversation-exists", () =>
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(sql`${conversations.workspaceId} = ${ph.workspaceId}::uuid`, sql`${conversations.id} = ${ph.conversationId}::uuid`))
      .limit(1),
  );

/** Newest first, keyset by (created_at, id); the thread reverses a page for display. */
export async function findMessages(db: Db, workspaceId: string, conversationId: string, input: { cursor?: string; limit: number }): Promise<MessagePage> {
  const [conv] = await preparedConversationExists(db).execute({ workspaceId, conversationId });
  if (!conv) throw conversationErrors.notFound();
  const c = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = (await preparedThreadPage(db, { cursor: !!c, pageSize: pageSizeFor(input.limit) }).execute({
    workspaceId,
    conversationId,
    cursorTs: c?.ts ?? null,
    cursorId: c?.id ?? null,
  })) as (MessageRow & { cursorTs: string })[];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toMessageDto),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.cursorTs, last.id) : null,
  };
}

/**
 * Messages by id, each exactly as `findMessages` returns it (realtime hydrates events with these).
 * Ids from another workspace are not returned.
 */
export async function findMessageDtos(db: Db, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<MessageDto[]> {
  if (ids.length === 0) return [];
  const rows = (await db
    .select(columns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(mediaFiles, eq(mediaFiles.id, mediaFileOf))
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, [...new Set(ids)])))) as MessageRow[];
  return rows.map(toMessageDto);
}
